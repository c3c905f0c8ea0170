import { modes, type Mode } from '../../../shared/contract';

/** Why sending is paused for a mode, as the status screen shows it. */
export interface PauseInfo {
  until: number;
  reason: string;
}

interface Pause extends PauseInfo {
  backoffMs: number;
  /** A pause for the app's own set-up (no sending number yet): lifted as soon as set-up changes. */
  setup: boolean;
  /** Held for what delivery statuses showed: only time lifts it, not the carrier taking a request. */
  held: boolean;
}

/**
 * How many requests may be in flight, and which modes may send at all. Concurrency is halved
 * when the carrier says "too many" and regrown by one over a full window of successes (AIMD);
 * a pause holds a whole mode back while the carrier is unreachable or the account needs a fix.
 */
export class SendThrottle {
  private concurrency: number;
  /** The most requests at once for now: `maxInFlight`, or more while a fast pace needs them. */
  private ceiling: number;
  private lastCut = Number.NEGATIVE_INFINITY;
  private readonly paused = new Map<Mode, Pause>();

  constructor(
    private readonly maxInFlight: number,
    private readonly random: () => number = Math.random,
  ) {
    this.concurrency = maxInFlight;
    this.ceiling = maxInFlight;
  }

  /** Requests allowed at once right now. */
  limit(): number {
    return Math.floor(this.concurrency);
  }

  /**
   * A pace needs `wanted` requests at once (pace × how long a request takes): the ceiling follows,
   * never below `maxInFlight` nor above `most`. Growth toward it still comes one success at a time,
   * and a "too many" from the carrier still halves.
   */
  want(wanted: number, most: number): void {
    this.ceiling = Math.max(this.maxInFlight, Math.min(most, Math.ceil(wanted)));
    this.concurrency = Math.min(this.concurrency, this.ceiling);
  }

  /** The carrier took a request: grow back toward the ceiling. */
  succeeded(): void {
    this.concurrency = Math.min(this.ceiling, this.concurrency + 1 / this.concurrency);
  }

  /** The carrier asked for fewer requests: halve (once per burst of refusals) and pause briefly. */
  slowDown(mode: Mode, reason: string, now: number): void {
    if (now - this.lastCut >= 100) {
      this.concurrency = Math.max(1, this.concurrency / 2);
      this.lastCut = now;
    }
    this.pause(mode, reason, now, 100, 2_000);
  }

  /**
   * Holds `mode` back. Failures of requests that left together are one signal, not many: only a
   * failure after the pause ended (the carrier was tried again) doubles it.
   */
  pause(mode: Mode, reason: string, now: number, firstMs: number, maxMs = 30_000, setup = false): void {
    const current = this.paused.get(mode);
    if (current !== undefined && current.until > now) return;
    const previous = current?.held === true ? undefined : current;
    const backoffMs = previous === undefined ? firstMs : Math.min(maxMs, previous.backoffMs * 2);
    this.paused.set(mode, { until: now + Math.round(backoffMs * (0.75 + this.random() * 0.5)), reason, backoffMs, setup, held: false });
  }

  /**
   * Holds `mode` back for what delivery statuses showed (texts blocked as unregistered, filtered
   * as spam): the carrier still takes requests, so an accepted one does not lift it; only its time
   * does. It doubles while the same keeps happening, and starts over once it has been quiet a while.
   */
  hold(mode: Mode, reason: string, now: number, firstMs: number, maxMs: number): void {
    const current = this.paused.get(mode);
    if (current?.held === true && current.until > now) return;
    const again = current?.held === true && now - current.until < maxMs;
    const backoffMs = again ? Math.min(maxMs, current.backoffMs * 2) : firstMs;
    this.paused.set(mode, { until: now + Math.round(backoffMs * (0.75 + this.random() * 0.5)), reason, backoffMs, setup: false, held: true });
  }

  /** The carrier answered: the mode sends again (a hold runs its time). True when a pause was lifted. */
  resume(mode: Mode): boolean {
    if (this.paused.get(mode)?.held === true) return false;
    return this.paused.delete(mode);
  }

  /** Set-up changed (a number was registered): asking again costs no carrier request. */
  liftSetUpPauses(): void {
    for (const [mode, p] of this.paused) if (p.setup) this.paused.delete(mode);
  }

  /** `mode` is not paused at `now`. */
  isActive(mode: Mode, now: number): boolean {
    return (this.paused.get(mode)?.until ?? 0) <= now;
  }

  /** Modes not paused at `now`. */
  activeModes(now: number): Mode[] {
    return modes.filter((mode) => (this.paused.get(mode)?.until ?? 0) <= now);
  }

  /** Pauses still running at `now`. */
  pausedAt(now: number): Partial<Record<Mode, PauseInfo>> {
    const paused: Partial<Record<Mode, PauseInfo>> = {};
    for (const [mode, p] of this.paused) if (p.until > now) paused[mode] = { until: p.until, reason: p.reason };
    return paused;
  }
}
