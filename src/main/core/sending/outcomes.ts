import type { OutboxState } from '../../../shared/contract';
import { describeCarrierError } from '../../../shared/carrier/error-codes';
import type { CarrierMessage } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { CreditLedger } from './credit-ledger';
import type { DueMessage, OutboxRepository, PollTarget } from './outbox-repository';

/** What one network call taught the dispatcher; applied in batches, one commit for many rows. */
export type Outcome =
  | { kind: 'accepted'; row: DueMessage; message: CarrierMessage }
  /** Nothing reached the carrier: send again at `at`. */
  | { kind: 'retry'; row: DueMessage; at: number; code: number | null }
  /** The carrier refused this message for good. */
  | { kind: 'rejected'; row: DueMessage; code: number | null; message: string }
  /** The request may have reached the carrier: look it up at `at` before any new attempt. */
  | { kind: 'in_doubt'; row: DueMessage; at: number }
  | { kind: 'status'; target: PollTarget; message: CarrierMessage | null };

const rank: Record<OutboxState, number> = {
  queued: 0, claimed: 1, accepted: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4, canceled: 4,
};

export const isFinal = (state: OutboxState): boolean => rank[state] === 4;

/** Twilio's many statuses in the outbox's words; unknown ones count as accepted (still polled). */
export function outboxStateFor(status: string): OutboxState {
  switch (status) {
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
    case 'partially_delivered':
      return 'undelivered';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return 'accepted';
  }
}

/** Ever longer gaps between status checks: quick while a text is fresh, gentle afterwards. */
export function nextPollAt(claimedAt: number, now: number): number | null {
  const age = now - claimedAt;
  if (age > 3 * 86_400_000) return null;
  return now + Math.min(300_000, Math.max(2_000, Math.round(age / 3)));
}

/** Failed before the carrier could send it (Twilio does not charge), or canceled: refund. */
const refunded = (state: OutboxState): boolean => state === 'failed' || state === 'canceled';

export interface OutcomeEffects {
  /** The carrier says the recipient opted out (21610): record it everywhere. */
  optOut(phone: string): void;
}

/** Applies outcomes to the outbox and the ledger; the caller wraps this in one transaction. */
export function applyOutcome(outcome: Outcome, outbox: OutboxRepository, ledger: CreditLedger, clock: Clock, effects: OutcomeEffects): void {
  const now = clock.now();
  switch (outcome.kind) {
    case 'accepted': {
      const { row, message } = outcome;
      if (outbox.isSidTaken(message.sid)) {
        // Another row already owns this carrier message; look again instead of guessing.
        outbox.checkLater(row.id, now, now);
        return;
      }
      const state = maxState('accepted', outboxStateFor(message.status));
      const error = { code: message.errorCode, message: message.errorCode === null ? null : describeCarrierError(message.errorCode).action };
      if (!outbox.accept(row.id, state, message.sid, error, isFinal(state) ? null : nextPollAt(now, now), now)) return;
      ledger.settle(row.mode, row.id, now);
      if (refunded(state)) ledger.release(row.mode, row.id, row.credits, `carrier status ${state}`, now);
      return;
    }
    case 'retry':
      outbox.retryLater(outcome.row.id, outcome.at, outcome.code, now);
      return;
    case 'in_doubt':
      outbox.checkLater(outcome.row.id, outcome.at, now);
      return;
    case 'rejected': {
      const { row } = outcome;
      if (!outbox.fail(row.id, 'failed', outcome.code, outcome.message, now)) return;
      ledger.release(row.mode, row.id, row.credits, `rejected ${outcome.code ?? ''}`.trim(), now);
      if (outcome.code !== null && describeCarrierError(outcome.code).optOut === true) effects.optOut(row.to);
      return;
    }
    case 'status': {
      const { target, message } = outcome;
      if (message === null) {
        outbox.setStatus(target.id, target.state, null, null, nextPollAt(target.claimedAt, now), now);
        return;
      }
      const state = maxState(target.state, outboxStateFor(message.status));
      const error = message.errorCode === null ? null : describeCarrierError(message.errorCode).action;
      outbox.setStatus(target.id, state, message.errorCode, error, isFinal(state) ? null : nextPollAt(target.claimedAt, now), now);
      if (state !== target.state && refunded(state)) ledger.release(target.mode, target.id, target.credits, `carrier status ${state}`, now);
      return;
    }
  }
}

function maxState(current: OutboxState, next: OutboxState): OutboxState {
  return rank[next] > rank[current] ? next : current;
}
