import { MAX_SENDS_NAMED, type DataArea, type EventPayload } from '../../../shared/contract';
import type { Clock } from '../ports/clock';

/** What one change of the sending module touched. */
export interface Touched {
  /** Sends whose texts changed; `all` when it cannot say which (a new send, an opt-out). */
  sends?: readonly number[] | 'all';
  /** A pause of the engine began or ended: shown with the sends. */
  status?: boolean;
  /** Credits were held, given back or added: the balance moved. */
  credits?: boolean;
  /** Only the credits held for texts waiting to send moved (texts were handed to the carrier). */
  held?: boolean;
  consent?: boolean;
}

/** A send of thousands changes rows constantly; the windows need a refresh a few times a second at most. */
export const CHANGE_EVENT_GAP_MS = 300;
/**
 * The "held" figure beside the balance counts down as texts leave; reading the balance again that
 * often for it alone would be most of a window's calls during a send, so it follows more slowly.
 */
export const HELD_EVENT_GAP_MS = 2_000;

/**
 * Gathers what the sending module changed and announces it as `data.changed`, naming the sends
 * and saying whether credits or consent moved, at most every CHANGE_EVENT_GAP_MS — and always once
 * after the last change, so the final figures are shown.
 */
export class ChangeAnnouncer {
  private readonly sends = new Set<number>();
  private allSends = false;
  private status = false;
  private credits = false;
  private held = false;
  private consent = false;
  private lastEvent = Number.NEGATIVE_INFINITY;
  private lastHeld = Number.NEGATIVE_INFINITY;
  private timer: { handle: ReturnType<typeof setTimeout>; at: number } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly emit: (change: EventPayload<'data.changed'>) => void,
  ) {}

  touched(t: Touched): void {
    if (t.sends === 'all') this.allSends = true;
    else for (const id of t.sends ?? []) this.sends.add(id);
    this.status ||= t.status === true;
    this.credits ||= t.credits === true;
    this.held ||= t.held === true;
    this.consent ||= t.consent === true;
    this.schedule();
  }

  /** Nothing more is announced (the app is closing). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private anythingButHeld(): boolean {
    return this.allSends || this.sends.size > 0 || this.status || this.credits || this.consent;
  }

  /** When the next event may go; null when there is nothing to say. */
  private dueAt(): number | null {
    const next = this.lastEvent + CHANGE_EVENT_GAP_MS;
    if (this.anythingButHeld()) return next;
    return this.held ? Math.max(next, this.lastHeld + HELD_EVENT_GAP_MS) : null;
  }

  private schedule(): void {
    const at = this.dueAt();
    if (at === null || (this.timer !== null && this.timer.at <= at)) return;
    this.stop();
    const wait = at - this.clock.now();
    if (wait <= 0) return this.announce();
    const handle = setTimeout(() => {
      this.timer = null;
      this.announce();
    }, wait);
    handle.unref?.();
    this.timer = { handle, at };
  }

  private announce(): void {
    const now = this.clock.now();
    // A change to the balance reads the held figure too; alone, the held figure waits its turn.
    const heldNow = this.held && (this.credits || now >= this.lastHeld + HELD_EVENT_GAP_MS);
    if (!this.anythingButHeld() && !heldNow) return this.schedule();
    const areas: DataArea[] = [];
    if (this.allSends || this.sends.size > 0 || this.status) areas.push('sends');
    if (this.credits) areas.push('credits');
    if (this.consent) areas.push('consent');
    const named = !this.allSends && this.sends.size <= MAX_SENDS_NAMED;
    const change: EventPayload<'data.changed'> = {
      areas,
      ...(areas.includes('sends') && named ? { sends: [...this.sends] } : {}),
      ...(heldNow && !this.credits ? { creditsHeld: true } : {}),
    };
    if (heldNow) {
      this.held = false;
      this.lastHeld = now;
    }
    this.sends.clear();
    this.allSends = this.status = this.credits = this.consent = false;
    this.lastEvent = now;
    this.emit(change);
    // A held figure left for later still gets its turn.
    this.schedule();
  }
}
