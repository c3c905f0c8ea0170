import type { Mode } from '../../../shared/contract';
import { isWithinHours, type AvailableHours } from '../../../shared/hours/sms-hours';
import type { CarrierGateway } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { DueMessage, MessageChange, PollTarget } from '../ports/stores/outbox-store';
import { recordOutcomes, type Outcome, type OutcomeEffects } from './outcomes';
import { FailurePolicy } from './failure-policy';
import { Pacer } from './pacer';
import { EmptyLookUps, findSentCopy } from './reconcile';
import type { SendWriter } from './send-writer';
import { SendThrottle } from './throttle';

/** How the engine reaches the carrier a message was queued for. */
export interface SendingCarrier {
  /** Throws AppError when that carrier is not set up (no credentials, no sending number). */
  connect(mode: Mode): Promise<{ gateway: CarrierGateway; messagingServiceSid: string }>;
}

export interface DispatcherOptions {
  /** Requests to the carrier at once (sends and look-ups). */
  maxInFlight?: number;
  /** Status checks at once, besides sends. */
  maxPolls?: number;
  /** Segments per second; null = unpaced. Read before every round so a settings change applies at once. */
  messagesPerSecond: () => number | null;
  availableHours: () => AvailableHours;
  /** The carrier adapter's request timeout: an in-flight request is never looked up before it. */
  requestTimeoutMs?: number;
  /**
   * Wait after an in-doubt attempt ended (and at least the request timeout after its claim)
   * before the first look-up: time for a late request to land and the carrier's log to show it.
   */
  reconcileGraceMs?: number;
  /** Wait after a look-up that found nothing before the second one; only then is the text sent again. */
  lookAgainMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long sending is held, at first, after a delivery status such as 30034 or 30007. */
  deliveryHoldMs?: number;
  random?: () => number;
  onChange?: () => void;
  /**
   * A round finished: the outbox was looked at with everything known so far. "Nothing was sent"
   * is proven by rounds that sent nothing, never by waiting a while.
   */
  onRound?: () => void;
  logError?: (message: string, error: unknown) => void;
}

/** Knobs that are plain data, so they can cross to the sending thread. */
export type DispatcherTuning = Partial<
  Pick<DispatcherOptions, 'maxInFlight' | 'maxPolls' | 'requestTimeoutMs' | 'reconcileGraceMs' | 'lookAgainMs' | 'retryBaseMs' | 'retryMaxMs' | 'deliveryHoldMs'>
>;

/** What drains the outbox: the Dispatcher itself, or a thread running one. */
export interface SendingEngine {
  start(): void;
  /** Lets requests in flight finish and records their outcomes, then returns. */
  stop(): Promise<void>;
  /** New work was queued, or the app's set-up changed (a number was registered): look at the outbox soon. */
  notify(): void;
  status(): EngineStatus;
}

export interface EngineStatus {
  /** Why sending is paused for a mode (offline, or an account problem an admin must fix). */
  paused: Partial<Record<Mode, { until: number; reason: string }>>;
  inFlight: number;
}

const IDLE_TICK_MS = 1000;
/** Each request costs main-thread time to build; starting a few per round keeps every turn short. */
const MAX_STARTS_PER_ROUND = 8;
/** While paced, rounds are at least this far apart so one commit covers several claims. */
const PACED_ROUND_GAP_MS = 20;

/**
 * The outbox's only sender. Every round it commits, in ONE transaction, the outcomes learned
 * since the last round and the claims for the next messages — so a claim is durable before its
 * request leaves, and one fsync covers many rows. A claimed row whose outcome is unknown is
 * looked up in the carrier's log (reconcile) before it may be sent again — twice, some seconds
 * apart, before it counts as never sent: never twice, never lost.
 */
export class Dispatcher implements SendingEngine {
  private readonly inFlight = new Set<number>();
  private readonly pollsInFlight = new Set<number>();
  private readonly reconcilingNumbers = new Set<string>();
  private readonly outcomes: Outcome[] = [];
  private readonly pacer: Pacer;
  /** Requests at once, and which modes are paused. */
  private readonly throttle: SendThrottle;
  /** What a failed request means for its row. */
  private readonly policy: FailurePolicy;
  private readonly emptyLookUps: EmptyLookUps;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private wakeQueued = false;
  private readonly o: Required<Omit<DispatcherOptions, 'onChange' | 'onRound' | 'logError'>> & Pick<DispatcherOptions, 'onChange' | 'onRound' | 'logError'>;

  constructor(
    private readonly storage: Storage,
    private readonly writer: SendWriter,
    private readonly carrier: SendingCarrier,
    private readonly clock: Clock,
    private readonly effects: OutcomeEffects,
    options: DispatcherOptions,
  ) {
    this.o = {
      maxInFlight: 16, maxPolls: 4, requestTimeoutMs: 15_000, reconcileGraceMs: 5_000, lookAgainMs: 10_000, retryBaseMs: 1_000, retryMaxMs: 60_000, deliveryHoldMs: 10 * 60_000,
      random: Math.random, ...options,
    };
    this.pacer = new Pacer(this.o.messagesPerSecond());
    this.emptyLookUps = new EmptyLookUps(this.o.lookAgainMs);
    this.throttle = new SendThrottle(this.o.maxInFlight, this.o.random);
    this.policy = new FailurePolicy(this.throttle, this.o);
  }

  start(): void {
    this.stopped = false;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Lets requests in flight finish and records their outcomes, then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSoon();
    await this.running;
  }

  /**
   * New work, or the set-up changed: run a round soon. A pause for the app's own set-up (no
   * sending number yet) ends here, since asking again costs no carrier request.
   */
  notify(): void {
    this.throttle.liftSetUpPauses();
    this.wakeSoon();
  }

  /** Runs a round soon (coalesced, so a burst costs one round). */
  private wakeSoon(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.wake?.();
    });
  }

  status(): EngineStatus {
    return { paused: this.throttle.pausedAt(this.clock.now()), inFlight: this.inFlight.size };
  }

  private async loop(): Promise<void> {
    while (!this.stopped || this.inFlight.size + this.pollsInFlight.size > 0 || this.outcomes.length > 0) {
      let sleepMs = IDLE_TICK_MS;
      try {
        sleepMs = await this.round();
      } catch (error) {
        this.o.logError?.('sending round failed', error);
      }
      this.o.onRound?.();
      if (this.stopped && this.inFlight.size + this.pollsInFlight.size === 0 && this.outcomes.length === 0) break;
      await this.sleep(sleepMs);
    }
  }

  /** One round; returns how long to sleep unless woken earlier. */
  private async round(): Promise<number> {
    const now = this.clock.now();
    // Writing a big send's rows is spread over rounds so no round blocks for long.
    const expanding = await this.writer.writeNextChunk(now);
    this.pacer.setRate(this.o.messagesPerSecond());
    const modes = this.activeModes(now);
    const open = isWithinHours(this.o.availableHours(), now);
    const room = this.stopped ? 0 : Math.min(this.throttle.limit() - this.inFlight.size, this.pacer.allowance(now), MAX_STARTS_PER_ROUND);
    const learned = this.outcomes.splice(0, this.outcomes.length);

    // One transaction, a few store calls on arrays: the outcomes learned and the next claims.
    let optOuts: string[] = [];
    const started = await this.storage.transaction(async (tx) => {
      optOuts = await recordOutcomes(tx, learned, this.clock.now());
      if (room <= 0 || modes.length === 0) return [];
      const due = (await tx.outbox.due({ now, withinHours: open, modes, limit: room + this.inFlight.size })).filter((row) => !this.inFlight.has(row.id));
      const picked: DueMessage[] = [];
      const claims: MessageChange[] = [];
      for (const row of due) {
        if (picked.length >= room || this.reconcilingNumbers.has(row.to)) continue;
        const checkAfter = now + this.o.requestTimeoutMs + this.o.reconcileGraceMs;
        if (row.inDoubt) {
          claims.push({ kind: 'checkLater', id: row.id, at: checkAfter });
          picked.push(row);
        } else {
          claims.push({ kind: 'claim', id: row.id, checkAfter });
          picked.push({ ...row, claimedAt: now });
        }
      }
      if (claims.length > 0) await tx.outbox.apply(claims, now);
      return picked;
    });
    // The carrier's opt-outs change consent, the outbox and the ledger in their own transaction.
    for (const phone of optOuts) this.effects.optOut(phone);

    for (const row of started) {
      this.inFlight.add(row.id);
      if (row.inDoubt) {
        this.reconcilingNumbers.add(row.to);
        void this.reconcile(row);
      } else {
        this.pacer.consume(row.credits);
        void this.send(row);
      }
    }
    if (!this.stopped) await this.startPolls(now);
    if (learned.length > 0 || started.length > 0) this.o.onChange?.();

    if (expanding) return 0;
    const full = this.inFlight.size >= this.throttle.limit();
    if (this.pacer.waitMs() > 0 && !full) return Math.max(this.pacer.waitMs(), PACED_ROUND_GAP_MS);
    if (started.length > 0 && !full) return 0;
    if (this.inFlight.size > 0) return IDLE_TICK_MS;
    const next = modes.length === 0 ? null : await this.storage.outbox.nextDueAt(open, modes);
    return next === null ? IDLE_TICK_MS : Math.min(IDLE_TICK_MS, Math.max(0, next - now));
  }

  private activeModes(now: number): Mode[] {
    return this.throttle.activeModes(now);
  }

  private async send(row: DueMessage): Promise<void> {
    try {
      const { gateway, messagingServiceSid } = await this.carrier.connect(row.mode);
      const message = await gateway.sendMessage({ to: row.to, body: row.text, messagingServiceSid, validityPeriodSeconds: row.validitySeconds });
      this.resume(row.mode);
      this.throttle.succeeded();
      this.record({ kind: 'accepted', row, message });
    } catch (error) {
      this.record(this.policy.outcomeOf(row, error, this.clock.now()));
    } finally {
      this.inFlight.delete(row.id);
    }
  }

  private async reconcile(row: DueMessage): Promise<void> {
    try {
      const { gateway } = await this.carrier.connect(row.mode);
      const copy = await findSentCopy(gateway, row, (sid) => this.storage.outbox.isSidTaken(sid));
      this.resume(row.mode);
      if (copy !== null) {
        // Found: it went out, adopt it.
        this.emptyLookUps.forget(row.id);
        this.record({ kind: 'accepted', row, message: copy });
        return;
      }
      // Not found: sent again only once a second look-up, some seconds later, finds nothing too.
      const wait = this.emptyLookUps.waitBeforeResend(row.id);
      const now = this.clock.now();
      this.record(wait === 0 ? { kind: 'retry', row, at: now, code: null } : { kind: 'in_doubt', row, at: now + wait });
    } catch (error) {
      const outcome = this.policy.outcomeOf(row, error, this.clock.now());
      // A failed look-up proves nothing: the row stays in doubt.
      this.record({ kind: 'in_doubt', row, at: outcome.kind === 'retry' ? outcome.at : this.clock.now() + this.o.retryMaxMs });
    } finally {
      this.reconcilingNumbers.delete(row.to);
      this.inFlight.delete(row.id);
    }
  }

  private async startPolls(now: number): Promise<void> {
    const room = this.o.maxPolls - this.pollsInFlight.size;
    if (room <= 0) return;
    const modes = this.activeModes(now);
    const targets = (await this.storage.outbox.pollDue(now, room + this.pollsInFlight.size)).filter((t) => !this.pollsInFlight.has(t.id) && modes.includes(t.mode));
    for (const target of targets.slice(0, room)) {
      this.pollsInFlight.add(target.id);
      void this.poll(target);
    }
  }

  private async poll(target: PollTarget): Promise<void> {
    try {
      const { gateway } = await this.carrier.connect(target.mode);
      this.record({ kind: 'status', target, message: await gateway.fetchMessage(target.sid) });
    } catch {
      this.record({ kind: 'status', target, message: null });
    } finally {
      this.pollsInFlight.delete(target.id);
    }
  }

  private resume(mode: Mode): void {
    if (this.throttle.resume(mode)) this.o.onChange?.();
  }

  private record(outcome: Outcome): void {
    // A delivery status can say the rest of a send would meet the same block: hold it back.
    const seen =
      outcome.kind === 'accepted' ? { mode: outcome.row.mode, message: outcome.message }
      : outcome.kind === 'status' && outcome.message !== null ? { mode: outcome.target.mode, message: outcome.message }
      : null;
    if (seen !== null && this.policy.afterDelivery(seen.mode, seen.message.errorCode, this.clock.now())) this.o.onChange?.();
    this.outcomes.push(outcome);
    this.wakeSoon();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
