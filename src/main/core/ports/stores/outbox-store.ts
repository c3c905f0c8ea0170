import type { BatchSummary, Mode, OutboxState, SendFailure } from '../../../../shared/contract';
import type { SentText } from './messenger-store';

export type SendKind = BatchSummary['kind'];

/** A send as queued: one body to many recipients; its outbox rows are written later, in chunks. */
export interface NewSend {
  mode: Mode;
  kind: SendKind;
  body: string;
  /** What the carrier receives: body with header and footer. */
  text: string;
  segments: number;
  recipients: readonly string[];
  /**
   * A send with merge fields: each recipient's own text and its segments, in the order of
   * `recipients` (`text` and `segments` then describe the longest). Absent: `text` for everyone.
   */
  personal?: readonly PersonalText[] | null;
  honorHours: boolean;
  notBefore: number | null;
  validitySeconds: number;
  createdBy: string | null;
  overrideReason: string | null;
  consentEventId: number | null;
  createdAt: number;
}

/** One recipient's own text in a send with merge fields. */
export interface PersonalText {
  text: string;
  segments: number;
}

/** A message to write: canceled with a reason, or waiting; with its own text and credits when the send has them. */
export interface MessageToWrite {
  to: string;
  canceledReason: string | null;
  personal?: PersonalText | null;
}

/** A message that may go out now, with what is needed to send it. */
export interface DueMessage {
  id: number;
  batchId: number;
  mode: Mode;
  to: string;
  text: string;
  credits: number;
  validitySeconds: number;
  attempts: number;
  inDoubt: boolean;
  claimedAt: number | null;
}

/** A message the carrier took whose delivery is still to be checked. */
export interface PollTarget {
  id: number;
  /** Its send: a check that changes the text changes that send's progress. */
  batchId: number;
  mode: Mode;
  sid: string;
  state: OutboxState;
  credits: number;
  claimedAt: number;
}

/** A message whose credits are still held: what a refund needs. */
export interface HeldMessage {
  id: number;
  credits: number;
  mode: Mode;
}

/** A send whose messages are not all written yet. */
export interface SendBeingWritten {
  id: number;
  mode: Mode;
  segments: number;
}

export interface DueQuery {
  now: number;
  /** Inside Available SMS Hours: sends that honour them may go too. */
  withinHours: boolean;
  modes: readonly Mode[];
  limit: number;
}

/**
 * What the sending engine learned or decided about one message.
 *
 * `claim` and `lookUp` take a message that `due` returned, and take it only while it is still
 * due at the `now` given to `apply`: between reading and taking, another sending engine sharing
 * the database (another desk) may have taken it, and then `apply` answers false for it and the
 * caller must not send or look it up. An adapter makes the check and the change one step (the
 * condition in the UPDATE itself; a row another transaction is changing is waited for and
 * checked again), so of two engines that read the same message, one takes it.
 */
export type MessageChange =
  /** A new attempt starts: counted, and in doubt until its outcome is known; look it up after `checkAfter`. */
  | { kind: 'claim'; id: number; checkAfter: number }
  /** An in-doubt message is taken to be looked up in the carrier's log; if nothing is learned, it is due again after `checkAfter`. */
  | { kind: 'lookUp'; id: number; checkAfter: number }
  /** Look the message up again at `at` (it stays claimed and in doubt). */
  | { kind: 'checkLater'; id: number; at: number }
  /** Nothing reached the carrier: try again at `at`. */
  | { kind: 'retryLater'; id: number; at: number; errorCode: number | null }
  /**
   * The carrier took it. Not applied when another message already owns `sid`: that one is
   * looked up again at once instead.
   */
  | { kind: 'accept'; id: number; state: OutboxState; sid: string; errorCode: number | null; errorMessage: string | null; pollAt: number | null }
  /** It will never go out; applied only while it is still waiting or claimed. */
  | { kind: 'fail'; id: number; state: 'failed' | 'canceled'; errorCode: number | null; errorMessage: string | null }
  /** What a delivery check found. */
  | { kind: 'status'; id: number; state: OutboxState; errorCode: number | null; errorMessage: string | null; pollAt: number | null };

/** Sends and their messages (SPEC §5): what is waiting, in flight and done. */
export interface OutboxStore {
  addSend(send: NewSend): Promise<number>;
  /** Cheap: most sending rounds have nothing to write. */
  hasSendBeingWritten(): Promise<boolean>;
  /** The oldest send whose messages are not all written; null when none. */
  sendBeingWritten(): Promise<SendBeingWritten | null>;
  /** A send's recipients in order (with their own texts, if it has them), and how many have a message written already. */
  recipientsOf(sendId: number): Promise<{ recipients: string[]; personal: PersonalText[] | null; written: number }>;
  /**
   * Writes one message per recipient (a recipient written before is left alone). A recipient
   * with `canceledReason` is written canceled; those newly written are returned for their refunds.
   */
  writeMessages(sendId: number, messages: readonly MessageToWrite[], credits: number, now: number): Promise<HeldMessage[]>;
  /** Every message of the send is written. */
  markWritten(sendId: number): Promise<void>;

  due(query: DueQuery): Promise<DueMessage[]>;
  /** When the next message becomes due, for sleeping until then; null when nothing waits. */
  nextDueAt(withinHours: boolean, modes: readonly Mode[]): Promise<number | null>;
  pollDue(now: number, limit: number): Promise<PollTarget[]>;
  /** Applies the changes in order; says for each whether it took effect (for `claim` and `lookUp`: whether it was taken). */
  apply(changes: readonly MessageChange[], now: number): Promise<boolean[]>;
  isSidTaken(sid: string): Promise<boolean>;
  stateOf(id: number): Promise<OutboxState | null>;

  /** Cancels every message still waiting for `phone`; returns those canceled, for their refunds. */
  cancelWaitingTo(phone: string, reason: string, now: number): Promise<HeldMessage[]>;
  /** Cancels every message of a send still waiting; returns those canceled, for their refunds. */
  cancelWaitingIn(sendId: number, reason: string, now: number): Promise<HeldMessage[]>;
  /** Credits held by messages not handed to the carrier yet, written or not. */
  creditsHeld(mode: Mode): Promise<number>;
  /** Texts written and not handed to the carrier yet (queued, or being handed over) in a mode. */
  waitingCount(mode: Mode): Promise<number>;

  /** Messages of a send that did not arrive, with the carrier's reason. */
  failures(sendId: number, limit: number): Promise<SendFailure[]>;
  /**
   * What a retry of a send's failed messages needs: its kind, body and the numbers that failed,
   * with each one's own text where the send had them (null: the send's text).
   */
  retryable(sendId: number): Promise<{ kind: SendKind; body: string; numbers: string[]; texts: Array<string | null> } | null>;
  summary(sendId: number): Promise<BatchSummary | null>;
  recent(limit: number): Promise<BatchSummary[]>;
  /** The texts handed to the carrier for one number, newest first, for its conversation. */
  textsSentTo(mode: Mode, phone: string, limit: number): Promise<SentText[]>;
}
