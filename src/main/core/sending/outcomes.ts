import type { OutboxState } from '../../../shared/contract';
import { describeCarrierError } from '../../../shared/carrier/error-codes';
import type { CarrierMessage } from '../ports/carrier-gateway';
import type { Storage } from '../ports/storage';
import type { LedgerEntry } from '../ports/stores/ledger-store';
import type { DueMessage, MessageChange, PollTarget } from '../ports/stores/outbox-store';
import { releaseEntry, settleEntry } from './credit-ledger';
import { noChange, type EngineChange } from './engine-change';

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

/** One outcome in the stores' words: the message's change, and what follows if it took effect. */
export interface OutcomePlan {
  change: MessageChange;
  /** Ledger entries written only when the change took effect (never a second settle or refund). */
  ledger: LedgerEntry[];
  /** A number the carrier says opted out, acted on only when the change took effect. */
  optOut: string | null;
}

/** What an outcome means for its message and its credits; decides without reading anything. */
export function planOutcome(outcome: Outcome, now: number): OutcomePlan {
  const plan = (change: MessageChange, ledger: LedgerEntry[] = [], optOut: string | null = null): OutcomePlan => ({ change, ledger, optOut });
  switch (outcome.kind) {
    case 'accepted': {
      const { row, message } = outcome;
      const state = maxState('accepted', outboxStateFor(message.status));
      const errorMessage = message.errorCode === null ? null : describeCarrierError(message.errorCode).action;
      const ledger = [settleEntry(row.mode, row.id, now)];
      if (refunded(state)) ledger.push(releaseEntry(row, `carrier status ${state}`, now));
      // The store looks again instead when another message already owns this carrier message.
      return plan({ kind: 'accept', id: row.id, state, sid: message.sid, errorCode: message.errorCode, errorMessage, pollAt: isFinal(state) ? null : nextPollAt(now, now) }, ledger);
    }
    case 'retry':
      return plan({ kind: 'retryLater', id: outcome.row.id, at: outcome.at, errorCode: outcome.code });
    case 'in_doubt':
      return plan({ kind: 'checkLater', id: outcome.row.id, at: outcome.at });
    case 'rejected': {
      const { row, code } = outcome;
      const optOut = code !== null && describeCarrierError(code).optOut === true ? row.to : null;
      return plan({ kind: 'fail', id: row.id, state: 'failed', errorCode: code, errorMessage: outcome.message }, [releaseEntry(row, `rejected ${code ?? ''}`.trim(), now)], optOut);
    }
    case 'status': {
      const { target, message } = outcome;
      if (message === null) {
        return plan({ kind: 'status', id: target.id, state: target.state, errorCode: null, errorMessage: null, pollAt: nextPollAt(target.claimedAt, now) });
      }
      const state = maxState(target.state, outboxStateFor(message.status));
      const errorMessage = message.errorCode === null ? null : describeCarrierError(message.errorCode).action;
      const ledger = state !== target.state && refunded(state) ? [releaseEntry(target, `carrier status ${state}`, now)] : [];
      return plan({ kind: 'status', id: target.id, state, errorCode: message.errorCode, errorMessage, pollAt: isFinal(state) ? null : nextPollAt(target.claimedAt, now) }, ledger);
    }
  }
}

/** What a round's recorded outcomes did: the numbers to opt out, and what the windows should read again. */
export interface RecordedOutcomes {
  optOuts: string[];
  change: EngineChange;
}

/**
 * Records a round's outcomes with two store calls, inside the caller's transaction: the messages'
 * changes, then the ledger entries of those that took effect. Returns the numbers to opt out,
 * which the caller acts on once the transaction is committed, and what changed.
 */
export async function recordOutcomes(tx: Storage, outcomes: readonly Outcome[], now: number): Promise<RecordedOutcomes> {
  if (outcomes.length === 0) return { optOuts: [], change: noChange() };
  const plans = outcomes.map((outcome) => planOutcome(outcome, now));
  const applied = await tx.outbox.apply(plans.map((p) => p.change), now);
  const entries = plans.flatMap((p, i) => (applied[i] === true ? p.ledger : []));
  if (entries.length > 0) await tx.ledger.record(entries);
  const took = plans.filter((_, i) => applied[i] === true);
  const sends = new Set(outcomes.filter((_, i) => applied[i] === true).map((o) => (o.kind === 'status' ? o.target.batchId : o.row.batchId)));
  return {
    optOuts: took.flatMap((p) => (p.optOut === null ? [] : [p.optOut])),
    change: {
      sends: [...sends],
      // A settle spends a hold already taken: only a refund moves the balance.
      refunded: entries.some((e) => e.kind === 'release'),
      // Handed to the carrier or given up: no longer among the texts whose credits are held.
      held: took.some((p) => p.change.kind === 'accept' || p.change.kind === 'fail'),
      status: false,
    },
  };
}

function maxState(current: OutboxState, next: OutboxState): OutboxState {
  return rank[next] > rank[current] ? next : current;
}
