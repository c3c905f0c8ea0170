import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { createRouter } from '../../../src/main/core/router';
import { createStaffModule } from '../../../src/main/core/staff';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { createCarrierModule } from '../../../src/main/core/carrier';
import { createMessageOptionsHandlers } from '../../../src/main/core/message-options';
import type { Handlers } from '../../../src/main/core/router';
import { createSendingModule } from '../../../src/main/core/sending';
import { createMessengerModule } from '../../../src/main/core/messenger';
import { createContactsModule } from '../../../src/main/core/contacts';
import { createAudiencesModule } from '../../../src/main/core/audiences';
import { createBillingModule } from '../../../src/main/core/billing';
import { createAutopilotModule } from '../../../src/main/core/autopilot';
import { createReportsModule } from '../../../src/main/core/reports';
import { createStartAtLoginHandlers, type LoginItemSetting } from '../../../src/main/core/desktop/start-at-login';
import { businessName } from '../../../src/main/core/audiences';
import { createSendAuditDetail } from '../../../src/main/core/audiences/send-audit-detail';
import { FakePaymentGateway } from '../../support/fake-payment-gateway';
import type { CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { PaymentGateway } from '../../../src/main/core/ports/payment-gateway';

/** The business's texting number in unit tests. */
export const TEXTING_NUMBER = '+15125550100';

/** Cheap scrypt parameters: the tests check behaviour, not the cost of guessing. */
export const fastScrypt = { N: 2 ** 10, r: 8, p: 1 };

export interface HarnessOptions {
  /** Where the fixed clock starts (UTC ms); tests that depend on Available SMS Hours pick their moment. */
  startAt?: number;
  /** A real billing service instead of the in-memory one (`payments` is then unused). */
  gateway?: PaymentGateway;
  /** This computer's login item, as the desktop host gives it (none: browser mode). */
  loginItem?: LoginItemSetting;
}

export function staffHarness(options: HarnessOptions = {}) {
  const db = openDatabase(':memory:');
  const storage = new SqliteStorage(db);
  const settings = new MemorySettingsStore();
  const clock = { time: options.startAt ?? 1_700_000_000_000, now() { return this.time; } };
  const events = new LocalEventBus();
  const staff = createStaffModule({ storage, settings, clock, events, scrypt: fastScrypt });
  const errors: unknown[] = [];
  // Every real handler, so a channel added to the contract is fuzzed too; no carrier is reachable here.
  const noCarrier = () => Promise.reject(new Error('no carrier in unit tests'));
  const carrier = createCarrierModule({
    storage,
    settings,
    clock,
    secrets: new MemorySecretStore(),
    factories: { sandbox: noCarrier, live: () => { throw new Error('no carrier in unit tests'); } },
  });
  // The dispatcher is never started here: queued texts stay in the outbox for the tests to inspect.
  const sending = createSendingModule({
    storage,
    settings,
    clock,
    events,
    audit: (entry) => void staff.audit.append(entry),
    carrier: { connect: noCarrier },
  });
  // Replies come from `inbox`, a fake carrier log the tests fill; the poller is never started.
  const inbox: CarrierMessage[] = [];
  const messenger = createMessengerModule({
    storage,
    settings,
    clock,
    events,
    sends: sending.sends,
    consent: sending.consent,
    connect: () => Promise.resolve({ number: TEXTING_NUMBER, gateway: { listMessages: () => Promise.resolve({ messages: [...inbox], nextPageToken: null }) } }),
  });
  // Buying credits goes to an in-memory billing service the tests pay, decline or expire.
  const payments = new FakePaymentGateway(clock);
  const billing = createBillingModule({
    storage,
    settings,
    clock,
    gatewayFor: () => Promise.resolve(options.gateway ?? payments),
    billingReady: () => true,
    saveBillingToken: () => Promise.resolve(),
    carrierBalance: () => Promise.resolve({ amount: '12.34', currency: 'USD' }),
    audit: (entry) => void staff.audit.append(entry),
    changed: () => events.emit('data.changed', { areas: ['credits'] }),
    logError: (_m, e) => errors.push(e),
  });
  // As in the app: a change to credits (a send's hold) lets auto-renew look at the balance.
  events.subscribe((event, payload) => {
    if (event === 'data.changed' && (payload as { areas: string[] }).areas.includes('credits')) void billing.checkBalance();
  });
  // Autopilot's timer is never started here: tests run `autopilot.runner.runDue()` at the clock's time.
  const autopilot = createAutopilotModule({
    storage,
    settings,
    clock,
    sends: sending.sends,
    audiences: createAudiencesModule({ storage, settings, clock, sends: sending.sends }).audiences,
    businessName: () => businessName(storage, settings),
    changed: () => events.emit('data.changed', { areas: ['sends', 'credits'] }),
    logError: (_m, e) => errors.push(e),
  });
  const handlers: Handlers = {
    ...staff.handlers,
    ...carrier.handlers,
    ...createMessageOptionsHandlers(settings),
    ...sending.handlers,
    ...messenger.handlers,
    ...createContactsModule({ storage, settings, clock, events, logError: (_m, e) => errors.push(e) }).handlers,
    ...createReportsModule({ storage, settings }).handlers,
    ...createAudiencesModule({ storage, settings, clock, sends: sending.sends }).handlers,
    ...billing.handlers,
    ...autopilot.handlers,
    ...createStartAtLoginHandlers(options.loginItem ?? null),
  };
  const router = createRouter({
    handlers,
    callerFor: (id) => staff.callerFor(id),
    audit: (entry) => staff.audit.append(entry),
    refused: (entry) => staff.refusals.record(entry),
    auditDetail: createSendAuditDetail(storage),
    logError: (_m, e) => errors.push(e),
  });
  const call = (sessionId: string, channel: string, input?: unknown) => router({ sessionId, trustedSender: true }, channel, input);
  // Rows per table. A refused call changes nothing but the audit log's record of the refusal, so
  // those rows are left out: tests of "refused, nothing changed" hold with refusal auditing on.
  const rowCounts = () =>
    Object.fromEntries(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(({ name }) => [
        name,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"${name === 'audit_log' ? " WHERE action != 'access.refused'" : ''}`).get() as { n: number }).n,
      ]),
    );
  // Every row of every table, and the settings: what "nothing changed" is checked against. The
  // audit log's refusal rows are left out (a refusal is recorded by design), as are `omitActions`.
  const snapshot = (omitActions: readonly string[] = []) => {
    const skipped = new Set(['access.refused', ...omitActions]);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(({ name }) => {
      const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).filter((row) => name !== 'audit_log' || !skipped.has(String(row.action)));
      return [name, rows.map((row) => JSON.stringify(row)).sort()] as const;
    });
    return { tables: Object.fromEntries(tables), settings: structuredClone(settings.read()) };
  };
  return { db, storage, settings, clock, events, staff, sending, messenger, billing, autopilot, payments, inbox, router, call, rowCounts, snapshot, errors };
}

export async function withAdminAndClerk(options: HarnessOptions = {}) {
  const h = staffHarness(options);
  await h.call('admin-window', 'session.createFirstAdmin', { name: 'Dana', secret: '482913' });
  const created = await h.call('admin-window', 'staff.create', { name: 'Sam', secret: '7391', permissions: ['sendMassSms'] });
  if (!created.ok) throw new Error(created.error.message);
  const sam = created.value as { id: string };
  const signedIn = await h.call('clerk-window', 'session.signIn', { staffId: sam.id, secret: '7391' });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  return { ...h, samId: sam.id };
}
