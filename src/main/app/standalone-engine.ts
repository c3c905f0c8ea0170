import { openDatabase, type Db } from '../adapters/sqlite/db';
import { MemorySettingsStore } from '../adapters/settings/memory-settings-store';
import { TwilioCarrier } from '../adapters/twilio/twilio-carrier';
import type { Clock } from '../core/ports/clock';
import { systemClock } from '../core/ports/clock';
import { LocalEventBus } from '../core/ports/event-bus';
import type { DispatcherOptions, DispatcherTuning } from '../core/sending/dispatcher';
import { createSendingModule, type EngineHooks } from '../core/sending';
import { SendingThread } from './sending-thread/thread-host';
import { SqliteStorage } from '../adapters/sqlite/sqlite-storage';
import type { MessageOptions } from '../../shared/sms/message-options';

export interface StandaloneEngineOptions {
  dbFile: string;
  /** A Twilio-compatible endpoint (the simulator) and its credentials. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
  requestTimeoutMs?: number;
  messageOptions?: Partial<MessageOptions>;
  dispatcher?: Partial<DispatcherOptions>;
  clock?: Clock;
  /** Run the dispatcher in a worker thread, as the app does (the fake clock then does not reach it). */
  thread?: boolean;
  /** With `thread`: a built worker script (out/main/sending-thread.js), as the app ships it. */
  threadScript?: string;
}

/** Open every day, all day: engine tests and benchmarks are not about Available SMS Hours. */
export const ALWAYS_OPEN: MessageOptions['availableHours'] = {
  timeZone: 'UTC',
  schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
};

/**
 * The sending engine alone — real SQLite file, real twilio SDK over HTTP — without staff, windows
 * or keychain. The crash tests run it in a child process they kill; the benchmark times it.
 */
export function startStandaloneEngine(options: StandaloneEngineOptions) {
  const db: Db = openDatabase(options.dbFile);
  const settings = new MemorySettingsStore();
  const base = settings.read().messageOptions;
  settings.update({ messageOptions: { ...base, header: '', footer: '', availableHours: ALWAYS_OPEN, ...options.messageOptions } });
  const timeoutMs = options.requestTimeoutMs ?? 5_000;
  const gateway = new TwilioCarrier({
    credentials: { accountSid: options.accountSid, authToken: options.authToken },
    baseUrl: options.baseUrl,
    timeoutMs,
  });
  const events = new LocalEventBus();
  const logError = (message: string, error: unknown) => process.stderr.write(`${message}: ${error instanceof Error ? error.message : String(error)}\n`);
  const { maxInFlight, maxPolls, reconcileGraceMs, lookAgainMs, retryBaseMs, retryMaxMs } = options.dispatcher ?? {};
  const tuning: DispatcherTuning = JSON.parse(JSON.stringify({ maxInFlight, maxPolls, reconcileGraceMs, lookAgainMs, retryBaseMs, retryMaxMs, requestTimeoutMs: timeoutMs })) as DispatcherTuning;
  const unpaced = options.dispatcher?.messagesPerSecond?.() === null;
  const storage = new SqliteStorage(db);
  const sending = createSendingModule({
    storage,
    settings,
    clock: options.clock ?? systemClock,
    events,
    audit: () => undefined,
    carrier: { connect: () => Promise.resolve({ gateway, messagingServiceSid: options.messagingServiceSid }) },
    dispatcher: { requestTimeoutMs: timeoutMs, ...options.dispatcher },
    logError,
    ...(options.thread === true
      ? {
          engine: (hooks: EngineHooks) =>
            new SendingThread({
              dbFile: options.dbFile,
              ...(options.threadScript === undefined ? {} : { script: options.threadScript }),
              tuning,
              pacing: () => {
                const { messagesPerSecond, availableHours } = settings.read().messageOptions;
                return { messagesPerSecond: unpaced ? null : messagesPerSecond, availableHours };
              },
              connection: () => Promise.resolve({ carrier: gateway.threadSpec(), messagingServiceSid: options.messagingServiceSid }),
              onChange: hooks.onChange,
              optOut: hooks.optOut,
              logError,
            }),
        }
      : {}),
  });
  return {
    db,
    storage,
    settings,
    events,
    ...sending,
    async close(): Promise<void> {
      await sending.dispatcher.stop();
      await sending.ready;
      db.close();
    },
  };
}

export type StandaloneEngine = ReturnType<typeof startStandaloneEngine>;
