import type { AppErrorCode, Mode } from '../../../shared/contract';
import type { TwilioClientOptions } from '../../adapters/twilio/twilio-carrier';
import type { AvailableHours } from '../../../shared/hours/sms-hours';
import type { DispatcherTuning, EngineStatus } from '../../core/sending/dispatcher';

/** What the sending thread needs to build its own twilio client; it never leaves the process. */
export interface ThreadConnection {
  client: TwilioClientOptions;
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
  | { type: 'connection'; id: number; result: { ok: true; connection: ThreadConnection } | { ok: false; code: AppErrorCode; message: string } }
  | { type: 'stop' };

export type FromThread =
  | { type: 'connect'; id: number; mode: Mode }
  | { type: 'changed'; status: EngineStatus }
  /** The carrier said this number unsubscribed (21610): main records the opt-out. */
  | { type: 'optOut'; phone: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };
