import type { Channel } from '../../../shared/contract';
import type { Handlers } from '../router';
import type { Clock } from '../ports/clock';
import type { RegistrationRecord, RegistrationStore } from '../ports/stores/registration-store';

/** While a review is under way and nothing changed lately: a brand review takes days. */
export const SLOW_CHECK_MS = 15 * 60_000;
/** Right after a submit or a change, when an answer can come quickly (the Sandbox, a re-check). */
export const FAST_CHECK_MS = 30_000;
/** How long after a submit the checks stay fast. */
export const FAST_WINDOW_MS = 5 * 60_000;
/**
 * Once approved, a brand can still be suspended and a campaign fail a later carrier review; a
 * daily look is enough to stop texts and tell the admin the same day.
 */
export const SETTLED_CHECK_MS = 24 * 3600_000;

export interface RegistrationWatcherDeps {
  /**
   * Asks the carrier for the brand's, the campaign's and the number's outcome, and records it;
   * `settled` also re-reads an approved brand and a verified campaign.
   */
  refresh(options: { settled: boolean }): Promise<unknown>;
  store: RegistrationStore;
  clock: Clock;
  /** The registration changed: screens showing it read it again. */
  onChange(): void;
  logError?: (message: string, error: unknown) => void;
  slowMs?: number;
  fastMs?: number;
  fastWindowMs?: number;
  settledMs?: number;
}

/** Whether anything is waiting on the carrier's answer. */
export function awaitingCarrier(row: RegistrationRecord): boolean {
  return row.brandState === 'in_process' || row.campaignState === 'in_process' || row.phoneState === 'in_process';
}

/** Whether an approval stands that the carrier could still take back. */
export function approvedAndWatched(row: RegistrationRecord): boolean {
  return (row.brandState === 'approved' && row.brandSid !== null) || (row.campaignState === 'verified' && row.campaignSid !== null);
}

/** The parts of the record a screen shows: a change in any of them is announced. */
function shown(row: RegistrationRecord): string {
  return JSON.stringify([row.brandState, row.brandStatus, row.failureMessage, row.campaignState, row.campaignFailureMessage, row.phoneState, row.phoneNumber]);
}

/**
 * Watches the brand, the campaign and the number while any is in review, so no one has to press
 * refresh: slowly (a review takes days), quickly for a few minutes after a submit; once approved,
 * once a day, so a suspension or a failed re-review stops texts without anyone looking. The time of the
 * next check is kept in the registration record, so a restart neither forgets a review under way
 * nor checks again at once.
 */
export class RegistrationWatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly slowMs: number;
  private readonly fastMs: number;
  private readonly fastWindowMs: number;
  private readonly settledMs: number;

  constructor(private readonly deps: RegistrationWatcherDeps) {
    this.slowMs = deps.slowMs ?? SLOW_CHECK_MS;
    this.fastMs = deps.fastMs ?? FAST_CHECK_MS;
    this.fastWindowMs = deps.fastWindowMs ?? FAST_WINDOW_MS;
    this.settledMs = deps.settledMs ?? SETTLED_CHECK_MS;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.running;
  }

  /**
   * Something was submitted or changed: check again soon (after the fast gap, not at once — the
   * call that changed it already has the carrier's first answer).
   */
  notify(): void {
    if (this.stopped) return;
    void this.serially(async () => {
      const row = await this.deps.store.read();
      const soon = this.deps.clock.now() + this.fastMs;
      if (awaitingCarrier(row) && (row.nextStatusCheckAt === null || row.nextStatusCheckAt > soon)) {
        await this.deps.store.update({ nextStatusCheckAt: soon }, this.deps.clock.now());
      }
    }).then(() => this.wake());
  }

  /** Runs any check that is due now, and resolves once it is done (tests, and the timer). */
  async checkDue(): Promise<void> {
    await this.serially(() => this.check());
  }

  private wake(): void {
    if (this.stopped) return;
    this.clearTimer();
    void this.checkDue().then(() => this.scheduleNext());
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const { nextStatusCheckAt } = await this.deps.store.read();
    if (nextStatusCheckAt === null || this.stopped) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, Math.max(0, nextStatusCheckAt - this.deps.clock.now()));
    this.timer.unref?.();
  }

  private async check(): Promise<void> {
    const before = await this.deps.store.read();
    const now = this.deps.clock.now();
    const settled = !awaitingCarrier(before);
    if (settled) {
      if (!approvedAndWatched(before)) {
        if (before.nextStatusCheckAt !== null) await this.deps.store.update({ nextStatusCheckAt: null }, now);
        return;
      }
      // Just approved (or found approved at start-up): the first settled look is a day away.
      if (before.nextStatusCheckAt === null) {
        await this.deps.store.update({ nextStatusCheckAt: now + this.settledMs }, now);
        return;
      }
    }
    // A review found on start with no check planned (an older install, a crash) is checked now.
    if (before.nextStatusCheckAt !== null && before.nextStatusCheckAt > now) return;
    try {
      await this.deps.refresh({ settled });
    } catch (error) {
      // Offline or the carrier is down: nothing is known to have changed; try again at the usual pace.
      this.deps.logError?.('checking the registration status failed', error);
    }
    const after = await this.deps.store.read();
    const next = awaitingCarrier(after) ? now + this.gapAfter(after, now) : approvedAndWatched(after) ? now + this.settledMs : null;
    await this.deps.store.update({ statusCheckedAt: now, nextStatusCheckAt: next }, this.deps.clock.now());
    if (shown(after) !== shown(before)) this.deps.onChange();
  }

  private gapAfter(row: RegistrationRecord, now: number): number {
    const lastSubmit = Math.max(row.submittedAt ?? 0, row.campaignSubmittedAt ?? 0);
    return now - lastSubmit < this.fastWindowMs ? this.fastMs : this.slowMs;
  }

  /** One check at a time: a timer and a notify never ask the carrier twice at once. */
  private serially(work: () => Promise<void>): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => this.deps.logError?.('the registration watcher failed', error));
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = null;
    });
    return next;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The calls that submit or change the registration: after each, the watcher checks again soon. */
const CHANGING_CHANNELS = [
  'registration.submitBrand', 'registration.resetBrand', 'registration.submitCampaign',
  'registration.registerPhoneNumber', 'registration.adopt', 'registration.refresh',
] as const satisfies readonly Channel[];

/** The same handlers, each changing call followed by `watcher.notify()` (whether it succeeded or not: a timeout may have changed it). */
export function notifyingAfterChanges<H extends Partial<Handlers>>(handlers: H, watcher: Pick<RegistrationWatcher, 'notify'>): H {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const channel of CHANGING_CHANNELS) {
    const handler = handlers[channel] as ((...args: unknown[]) => unknown) | undefined;
    if (handler === undefined) continue;
    wrapped[channel] = async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } finally {
        watcher.notify();
      }
    };
  }
  return wrapped as H;
}
