import { join } from 'node:path';
import { openDatabase, type Db } from '../adapters/sqlite/db';
import { SqliteStorage } from '../adapters/sqlite/sqlite-storage';
import { createRouter, type Handlers, type Router } from '../core/router';
import { LocalEventBus } from '../core/ports/event-bus';
import { systemClock, type Clock } from '../core/ports/clock';
import type { SecretStore } from '../core/ports/secret-store';
import type { SettingsStore } from '../core/ports/settings-store';
import type { FilePicker } from '../core/ports/file-picker';
import { CarrierNotReady } from '../core/ports/carrier-gateway';
import { createStaffModule } from '../core/staff';
import { createCarrierModule } from '../core/carrier';
import { RegistrationWatcher, notifyingAfterChanges } from '../core/carrier/registration-watcher';
import { createMessageOptionsHandlers } from '../core/message-options';
import { createSendingModule } from '../core/sending';
import { createMessengerModule } from '../core/messenger';
import { watchReplyAttention } from '../core/messenger/reply-attention';
import { createContactsModule } from '../core/contacts';
import { createAudiencesModule } from '../core/audiences';
import { createSendAuditDetail } from '../core/audiences/send-audit-detail';
import { createStartAtLoginHandlers, type LoginItemSetting } from '../core/desktop/start-at-login';
import { createBillingModule } from '../core/billing';
import { createReportsModule } from '../core/reports';
import { createAutopilotModule } from '../core/autopilot';
import { businessName } from '../core/audiences';
import type { Mode } from '../../shared/contract';
import { carrierEnvOptions, createCarrierFactories } from './carrier-factories';
import { SendingThread } from './sending-thread/thread-host';
import { ReplyThread } from './reply-thread/reply-thread-host';
import { preparePrivateDataFolder } from './private-data-folder';
import { billingUrlFromEnv, createBillingFactories } from './billing-factories';
import { autopilotEnvOptions } from './autopilot-env';

export interface AppOptions {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  clock?: Clock;
  /** Points the Twilio adapter at an external Twilio-compatible endpoint (tests, benchmarks). */
  twilioBaseUrl?: string;
  logError?: (message: string, error: unknown) => void;
  /** Sandbox and registration knobs; defaults come from SMS_DESK_* environment variables. */
  env?: NodeJS.ProcessEnv;
  /** The desktop's Open dialog, for importing a CSV file; browser mode has none. */
  filePicker?: FilePicker;
  /** Start at login, where the desktop has a login item (Windows, macOS); browser mode has none. */
  startAtLogin?: LoginItemSetting & { onChange(listener: () => void): () => void };
}

export interface App {
  router: Router;
  events: LocalEventBus;
  db: Db;
  /** Origins of the Sandbox's checkout pages (http on 127.0.0.1) that may open in the system browser. */
  paymentPageOrigins(): readonly string[];
  /** Called when a window or tab goes away: its session ends. */
  endSession(sessionId: string): void;
  /** Unread replies in the current mode, for the tray and badge at start (then `messenger.changed`). */
  unreadTotal(): Promise<number>;
  close(): Promise<void>;
}

/** The composition root shared by the desktop and browser hosts: the core never knows which runs it. */
export async function createApp(options: AppOptions): Promise<App> {
  preparePrivateDataFolder(options.dataDir);
  const dbFile = join(options.dataDir, 'sms-desk.sqlite');
  const db = openDatabase(dbFile);
  const storage = new SqliteStorage(db);
  const clock = options.clock ?? systemClock;
  const events = new LocalEventBus();
  // The error's message only: stacks and request details stay out of logs (they may carry numbers).
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(`${message}: ${error instanceof Error ? error.message : String(error)}`));

  const staff = createStaffModule({ storage, settings: options.settings, clock, events });

  const envOptions = carrierEnvOptions(options.env ?? process.env);
  const factories = createCarrierFactories({ dataDir: options.dataDir, secrets: options.secrets, twilioBaseUrl: options.twilioBaseUrl, ...envOptions });
  const carrier = createCarrierModule({
    storage,
    settings: options.settings,
    secrets: options.secrets,
    clock,
    factories,
    // Texts held until a number was registered go out as soon as it is.
    registration: { timeoutMs: envOptions.registrationTimeoutMs, onNumberAssigned: () => sending.dispatcher.notify() },
  });

  // Brand, campaign and number reviews are checked in the background; the screens follow by themselves.
  const fastCheckMs = Number((options.env ?? process.env)['SMS_DESK_REGISTRATION_CHECK_MS'] ?? '');
  const watcher = new RegistrationWatcher({
    refresh: (options) => carrier.registration.refresh(options),
    store: storage.registration,
    clock,
    onChange: () => events.emit('data.changed', { areas: ['carrier'] }),
    logError,
    ...(fastCheckMs > 0 ? { fastMs: fastCheckMs } : {}),
  });

  const connect = async (mode: Mode) => {
    const messagingServiceSid = await carrier.registration.sendingServiceSid();
    if (messagingServiceSid === null) {
      // What is left (brand, campaign or number), in the words Compose shows.
      const { reason } = await carrier.registration.sendingReadiness();
      throw new CarrierNotReady(reason ?? 'Finish setting up texting in Settings → SMS before sending texts.');
    }
    return { gateway: await carrier.carrier.forMode(mode), messagingServiceSid };
  };

  const sending = createSendingModule({
    storage,
    settings: options.settings,
    clock,
    events,
    audit: (entry) => void staff.audit.append(entry).catch((error: unknown) => logError('could not write to the audit log', error)),
    logError,
    carrier: { connect },
    engine: (hooks) =>
      new SendingThread({
        dbFile,
        pacing: () => {
          const { messagesPerSecond, availableHours } = options.settings.read().messageOptions;
          return { messagesPerSecond, availableHours };
        },
        connection: async (mode) => {
          const { gateway, messagingServiceSid } = await connect(mode);
          return { carrier: gateway.threadSpec(), messagingServiceSid };
        },
        onChange: hooks.onChange,
        optOut: hooks.optOut,
        logError,
      }),
  });

  let lastSendsChange = 0;
  const messenger = createMessengerModule({
    storage,
    settings: options.settings,
    clock,
    events,
    sends: sending.sends,
    consent: sending.consent,
    logError,
    connect: async (mode) => {
      const number = await carrier.registration.textingNumber();
      return number === null ? null : { gateway: await carrier.carrier.forMode(mode), number };
    },
    simulateReply: (_mode, from, to, body) => factories.simulateInbound(from, to, body),
    // Replies are checked for often while a send is going out (its progress changed in the last 10 s).
    sending: () => clock.now() - lastSendsChange < 10_000,
    // Replies are read from the carrier in a thread of their own; main only keeps the new ones.
    replyReader: (hooks) => new ReplyThread({
      dbFile,
      hooks,
      connection: async (mode) => {
        const number = await carrier.registration.textingNumber();
        return number === null ? null : { carrier: (await carrier.carrier.forMode(mode)).threadSpec(), number };
      },
    }),
  });
  const stopWatchingSends = events.subscribe((event, payload) => {
    if (event === 'data.changed' && (payload as { areas: readonly string[] }).areas.includes('sends')) lastSendsChange = clock.now();
  });

  // Buying credits: the billing service (Sandbox: in this process), never a payment secret here.
  const billingHost = createBillingFactories({
    dataDir: options.dataDir,
    secrets: options.secrets,
    liveBillingUrl: () => billingUrlFromEnv(options.env ?? process.env) ?? options.settings.read().billingUrl,
    logError,
  });
  const billing = createBillingModule({
    storage,
    settings: options.settings,
    clock,
    gatewayFor: billingHost.gatewayFor,
    billingReady: billingHost.billingReady,
    saveBillingToken: (token) => options.secrets.set('billing.token', token),
    carrierBalance: async (mode) => (await carrier.carrier.forMode(mode)).fetchBalance(),
    audit: (entry) => void staff.audit.append(entry).catch((error: unknown) => logError('could not write to the audit log', error)),
    changed: () => events.emit('data.changed', { areas: ['credits'] }),
    logError,
  });
  // A send's hold or a refund changed the balance: auto-renew looks whether it crossed its threshold.
  // New replies: each signed-in window gets its own notice, without the words while its desk is locked.
  const stopReplyAttention = watchReplyAttention({ events, storage, settings: options.settings, staff, logError });
  const stopWatchingCredits = events.subscribe((event, payload) => {
    if (event === 'data.changed' && (payload as { areas: readonly string[] }).areas.includes('credits')) void billing.checkBalance();
  });

  // Autopilot fires its workflows from main on its own timer, window or no window; a contact just
  // added may be due a welcome, so a change to contacts makes it look at once.
  const autopilot = createAutopilotModule({
    storage,
    settings: options.settings,
    clock,
    sends: sending.sends,
    audiences: createAudiencesModule({ storage, settings: options.settings, clock, sends: sending.sends }).audiences,
    businessName: () => businessName(storage, options.settings),
    ...autopilotEnvOptions(options.env ?? process.env),
    changed: (areas) => events.emit('data.changed', { areas: [...areas] }),
    logError,
  });
  const stopWatchingContacts = events.subscribe((event, payload) => {
    if (event === 'data.changed' && (payload as { areas: readonly string[] }).areas.includes('contacts')) autopilot.scheduler.kick();
  });

  const handlers: Handlers = {
    ...staff.handlers,
    ...notifyingAfterChanges(carrier.handlers, watcher),
    ...createMessageOptionsHandlers(options.settings),
    ...sending.handlers,
    ...messenger.handlers,
    ...createContactsModule({ storage, settings: options.settings, clock, events, logError, ...(options.filePicker ? { filePicker: options.filePicker } : {}) }).handlers,
    ...createReportsModule({ storage, settings: options.settings }).handlers,
    ...createStartAtLoginHandlers(options.startAtLogin ?? null),
    ...createAudiencesModule({ storage, settings: options.settings, clock, sends: sending.sends }).handlers,
    ...billing.handlers,
    ...autopilot.handlers,
  };

  const router = createRouter({
    handlers,
    callerFor: (sessionId) => staff.callerFor(sessionId),
    audit: (entry) => staff.audit.append(entry),
    refused: (entry) => staff.refusals.record(entry),
    auditDetail: createSendAuditDetail(storage),
    logError,
  });

  await sending.ready;
  sending.dispatcher.start();
  messenger.poller.start();
  watcher.start();
  autopilot.scheduler.start();
  // Grants what was paid while the desk was closed; in the background, so start-up never waits on the network.
  const recovered = billing.recover();
  // Turned on or off in the tray or Settings: every open Settings screen shows the new state.
  const stopWatchingLoginItem = options.startAtLogin?.onChange(() => events.emit('data.changed', { areas: ['desktop'] }));
  billing.startFollowing();

  return {
    router,
    events,
    db,
    paymentPageOrigins: () => billingHost.paymentPageOrigins(),
    endSession: (sessionId) => staff.endSession(sessionId),
    unreadTotal: () => storage.messenger.unreadTotal(options.settings.read().mode),
    close: async () => {
      stopWatchingLoginItem?.();
      stopWatchingCredits();
      stopWatchingSends();
      stopWatchingContacts();
      await autopilot.scheduler.stop();
      stopReplyAttention();
      await recovered;
      await billing.stopFollowing();
      await watcher.stop();
      await messenger.poller.stop();
      await sending.dispatcher.stop();
      await factories.stop();
      await billingHost.stop();
      db.close();
    },
  };
}
