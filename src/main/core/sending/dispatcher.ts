import type { Mode } from '../../../shared/contract';
import { isWithinHours, type AvailableHours } from '../../../shared/hours/sms-hours';
import type { CarrierGateway } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { DueMessage, MessageChange, PollTarget } from '../ports/stores/outbox-store';
import { ChangeCollector, type EngineChange } from './engine-change';
import { recordOutcomes, type Outcome, type OutcomeEffects } from './outcomes';
import { FailurePolicy } from './failure-policy';
import { Pacer } from './pacer';
import { EmptyLookUps, findSentCopy } from './reconcile';
import { RoundTimer } from './engine-round-timer';
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
  /** Rows changed, or a pause began or ended; says what, so the windows read again only that. */
  onChange?: (change: EngineChange) => void;
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
/**
 * While paced, rounds are at least this far apart so one commit covers several claims: about ten
 * texts' worth of the pace, between 20 and 50 ms (2-3 a round at 50/s, 10 at 200/s, 20 at
 * 1,000/s). At most half the pacer's bucket (a tenth of a second): a round that comes a little
 * late still finds every slot of its gap in the bucket.
 */
const PACED_ROUND_GAP_MS = { min: 20, max: 50, texts: 10 };
/**
 * Unpaced, texts held claimed per request slot (in flight plus claimed ahead): a request starts
 * the moment another ends, from texts whose claims are already committed, and one commit claims
 * many (a commit waits for the disk, ~0.3-5 ms here). A round refills the claims once no more
 * than one slot's worth are left.
 */
const HELD_PER_SLOT = 8;
/**
 * Paced, texts are claimed ahead (beside the request slots) up to what the pace allows in this
 * long, the longest gap between paced rounds: the texts for the next gap are committed before it
 * starts, even when a busy machine wakes the thread late. It used to be capped at the request
 * slots too; with 16 slots at 1,000/s a round could claim at most 16 while rounds came 20-37 ms
 * apart beside busy programs, and the send kept 82-88 % of its pace. These texts took their
 * slots from the pacer when claimed, so a slow carrier that answers again after holding every
 * slot sees at most this long's worth of the pace at once, less than the pacer's own catch-up.
 */
const PACED_AHEAD_MS = PACED_ROUND_GAP_MS.max;
/**
 * Paced, requests at once follow the pace: pace × how long a request takes (its recent average),
 * with half as much again to spare, up to this many. With a fixed window of 16 a carrier that
 * answers in 150 ms could never be asked for more than ~100 texts a second.
 */
const PACED_MAX_IN_FLIGHT = 64;
const PACED_WINDOW_SPARE = 1.5;
/** Weight of the newest request in the average request time. */
const REQUEST_TIME_WEIGHT = 0.1;
/** A round's claims and outcomes stay small enough to keep its commit short. */
const MAX_CLAIMS_PER_ROUND = 128;
const MAX_OUTCOMES_PER_ROUND = 128;
/** How long an outcome may wait for others to share its commit while texts are going out. */
const OUTCOME_WAIT_MS = 50;
/**
 * A claimed text starts within this long of its claim, or is handed back unsent. Its look-up
 * time (after a crash) counts this too, so a request is never looked up sooner than the request
 * timeout plus the grace after it left.
 */
const READY_MAX_AGE_MS = 1_000;
/** Status checks read ahead per check that may run at once. */
const POLLS_AHEAD_PER_SLOT = 4;
/** Texts held claimed at most (in flight and claimed ahead), for `limit` request slots at `pace`. */
function heldAtMost(limit: number, pace: number | null): number {
  if (pace === null) return limit * HELD_PER_SLOT;
  return limit + Math.floor((pace * PACED_AHEAD_MS) / 1000);
}
const pauseChanged: EngineChange = { sends: [], refunded: false, held: false, status: true };

/**
 * The outbox's only sender. Every round it commits, in ONE transaction, the outcomes learned
 * since the last round and the claims for the next messages — so a claim is durable before its
 * request leaves, and one fsync covers many rows. Texts are claimed ahead of the free request
 * slots: when a request ends, the next claimed text leaves at once, and a round (a commit) is
 * needed only every few dozen texts. A claimed row whose outcome is unknown is looked up in the
 * carrier's log (reconcile) before it may be sent again — twice, some seconds apart, before it
 * counts as never sent: never twice, never lost. A claimed text that was never started (the
 * engine is stopping, or its mode paused) is handed back as waiting, never sent.
 */
export class Dispatcher implements SendingEngine {
  private readonly inFlight = new Set<number>();
  /** Claimed and committed, not started yet: the next requests, in due order. */
  private ready: DueMessage[] = [];
  /** Every claimed row this dispatcher holds (ready or in flight): its number, and when the outbox shows it due again. */
  private readonly held = new Map<number, { to: string; checkAfter: number }>();
  /** The last round claimed all it asked for: more may be waiting. */
  private moreDue = false;
  private readonly pollsInFlight = new Set<number>();
  /** Status checks due, read ahead by the last round. */
  private pollQueue: PollTarget[] = [];
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
  private readonly timer = new RoundTimer();
  /** Recent average time from a send's start to the carrier's answer, in ms; null before the first. */
  private requestMs: number | null = null;
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
    this.timer.soon();
    await this.running;
  }

  /**
   * New work, or the set-up changed: run a round soon. A pause for the app's own set-up (no
   * sending number yet) ends here, since asking again costs no carrier request.
   */
  notify(): void {
    this.throttle.liftSetUpPauses();
    this.timer.soon();
  }

  status(): EngineStatus {
    return { paused: this.throttle.pausedAt(this.clock.now()), inFlight: this.inFlight.size };
  }

  private async loop(): Promise<void> {
    while (!this.stopped || !this.drained()) {
      let sleepMs = IDLE_TICK_MS;
      try {
        sleepMs = await this.round();
      } catch (error) {
        this.o.logError?.('sending round failed', error);
      }
      this.o.onRound?.();
      if (this.stopped && this.drained()) break;
      await this.timer.sleep(sleepMs);
    }
  }

  /** Nothing in flight, nothing claimed ahead, no outcome left to record. */
  private drained(): boolean {
    return this.inFlight.size + this.pollsInFlight.size + this.ready.length + this.outcomes.length === 0;
  }

  /** One round; returns how long to sleep unless woken earlier. */
  private async round(): Promise<number> {
    const now = this.clock.now();
    // Writing a big send's rows is spread over rounds so no round blocks for long.
    const chunk = await this.writer.writeNextChunk(now);
    const expanding = chunk !== null;
    const pace = this.o.messagesPerSecond();
    this.pacer.setRate(pace);
    const modes = this.activeModes(now);
    const open = isWithinHours(this.o.availableHours(), now);
    if (pace !== null && this.requestMs !== null) this.throttle.want((pace * this.requestMs * PACED_WINDOW_SPARE) / 1000, PACED_MAX_IN_FLIGHT);
    const limit = this.throttle.limit();
    const handedBack = this.handBackUnstartable(modes, now);
    const checkAfter = now + this.o.requestTimeoutMs + this.o.reconcileGraceMs + READY_MAX_AGE_MS;
    const slots = heldAtMost(limit, pace);
    const room = this.stopped ? 0 : Math.min(slots - this.held.size, this.pacer.allowance(now, this.moreDue), MAX_CLAIMS_PER_ROUND);
    const learned = this.outcomes.splice(0, this.outcomes.length);
    for (const row of handedBack) learned.push({ kind: 'retry', row, at: now, code: null });

    // One transaction, a few store calls on arrays: the outcomes learned and the next claims.
    let optOuts: string[] = [];
    const change = new ChangeCollector();
    if (chunk !== null) change.add({ sends: [chunk.sendId], refunded: chunk.refunded, held: chunk.refunded });
    const wantsClaims = room > 0 && modes.length > 0;
    const claimed = !wantsClaims && learned.length === 0 ? [] : await this.storage.transaction(async (tx) => {
      const recorded = await recordOutcomes(tx, learned, this.clock.now());
      optOuts = recorded.optOuts;
      change.add(recorded.change);
      if (!wantsClaims) return [];
      // A held row shows as due only once its request could have timed out; ask for those too.
      const due = (await tx.outbox.due({ now, withinHours: open, modes, limit: room + this.heldDueBy(now) })).filter((row) => !this.held.has(row.id));
      const picked: DueMessage[] = [];
      const claims: MessageChange[] = [];
      // A number is either looked up or sent to, never both at once: an in-doubt text's look-up could
      // otherwise take another text's copy for its own. A second text to a number waits for the first.
      const busy = new Set(this.reconcilingNumbers);
      for (const { to } of this.held.values()) busy.add(to);
      for (const row of due) {
        if (picked.length >= room || busy.has(row.to)) continue;
        busy.add(row.to);
        if (row.inDoubt) {
          claims.push({ kind: 'lookUp', id: row.id, checkAfter });
          picked.push(row);
        } else {
          claims.push({ kind: 'claim', id: row.id, checkAfter });
          picked.push({ ...row, claimedAt: now });
        }
      }
      if (claims.length === 0) return picked;
      // Another desk sharing the database may have taken some since they were read: only what this one took goes.
      const taken = await tx.outbox.apply(claims, now);
      return picked.filter((_, i) => taken[i] === true);
    });
    if (room > 0) this.moreDue = wantsClaims && claimed.length >= room;
    // Fewer texts waited than the pace allowed (or none may go): no slot is owed for later.
    if (modes.length === 0 || (wantsClaims && claimed.length < room)) this.pacer.idle();
    // The carrier's opt-outs change consent, the outbox and the ledger in their own transaction.
    for (const phone of optOuts) this.effects.optOut(phone);

    for (const row of claimed) {
      this.held.set(row.id, { to: row.to, checkAfter });
      if (row.inDoubt) {
        this.inFlight.add(row.id);
        this.reconcilingNumbers.add(row.to);
        void this.reconcile(row);
      } else {
        this.pacer.consume(row.credits);
        this.ready.push(row);
      }
    }
    const started = this.startReady(MAX_STARTS_PER_ROUND);
    if (!this.stopped) await this.startPolls(now);
    change.add({ sends: claimed.map((row) => row.batchId) });
    if (expanding || learned.length > 0 || claimed.length > 0 || started > 0) this.o.onChange?.(change.take());

    if (expanding) return 0;
    const full = this.inFlight.size >= this.throttle.limit();
    // Claimed texts are waiting for a free slot this round did not fill (it starts only a few).
    if (!full && this.startable(this.clock.now())) return 0;
    if (this.pacer.waitMs() > 0 && !full) return Math.max(this.pacer.waitMs(), this.pacedGapMs());
    if (this.moreDue && this.held.size < slots) return 0;
    if (this.held.size > 0) return IDLE_TICK_MS;
    const next = modes.length === 0 ? null : await this.storage.outbox.nextDueAt(open, modes);
    return next === null ? IDLE_TICK_MS : Math.min(IDLE_TICK_MS, Math.max(0, next - now));
  }

  /** The least time between paced rounds at the current pace. */
  private pacedGapMs(): number {
    const pace = this.o.messagesPerSecond();
    if (pace === null || pace <= 0) return PACED_ROUND_GAP_MS.min;
    return Math.min(PACED_ROUND_GAP_MS.max, Math.max(PACED_ROUND_GAP_MS.min, (PACED_ROUND_GAP_MS.texts * 1000) / pace));
  }

  /** Held rows the outbox may already show as due: their request could have timed out by `now`. */
  private heldDueBy(now: number): number {
    let n = 0;
    for (const { checkAfter } of this.held.values()) if (checkAfter <= now) n += 1;
    return n;
  }

  /**
   * Claimed texts that may not start now — the engine is stopping, their mode was paused, or they
   * waited too long — leave the ready list; the round hands them back as waiting (their requests
   * never left).
   */
  private handBackUnstartable(modes: readonly Mode[], now: number): DueMessage[] {
    if (this.ready.length === 0) return [];
    const keep = this.stopped ? [] : this.ready.filter((row) => modes.includes(row.mode) && !this.tooOld(row, now));
    if (keep.length === this.ready.length) return [];
    const handedBack = this.ready.filter((row) => !keep.includes(row));
    this.ready = keep;
    for (const row of handedBack) this.held.delete(row.id);
    return handedBack;
  }

  private tooOld(row: DueMessage, now: number): boolean {
    return (row.claimedAt ?? now) + READY_MAX_AGE_MS < now;
  }

  /** The next ready text could start now: a slot is free, its mode is not paused, its claim is fresh. */
  private startable(now: number): boolean {
    const next = this.ready[0];
    return next !== undefined && !this.stopped && this.inFlight.size < this.throttle.limit() && this.throttle.isActive(next.mode, now) && !this.tooOld(next, now);
  }

  /** Starts claimed texts, in due order, while request slots are free; returns how many. */
  private startReady(max: number): number {
    const now = this.clock.now();
    let started = 0;
    while (started < max && this.startable(now)) {
      const row = this.ready.shift();
      if (row === undefined) break;
      this.inFlight.add(row.id);
      started += 1;
      // From here on the request may reach the carrier: the in-doubt wait counts from now.
      void this.send({ ...row, claimedAt: now });
    }
    return started;
  }

  private activeModes(now: number): Mode[] {
    return this.throttle.activeModes(now);
  }

  private async send(row: DueMessage): Promise<void> {
    let outcome: Outcome;
    try {
      const { gateway, messagingServiceSid } = await this.carrier.connect(row.mode);
      const started = this.clock.now();
      const message = await gateway.sendMessage({ to: row.to, body: row.text, messagingServiceSid, validityPeriodSeconds: row.validitySeconds });
      const took = this.clock.now() - started;
      this.requestMs = this.requestMs === null ? took : this.requestMs + REQUEST_TIME_WEIGHT * (took - this.requestMs);
      this.resume(row.mode);
      this.throttle.succeeded();
      outcome = { kind: 'accepted', row, message };
    } catch (error) {
      outcome = this.policy.outcomeOf(row, error, this.clock.now());
    }
    this.ended(row.id);
    // The slot goes to the next claimed text at once: its claim is already committed.
    this.startReady(1);
    this.record(outcome);
  }

  /** A request for a held row ended: the row is no longer this dispatcher's. */
  private ended(id: number): void {
    this.inFlight.delete(id);
    this.held.delete(id);
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
      this.ended(row.id);
    }
  }

  /**
   * Reads the next status checks due, after the round recorded the last ones, and starts them.
   * A few are kept ahead, so a check that ends is followed by the next at once, not a round later.
   */
  private async startPolls(now: number): Promise<void> {
    if (this.pollQueue.length < this.o.maxPolls) {
      const modes = this.activeModes(now);
      const want = this.o.maxPolls * POLLS_AHEAD_PER_SLOT;
      this.pollQueue = (await this.storage.outbox.pollDue(now, want + this.pollsInFlight.size))
        .filter((t) => !this.pollsInFlight.has(t.id) && modes.includes(t.mode))
        .slice(0, want);
    }
    this.startNextPolls();
  }

  /**
   * Status checks yield to sending: while texts are going out they use one request slot beside
   * the sends, so the send finishes sooner, and all `maxPolls` once it is done.
   */
  private startNextPolls(): void {
    const slots = this.inFlight.size + this.ready.length > 0 ? Math.min(1, this.o.maxPolls) : this.o.maxPolls;
    while (!this.stopped && this.pollsInFlight.size < slots) {
      const target = this.pollQueue.shift();
      if (target === undefined) return;
      this.pollsInFlight.add(target.id);
      void this.poll(target);
    }
  }

  private async poll(target: PollTarget): Promise<void> {
    let outcome: Outcome;
    try {
      const { gateway } = await this.carrier.connect(target.mode);
      outcome = { kind: 'status', target, message: await gateway.fetchMessage(target.sid) };
    } catch {
      outcome = { kind: 'status', target, message: null };
    }
    this.pollsInFlight.delete(target.id);
    this.startNextPolls();
    this.record(outcome);
  }

  private resume(mode: Mode): void {
    if (this.throttle.resume(mode)) this.o.onChange?.(pauseChanged);
  }

  private record(outcome: Outcome): void {
    // A delivery status can say the rest of a send would meet the same block: hold it back.
    const seen =
      outcome.kind === 'accepted' ? { mode: outcome.row.mode, message: outcome.message }
      : outcome.kind === 'status' && outcome.message !== null ? { mode: outcome.target.mode, message: outcome.message }
      : null;
    if (seen !== null && this.policy.afterDelivery(seen.mode, seen.message.errorCode, this.clock.now())) this.o.onChange?.(pauseChanged);
    this.outcomes.push(outcome);
    this.askForRound();
  }

  /**
   * After an outcome: a round right away when claims run low (or nothing is left going out, or
   * the engine is stopping); otherwise the outcome waits a little so one commit records many.
   */
  private askForRound(): void {
    const paced = this.o.messagesPerSecond() !== null;
    const limit = this.throttle.limit();
    if (this.stopped || this.outcomes.length >= MAX_OUTCOMES_PER_ROUND) this.timer.soon();
    else if (this.inFlight.size + this.ready.length === 0) {
      // Nothing is going out: a round soon, unless status checks are still running from the list read ahead.
      this.timer.within(this.pollQueue.length > 0 ? OUTCOME_WAIT_MS : paced ? this.pacedGapMs() : 0);
    }
    else if (this.moreDue && this.ready.length === 0 && this.inFlight.size < limit) {
      // A free slot and texts waiting: unpaced, a round at once; paced, at the next paced round,
      // which claims the gap's worth in one commit (the bucket keeps a gap's slots, so none is lost).
      if (paced) this.timer.within(this.pacedGapMs());
      else this.timer.soon();
    }
    else if (this.moreDue && this.ready.length <= (paced ? limit / 2 : limit)) this.timer.within(paced ? this.pacedGapMs() : 0);
    else this.timer.within(OUTCOME_WAIT_MS);
  }
}
