import { AppError, type Mode } from '../../../shared/contract';
import { deliveryPauseReason } from '../../../shared/carrier/error-codes';
import { CarrierError, CarrierNotReady } from '../ports/carrier-gateway';
import type { DueMessage } from '../ports/stores/outbox-store';
import type { Outcome } from './outcomes';
import type { SendThrottle } from './throttle';

export interface FailurePolicyOptions {
  /** The carrier adapter's request timeout: an in-flight request is never looked up before it. */
  requestTimeoutMs: number;
  /** Wait after an in-doubt attempt ended before the first look-up. */
  reconcileGraceMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  random: () => number;
  /** How long a delivery status that holds sending back (see the shared table) holds it, at first. */
  deliveryHoldMs?: number;
  logError?: (message: string, error: unknown) => void;
}

const ACCOUNT_FIX_WAIT_MS = 60_000;
/** An account problem is asked about again at most this far apart while it lasts. */
const ACCOUNT_FIX_MAX_MS = 15 * 60_000;
const DELIVERY_HOLD_MS = 10 * 60_000;
const DELIVERY_HOLD_MAX_MS = 2 * 3_600_000;
const SET_UP_WAIT_MS = 30_000;
const RECONNECT_FIRST_MS = 1_000;

/**
 * What a failed send means for its row, and whether the mode must pause. It acts only on the
 * adapter's classification (`CarrierError.retryHint`, from the shared table of carrier codes):
 * no carrier code appears here.
 */
export class FailurePolicy {
  constructor(
    private readonly throttle: SendThrottle,
    private readonly o: FailurePolicyOptions,
  ) {}

  outcomeOf(row: DueMessage, error: unknown, now: number): Outcome {
    if (error instanceof CarrierNotReady) {
      // The carrier is not set up (no sending number): the pause holds the rows until set-up changes.
      this.throttle.pause(row.mode, error.message, now, SET_UP_WAIT_MS, SET_UP_WAIT_MS, true);
      return { kind: 'retry', row, at: now, code: null };
    }
    if (error instanceof AppError) {
      // Connecting failed before any request left (e.g. the Sandbox would not start): a real
      // failure to see in the log, tried again after a growing wait, not a set-up pause.
      this.o.logError?.('could not connect to the carrier', error);
      return this.retryLater(row, now, null);
    }
    if (!(error instanceof CarrierError)) {
      this.o.logError?.('unexpected error while sending', error);
      return this.inDoubt(row, now);
    }
    switch (error.retryHint) {
      case 'look_up_first':
        return this.inDoubt(row, now);
      case 'reconnect':
        this.throttle.pause(row.mode, error.userMessage, now, RECONNECT_FIRST_MS);
        return this.retryLater(row, now, error.code);
      case 'slow_down':
        this.throttle.slowDown(row.mode, error.userMessage, now);
        return this.retryLater(row, now, error.code);
      case 'back_off':
        return this.retryLater(row, now, error.code);
      case 'wait_for_fix':
        // Every row would fail the same way: wait for an admin to fix the account.
        this.throttle.pause(row.mode, error.userMessage, now, ACCOUNT_FIX_WAIT_MS, ACCOUNT_FIX_MAX_MS);
        return { kind: 'retry', row, at: now + ACCOUNT_FIX_WAIT_MS, code: error.code };
      case 'never':
        return { kind: 'rejected', row, code: error.code, message: error.userMessage };
    }
  }

  /**
   * A text's delivery status came back with a code the shared table says holds sending back (a
   * number blocked as unregistered, texts filtered as spam): more of the same would meet the same
   * block, so the mode waits and the status says why. True when sending is now held.
   */
  afterDelivery(mode: Mode, errorCode: number | null, now: number): boolean {
    const reason = deliveryPauseReason(errorCode);
    if (reason === null) return false;
    const first = this.o.deliveryHoldMs ?? DELIVERY_HOLD_MS;
    this.throttle.hold(mode, reason, now, first, Math.max(first, DELIVERY_HOLD_MAX_MS));
    return true;
  }

  /**
   * The first look-up waits for the grace after the attempt ended, and never comes before the
   * request timeout plus the grace after the claim — as after a crash — however fast it failed:
   * a reset or a 5xx does not prove the carrier is done with the request.
   */
  inDoubt(row: DueMessage, now: number): Outcome {
    const ended = Math.max(now, (row.claimedAt ?? now) + this.o.requestTimeoutMs);
    return { kind: 'in_doubt', row, at: ended + this.o.reconcileGraceMs };
  }

  /** Growing, jittered waits: half the step for sure, the other half at random. */
  backoff(attempts: number): number {
    const base = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(base / 2 + this.o.random() * (base / 2));
  }

  private retryLater(row: DueMessage, now: number, code: number | null): Outcome {
    return { kind: 'retry', row, at: now + this.backoff(row.attempts), code };
  }
}

