import type { Mode } from '../../../shared/contract';
import { CarrierError, type CarrierThreadSpec } from '../../core/ports/carrier-gateway';
import type { InboundReply } from '../../core/ports/stores/messenger-store';
import type { PollPace } from '../../core/messenger/inbound-poller';

/** Where replies arrive, as the reply thread builds its own carrier client. Holds credentials: only the worker's port carries it. */
export interface ReplyConnection {
  carrier: CarrierThreadSpec;
  number: string;
}

export interface ReplyThreadStart {
  dbFile: string;
  pace: PollPace;
}

/** A failure in the thread, as main rebuilds it: a carrier refusal keeps its code and words for the screen. */
export interface ThreadFailure {
  message: string;
  carrier: { kind: string; code: number | null; httpStatus: number | null; userMessage: string } | null;
}

export type ToReplyThread =
  | { type: 'check'; id: number }
  | { type: 'busy'; busy: boolean }
  | { type: 'hurry' }
  | { type: 'connection'; id: number; mode: Mode; connection: ReplyConnection | null; failure?: ThreadFailure }
  | { type: 'kept'; id: number; count: number; failure?: ThreadFailure }
  | { type: 'stop' };

export type FromReplyThread =
  /** Which mode is current, and how to reach its carrier. */
  | { type: 'connect'; id: number }
  /** Replies not kept yet, oldest first: main keeps them (with consent) and answers `kept`. */
  | { type: 'replies'; id: number; mode: Mode; replies: InboundReply[] }
  /** A pass ended; `check` is the id of the checkNow it answers, if any. */
  | { type: 'checked'; check: number | null; received: number; failure?: ThreadFailure }
  | { type: 'error'; message: string };

export function failureOf(error: unknown): ThreadFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof CarrierError)) return { message, carrier: null };
  return { message, carrier: { kind: error.kind, code: error.code, httpStatus: error.httpStatus, userMessage: error.userMessage } };
}
