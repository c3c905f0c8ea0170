import type { AppErrorCode, Mode } from '../../../shared/contract';
import type { CarrierThreadSpec } from '../../core/ports/carrier-gateway';
import type { AvailableHours } from '../../../shared/hours/sms-hours';
import type { DispatcherTuning, EngineStatus } from '../../core/sending/dispatcher';
import type { EngineChange } from '../../core/sending/engine-change';
import type { RecipientFacts } from '../../core/sending/recipient-reader';

/**
 * What the sending thread needs to build its own carrier client. The spec holds credentials: it
 * crosses only the worker's message port, never a log or the disk.
 */
export interface ThreadConnection {
  carrier: CarrierThreadSpec;
  messagingServiceSid: string;
}

/** The admin's settings the dispatcher reads every round, pushed to the thread when they change. */
export interface PacingConfig {
  messagesPerSecond: number | null;
  availableHours: AvailableHours;
}

export interface ThreadStartData {
  dbFile: string;
  pacing: PacingConfig;
  tuning: DispatcherTuning;
}

export type ToThread =
  | { type: 'notify' }
  | { type: 'pacing'; pacing: PacingConfig }
  | {
      type: 'connection';
      id: number;
      /** `notSetUp`: the carrier waits for set-up (CarrierNotReady), not a failure to retry. */
      result: { ok: true; connection: ThreadConnection } | { ok: false; notSetUp: boolean; code: AppErrorCode; message: string };
    }
  /** A big recipient list to read here (parse, consent), so the main thread stays free to answer windows. */
  | { type: 'readRecipients'; id: number; raws: string[]; country: string }
  | { type: 'stop' };

export type FromThread =
  | { type: 'connect'; id: number; mode: Mode }
  /** Rows changed since the last one (`change` says which sends, and whether credits moved), or the status did. */
  | { type: 'changed'; status: EngineStatus; change: EngineChange }
  /** The carrier said this number unsubscribed (21610): main records the opt-out. */
  | { type: 'optOut'; phone: string }
  | { type: 'error'; message: string }
  /** The answer to `readRecipients`, in the list's order; null when they could not be read here. */
  | { type: 'recipientsRead'; id: number; facts: RecipientFacts | null }
  | { type: 'stopped' };
