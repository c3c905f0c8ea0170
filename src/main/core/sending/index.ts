import { AppError, MAX_FAILURES_LISTED, type sendingChannels } from '../../../shared/contract';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Caller, Handlers } from '../router';
import { ChangeAnnouncer } from './change-announcer';
import { ConsentService } from './consent-service';
import { CreditLedger } from './credit-ledger';
import { Dispatcher, type DispatcherOptions, type SendingCarrier, type SendingEngine } from './dispatcher';
import { saveDraft } from './drafts';
import type { EngineChange } from './engine-change';
import type { Storage } from '../ports/storage';
import type { RecipientFacts } from './recipient-reader';
import { SendService } from './send-service';
import { SendWriter } from './send-writer';

export type { DispatcherTuning, EngineStatus, SendingCarrier, SendingEngine } from './dispatcher';
export { RecipientReader, type RecipientFacts } from './recipient-reader';
export { SANDBOX_GRANT } from './credit-ledger';

export interface SendingModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  carrier: SendingCarrier;
  audit(entry: { staffId: string | null; action: string; detail: string; override: boolean }): void;
  /** Tuning for tests and benchmarks; the app uses the defaults and the admin's settings. */
  dispatcher?: Partial<DispatcherOptions>;
  /**
   * Runs the dispatcher elsewhere (the app: a worker thread). Default: in this thread, which the
   * unit tests and the engine tests use.
   */
  engine?: (hooks: EngineHooks) => SendingEngine & OffThreadParsing;
  logError?: (message: string, error: unknown) => void;
}

/** An engine on another thread can also read big recipient lists there, off the main thread. */
export interface OffThreadParsing {
  /** Null: not there (a short list, or the thread is not running); the list is read here. */
  readRecipients?(raws: readonly string[], country: string): Promise<RecipientFacts | null>;
}

/** What the module needs back from whatever runs the dispatcher. */
export interface EngineHooks {
  /** What the engine's rounds changed: which sends, whether credits were given back. */
  onChange(change: EngineChange): void;
  /** The carrier said the number unsubscribed. */
  optOut(phone: string): void;
}

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** The sending engine: outbox, credit ledger, consent, and the dispatcher that drains the outbox. */
export function createSendingModule(deps: SendingModuleDeps) {
  const ledger = new CreditLedger(deps.storage);
  const writer = new SendWriter(deps.storage);
  const outbox = deps.storage.outbox;
  // The windows read again only what a change touched: a send's progress is not the balance's.
  const announcer = new ChangeAnnouncer(deps.clock, (change) => deps.events.emit('data.changed', change));
  /** A new send or a retry (its credits held), an opt-in's welcome text. */
  const queued = () => announcer.touched({ sends: 'all', credits: true });
  /** An opt-out cancels and refunds the number's waiting texts, in any send. */
  const optedOut = () => announcer.touched({ sends: 'all', credits: true, consent: true });
  // Sending reads consent from its owner; consent changes go through ConsentService, which
  // depends on SendService (an opt-in queues the signup text) and never the other way round.
  const sends = new SendService({
    storage: deps.storage, writer, settings: deps.settings, clock: deps.clock, audit: deps.audit,
    notify: () => {
      dispatcher.notify();
      queued();
    },
    readRecipients: (raws, country) => dispatcher.readRecipients?.(raws, country) ?? Promise.resolve(null),
  });
  const consentService = new ConsentService(deps.storage, deps.settings, deps.clock, sends);
  const hooks: EngineHooks = {
    onChange: (change) => announcer.touched({ sends: change.sends, credits: change.refunded, held: change.held, status: change.status }),
    optOut: (phone) => {
      consentService.optOut(phone, 'carrier', null).then(optedOut, (error: unknown) => deps.logError?.('a carrier opt-out could not be recorded', error));
    },
  };
  const dispatcher: SendingEngine & OffThreadParsing =
    deps.engine?.(hooks) ??
    new Dispatcher(deps.storage, writer, deps.carrier, deps.clock, { optOut: hooks.optOut }, {
      messagesPerSecond: () => deps.settings.read().messageOptions.messagesPerSecond,
      availableHours: () => deps.settings.read().messageOptions.availableHours,
      onChange: hooks.onChange,
      ...(deps.logError ? { logError: deps.logError } : {}),
      ...deps.dispatcher,
    });
  // Queued first: every later storage call waits for it, so no balance is read without the grant.
  const ready = ledger.grantSandboxOnce(deps.clock.now());
  ready.catch((error: unknown) => deps.logError?.('the Sandbox credits could not be given', error));

  const handlers: Pick<Handlers, keyof typeof sendingChannels> = {
    'credits.balance': () => ledger.balance(deps.settings.read().mode),
    'credits.adjust': async (input, ctx) => {
      const mode = deps.settings.read().mode;
      await ledger.adjust(mode, input.credits, signedIn(ctx.caller).staffId, input.reason, deps.clock.now());
      announcer.touched({ credits: true });
      return ledger.balance(mode);
    },
    'sends.estimate': (input, ctx) => sends.estimateMass(input, signedIn(ctx.caller)),
    'sends.create': async (input, ctx) => {
      const caller = signedIn(ctx.caller);
      const queued = await sends.queueMass(input, caller);
      // The draft is spent: it must not come back on screen and be sent a second time. In a
      // transaction, which waits for the sending thread's write lock (it is writing this send's
      // rows now) without holding main; on its own the statement slept inside SQLite for it.
      await deps.storage.transaction((tx) => tx.drafts.remove(caller.staffId));
      return queued;
    },
    'sends.list': (input) => outbox.recent(input.limit),
    'sends.failures': async (input) => {
      await sends.summary(input.batchId);
      return outbox.failures(input.batchId, MAX_FAILURES_LISTED);
    },
    'sends.retryFailed': (input, ctx) => sends.retryFailed(input.batchId, input.overrideReason, signedIn(ctx.caller)),
    'sends.status': async () => {
      const mode = deps.settings.read().mode;
      // The sending thread reports its status with each change; a pause that has run out is over.
      const paused = dispatcher.status().paused[mode];
      return { paused: paused !== undefined && paused.until > deps.clock.now() ? paused : null, waiting: await outbox.waitingCount(mode) };
    },
    'sends.cancel': async (input) => {
      const summary = await sends.cancel(input.batchId);
      announcer.touched({ sends: [input.batchId], credits: true });
      return summary;
    },
    'consent.optIn': async (input, ctx) => {
      const result = await consentService.optIn(input.phone, 'staff', signedIn(ctx.caller).staffId);
      dispatcher.notify();
      announcer.touched({ consent: true });
      return result;
    },
    'drafts.get': (_input, ctx) => deps.storage.drafts.get(signedIn(ctx.caller).staffId),
    // In a transaction, as the spent draft's removal above: saved as typing pauses, maybe while a send is written.
    'drafts.save': async (input, ctx) => ({ updatedAt: await deps.storage.transaction((tx) => saveDraft(tx.drafts, signedIn(ctx.caller).staffId, input, deps.clock.now())) }),
    'consent.list': (input) => consentService.list(input.search, input.offset),
    'consent.history': (input) => consentService.history(input.phone),
    'consent.optOut': async (input, ctx) => {
      const result = await consentService.optOut(input.phone, 'staff', signedIn(ctx.caller).staffId);
      optedOut();
      return result;
    },
  };

  return { handlers, dispatcher, sends, consent: consentService, ledger, writer, ready };
}
