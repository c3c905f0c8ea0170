import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import type { BatchSummary, CreditBalance, OutboxState, QueuedSend } from '../../../src/shared/contract';
import type { MessageOptions } from '../../../src/shared/sms/message-options';
import { registerForSending } from '../carrier/registration-steps';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, type Harness } from '../carrier/sim-harness';
import { copiesPerRecipient, FAST_SIM, numbers } from './engine-harness';
import { until } from '../../support/wait';

/**
 * The whole app as the desk runs it: createApp with its sending thread (thread-entry.ts through
 * tsx), driven only through the router as a signed-in admin, against the simulator.
 */

const HEADER = 'Tumble Town';
const FOOTER = 'Reply STOP to opt out.';
const SIGNUP = 'Welcome to Tumble Town texts. Reply STOP to opt out.';
const MASS_BODY = 'Pool closed today';
const FIRST_FAMILY = '+15125559000';
const FAMILIES = numbers(50);
const DONE: readonly OutboxState[] = ['accepted', 'sent', 'delivered'];

let app: App | null = null;
let harness: Harness | null = null;
/** What the app logged as an error: nothing is expected on this path. */
let errors: string[] = [];

afterEach(async () => {
  await app?.close();
  await harness?.stop();
  app = null;
  harness = null;
  errors = [];
});

type Call = (channel: string, input?: unknown) => Promise<unknown>;

function openApp(dataDir: string, secrets: MemorySecretStore, h: Harness): Promise<App> {
  return createApp({
    dataDir,
    settings: new ConfSettingsStore(dataDir),
    secrets,
    twilioBaseUrl: h.baseUrl,
    // Sandbox mode against the simulator started here (a provider parent account), with its
    // credentials and its Primary Customer Profile.
    env: { SMS_DESK_TWILIO_ACCOUNT_SID: ACCOUNT_SID, SMS_DESK_TWILIO_AUTH_TOKEN: AUTH_TOKEN, SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID: h.sim.primaryCustomerProfileSid },
    logError: (message, error) => errors.push(`${message}: ${error instanceof Error ? error.message : String(error)}`),
  });
}

/** A router caller that unwraps results, so a refusal fails the test with its reason. */
function caller(target: App, sessionId: string): Call {
  return async (channel, input) => {
    const result = await target.router({ sessionId, trustedSender: true }, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}


const outbound = (h: Harness) => h.sim.messages().filter((m) => m.direction === 'outbound-api');
const finished = (batch: BatchSummary) => DONE.reduce((sum, state) => sum + batch.counts[state], 0) === batch.recipients;
const batchesOf = async (call: Call) => (await call('sends.list', { limit: 100 })) as BatchSummary[];

describe('sending through the app: sending thread, registration gate, credits and restart', () => {
  it('holds a signup until a number is registered, then sends every text once and settles credits; a restart resends nothing', async () => {
    // As strict as Twilio: a sender needs a VERIFIED campaign (30034).
    harness = await startHarness({ settings: { ...FAST_SIM, brandReviewMs: 300, profileReviewMs: 0, campaignReviewMs: 300, enforceA2p: true } });
    const h = harness;
    const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-app-sending-'));
    const secrets = new MemorySecretStore();
    app = await openApp(dataDir, secrets, h);
    const call = caller(app, 'admin-window');
    await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });

    // Texts may go out at any hour, quickly; the mass text carries header and footer.
    const options = (await call('messageOptions.get')) as MessageOptions;
    await call('messageOptions.update', {
      ...options,
      header: HEADER,
      footer: FOOTER,
      signupMessage: SIGNUP,
      messagesPerSecond: 100,
      availableHours: { timeZone: 'America/Chicago', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) },
    });
    const start = (await call('credits.balance')) as CreditBalance;
    expect(start).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });

    // 1. No registered number: the signup is queued and held, its credit reserved.
    expect(await call('consent.optIn', { phone: FIRST_FAMILY })).toEqual({ phone: FIRST_FAMILY, signupQueued: true });
    // Witness only (read, never written): the sending thread took the row and was refused a
    // connection, so the row is back to waiting, known not to have left.
    const db = app.db;
    await until(
      'the sending thread to be refused a connection',
      () => db.prepare('SELECT state, in_doubt AS inDoubt, attempts FROM outbox').all() as Array<{ state: string; inDoubt: number; attempts: number }>,
      (rows) => rows.length === 1 && rows[0]!.attempts >= 1 && rows[0]!.inDoubt === 0,
    );
    const [held] = await batchesOf(call);
    expect(held).toMatchObject({ kind: 'signup', recipients: 1 });
    expect(held!.counts.queued + held!.counts.claimed).toBe(1);
    expect(outbound(h)).toEqual([]);
    expect(await call('credits.balance')).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - held!.creditsPerRecipient, reserved: held!.creditsPerRecipient });

    // 2. Register a brand, a campaign and a number; the held signup then goes out on its own.
    await registerForSending(call);
    await until('the held signup to reach the carrier', () => outbound(h), (messages) => messages.length === 1);
    expect(outbound(h)[0]).toMatchObject({ to: FIRST_FAMILY, body: SIGNUP });

    for (const phone of FAMILIES) expect(await call('consent.optIn', { phone })).toEqual({ phone, signupQueued: true });
    const queued = (await call('sends.create', { recipients: FAMILIES, body: MASS_BODY, timing: { kind: 'now' } })) as QueuedSend;
    expect(queued.skipped).toEqual([]);
    expect(queued.batch).toMatchObject({ kind: 'mass', recipients: FAMILIES.length });

    const batches = await until('every text to be accepted by the carrier', () => batchesOf(call), (list) => list.length === FAMILIES.length + 2 && list.every(finished));
    const used = batches.reduce((sum, batch) => sum + batch.recipients * batch.creditsPerRecipient, 0);
    // Each signup is one segment; each mass text costs what its header, body and footer measure.
    expect(used).toBe(FAMILIES.length + 1 + FAMILIES.length * queued.batch.creditsPerRecipient);
    expect(await call('credits.balance')).toEqual({ mode: 'sandbox', available: start.available - used, reserved: 0 });

    // Exactly one signup and one mass text per family, as the carrier holds them.
    const messages = outbound(h);
    const copies = copiesPerRecipient(h.sim);
    expect(copies.get(FIRST_FAMILY)).toBe(1);
    for (const phone of FAMILIES) expect(copies.get(phone)).toBe(2);
    expect(messages).toHaveLength(1 + 2 * FAMILIES.length);
    const mass = messages.filter((m) => m.body.includes(MASS_BODY));
    const signups = messages.filter((m) => m.body === SIGNUP);
    expect(new Set(mass.map((m) => m.to))).toEqual(new Set(FAMILIES));
    expect(mass.every((m) => m.body === `${HEADER}\n${MASS_BODY}\n${FOOTER}`)).toBe(true);
    expect(new Set(signups.map((m) => m.to))).toEqual(new Set([FIRST_FAMILY, ...FAMILIES]));
    expect(signups).toHaveLength(FAMILIES.length + 1);
    expect(signups.every((m) => !m.body.startsWith(HEADER))).toBe(true);

    // 3. Closing stops the thread; the same data opened again sends nothing more.
    const closing = app;
    app = null;
    await closing.close();
    app = await openApp(dataDir, secrets, h);
    const again = caller(app, 'admin-window-2');
    const staffId = ((await again('staff.directory')) as Array<{ id: string }>)[0]!.id;
    await again('session.signIn', { staffId, secret: '482913' });
    expect(await again('credits.balance')).toEqual({ mode: 'sandbox', available: start.available - used, reserved: 0 });
    const sentBefore = outbound(h).length;
    // Long enough for the new sending thread to start and run rounds; it finds nothing to send.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(outbound(h)).toHaveLength(sentBefore);
    expect((await batchesOf(again)).every(finished)).toBe(true);
    expect(errors).toEqual([]);
  });
});
