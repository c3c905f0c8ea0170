import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import type { FindExistingResult, SendingReadiness, SendingStatus, UseCase } from '../../../src/shared/contract';
import type { MessageOptions } from '../../../src/shared/sms/message-options';
import { sandboxTriggers } from '../../../src/shared/sandbox/trigger-values';
import { FAST_SIM } from '../sending/engine-harness';
import { brandInput } from './brand-input';
import { brandForm, campaignForm, refreshUntil, until, type Call, type ReadyView } from './registration-steps';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, validBrand, type Harness } from './sim-harness';

/**
 * The live path as a US gym meets it: createApp in live mode, the real twilio SDK, and the
 * simulator as strict as Twilio (a sender needs a VERIFIED campaign, error 30034). Reviews take
 * REVIEW_MS of simulator time; `tick` moves its clock past one, so nothing waits on real time.
 */

const REVIEW_MS = 60_000;
let app: App | null = null;
let harness: Harness | null = null;

afterEach(async () => {
  await app?.close();
  await harness?.stop();
  app = null;
  harness = null;
});

interface Live {
  h: Harness;
  app: App;
  dataDir: string;
  call: Call;
  /** The raw result, for refusals. */
  raw: (channel: string, input?: unknown) => ReturnType<App['router']>;
  view: () => Promise<ReadyView>;
  tick: () => void;
}

/**
 * A desk switched to live mode on a simulated Twilio account. `isv`: the account is a provider
 * parent with an approved Primary Customer Profile; `configurePrimary`: SMS Desk is told its SID.
 */
async function startLive(options: { isv: boolean; configurePrimary: boolean }): Promise<Live> {
  harness = await startHarness({
    isv: options.isv,
    settings: { ...FAST_SIM, brandReviewMs: REVIEW_MS, profileReviewMs: 0, campaignReviewMs: REVIEW_MS, enforceA2p: true },
  });
  const h = harness;
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-live-reg-'));
  const target = await openDesk(h, dataDir, options.configurePrimary);
  app = target;
  const raw = (channel: string, input?: unknown) => target.router({ sessionId: 'admin', trustedSender: true }, channel, input);
  const call = caller(target);
  await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });
  await call('carrier.setCredentials', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  expect(await call('carrier.testConnection')).toMatchObject({ ok: true });
  await call('carrier.setMode', { mode: 'live' });
  return { h, app: target, dataDir, call, raw, view: async () => (await call('registration.get')) as ReadyView, tick: () => void h.sim.advanceClock(REVIEW_MS + 1) };
}

/** The desk on `dataDir` (new or again after a stop); its live credentials stay in memory for the test. */
function openDesk(h: Harness, dataDir: string, configurePrimary: boolean): Promise<App> {
  const secrets = (secretsByDir[dataDir] ??= new MemorySecretStore());
  return createApp({
    dataDir,
    settings: new ConfSettingsStore(dataDir),
    secrets,
    twilioBaseUrl: h.baseUrl,
    env: configurePrimary ? { SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID: h.sim.primaryCustomerProfileSid } : {},
  });
}
const secretsByDir: Record<string, MemorySecretStore> = {};

/** A signed-in admin's calls, unwrapped so a refusal fails the test with its reason. */
function caller(target: App, sessionId = 'admin'): Call {
  return async (channel, input) => {
    const result = await target.router({ sessionId, trustedSender: true }, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

const readiness = async (call: Call) => (await call('registration.sendingReadiness')) as SendingReadiness;
const outbound = (h: Harness) => h.sim.messages().filter((m) => m.direction === 'outbound-api');

/** Texts may go at any hour, quickly. */
async function anyHour(call: Call): Promise<void> {
  const options = (await call('messageOptions.get')) as MessageOptions;
  await call('messageOptions.update', {
    ...options,
    messagesPerSecond: 100,
    availableHours: { timeZone: 'America/Chicago', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) },
  });
}

describe('provider account (SMS Desk registers the business under its parent account)', () => {
  it('goes from an empty account to a delivered text; nothing leaves before the campaign is VERIFIED', async () => {
    const { h, app: desk, call, raw, view, tick } = await startLive({ isv: true, configurePrimary: true });
    await anyHour(call);
    expect(await view()).toMatchObject({ accountModel: 'provider', accountNotice: null, brand: { state: 'none' }, campaign: { state: 'none' } });
    expect((await readiness(call)).reason).toMatch(/register your business/i);

    expect((await call('registration.submitBrand', brandForm)) as ReadyView).toMatchObject({ brand: { state: 'in_process' }, showReset: false });
    expect((await readiness(call)).reason).toMatch(/being reviewed/i);
    // Twilio lists use cases only for an approved brand (21717).
    expect(await raw('registration.useCases')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    await refreshUntil(call, 'the brand to be approved', (v) => v.brand.state === 'approved', tick);

    const { useCases } = (await call('registration.useCases')) as { useCases: UseCase[] };
    const form = await campaignForm(call);
    expect(useCases.map((u) => u.code)).toContain(form.useCase);
    const submitted = (await call('registration.submitCampaign', form)) as ReadyView;
    expect(submitted.campaign).toMatchObject({ state: 'in_process', message: expect.stringMatching(/reviewing/i), form });
    const [campaign] = ((await h.api('GET', `/v1/Services/${await serviceSid(h)}/Compliance/Usa2p`)).body as { compliance: Array<{ campaign_status: string; message_flow: string }> }).compliance;
    expect(campaign).toMatchObject({ campaign_status: 'IN_PROGRESS', message_flow: form.messageFlow });

    expect(((await call('registration.registerPhoneNumber', { areaCode: '512' })) as ReadyView).phone).toMatchObject({ state: 'assigned' });
    expect(await readiness(call)).toEqual({ ready: false, reason: expect.stringMatching(/reviewing how you will text/i) });

    // A family signs up while the campaign is in review: the welcome text waits, nothing is sent.
    await call('credits.adjust', { credits: 100, reason: 'Bought 100 credits' });
    expect(await call('consent.optIn', { phone: '+15125559000' })).toMatchObject({ signupQueued: true });
    await until(
      'the sending thread to be refused a connection',
      () => desk.db.prepare('SELECT attempts, in_doubt AS inDoubt FROM outbox').all() as Array<{ attempts: number; inDoubt: number }>,
      (rows) => rows.length === 1 && rows[0]!.attempts >= 1 && rows[0]!.inDoubt === 0,
    );
    expect(outbound(h)).toEqual([]);
    // Sending says what it waits for: the campaign, not a number (one is assigned).
    const status = await until('sending to say why it waits', () => call('sends.status') as Promise<SendingStatus>, (s) => s.paused !== null);
    expect(status.paused?.reason).toMatch(/reviewing how you will text families/);

    await refreshUntil(call, 'the campaign to be verified', (v) => v.campaign.state === 'verified', tick);
    expect(await readiness(call)).toEqual({ ready: true, reason: null });
    await call('sends.create', { recipients: ['+15125559000'], body: 'Pool closed today', timing: { kind: 'now' } });
    const delivered = await until('both texts to be delivered', () => outbound(h), (m) => m.length === 2 && m.every((x) => x.status === 'delivered'));
    expect(delivered.map((m) => m.errorCode)).toEqual([null, null]);
  });

  it("a failed campaign shows Twilio's reason; the corrected campaign is submitted again and verified", async () => {
    const { h, call, raw, tick } = await startLive({ isv: true, configurePrimary: true });
    await call('registration.submitBrand', brandForm);
    await refreshUntil(call, 'the brand to be approved', (v) => v.brand.state === 'approved', tick);
    const unclear = await campaignForm(call, { messageFlow: `We add families to our list ${sandboxTriggers.failingCampaignFlow} when they visit the gym.` });
    await call('registration.submitCampaign', unclear);
    const failed = await refreshUntil(call, 'the campaign to fail', (v) => v.campaign.state === 'failed', tick);
    expect(failed.campaign).toMatchObject({ message: expect.stringMatching(/opt in/i), form: unclear });
    expect((await readiness(call)).reason).toMatch(/did not approve how you will text/i);

    const fixed = { ...unclear, messageFlow: (await campaignForm(call)).messageFlow };
    // The failed campaign is removed but the answer is lost: the retry finds it gone and goes on.
    h.sim.addFault({ kind: 'reset', when: 'after', method: 'DELETE', pathIncludes: '/Compliance/Usa2p/' });
    expect(await raw('registration.submitCampaign', fixed)).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    expect(((await call('registration.submitCampaign', fixed)) as ReadyView).campaign).toMatchObject({ state: 'in_process', form: fixed });
    await refreshUntil(call, 'the corrected campaign to be verified', (v) => v.campaign.state === 'verified', tick);
    // The failed campaign made way for the corrected one on the same Messaging Service.
    const listed = ((await h.api('GET', `/v1/Services/${await serviceSid(h)}/Compliance/Usa2p`)).body as { compliance: Array<{ campaign_status: string }> }).compliance;
    expect(listed.map((c) => c.campaign_status)).toEqual(['VERIFIED']);
  });

  it('says plainly when the account has no Primary Customer Profile, instead of failing at Twilio', async () => {
    const { h, raw, view } = await startLive({ isv: false, configurePrimary: false });
    const notice = (await view()).accountNotice;
    expect(notice).toMatch(/not set up to register businesses/i);
    expect(notice).toMatch(/own Twilio account/i);
    expect(await raw('registration.submitBrand', brandForm)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: notice } });
    expect(((await h.api('GET', '/v1/CustomerProfiles')).body as { results: unknown[] }).results).toEqual([]);
  });

  it('a failed brand is corrected and resubmitted, the same brand each time, until Twilio\'s three updates are used', async () => {
    const { h, call, raw, view, tick } = await startLive({ isv: true, configurePrimary: true });
    const mismatch = { ...brandForm, ein: sandboxTriggers.failingEin };
    expect(((await call('registration.submitBrand', mismatch)) as ReadyView)).toMatchObject({ brand: { state: 'in_process' }, showReset: false });
    // Days in review are normal: nothing to reset yet.
    expect(await raw('registration.resetBrand')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/several days/) } });
    for (const left of [3, 2, 1]) {
      const failed = await refreshUntil(call, 'the brand to fail', (v) => v.brand.state === 'failed', tick);
      expect(failed).toMatchObject({ brand: { state: 'failed', message: expect.stringMatching(/EIN/), updatesLeft: left }, showReset: true });
      expect(((await call('registration.resetBrand')) as ReadyView)).toMatchObject({ brand: { state: 'none' }, form: expect.objectContaining({ ein: mismatch.ein }) });
      expect(((await call('registration.submitBrand', mismatch)) as ReadyView).brand).toMatchObject({ state: 'in_process' });
    }
    const last = await refreshUntil(call, 'the brand to fail a fourth time', (v) => v.brand.state === 'failed', tick);
    expect(last).toMatchObject({ brand: { updatesLeft: 0 }, showReset: false });
    expect(await raw('registration.resetBrand')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/three/) } });
    expect(await count(h, '/v1/a2p/BrandRegistrations?PageSize=100', 'data')).toBe(1);
    expect((await view()).brand).toMatchObject({ state: 'failed' });
  });

  it('a resubmission whose answer was lost is not sent twice, and counts once', async () => {
    const { h, call, raw, tick } = await startLive({ isv: true, configurePrimary: true });
    await call('registration.submitBrand', { ...brandForm, ein: sandboxTriggers.failingEin });
    await refreshUntil(call, 'the brand to fail', (v) => v.brand.state === 'failed', tick);
    await call('registration.resetBrand');
    h.sim.addFault({ kind: 'reset', when: 'after', method: 'POST', pathIncludes: '/a2p/BrandRegistrations/BN' });
    expect(await raw('registration.submitBrand', brandForm)).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    // Twilio has the brand in review again; submitting once more must not ask it to resubmit (21725).
    expect(((await call('registration.submitBrand', brandForm)) as ReadyView).brand).toMatchObject({ state: 'in_process' });
    const approved = await refreshUntil(call, 'the corrected brand to be approved', (v) => v.brand.state === 'approved', tick);
    expect(approved.brand).toEqual({ state: 'approved' });
    // Read through the registration store: one of Twilio's three updates is used, not two.
    expect((await new SqliteStorage(app!.db).registration.read()).brandUpdatesUsed).toBe(1);
  });

  it('a desk that stops mid-registration resumes after a restart from the SIDs it kept', async () => {
    const { h, raw, tick, dataDir } = await startLive({ isv: true, configurePrimary: true });
    // The trust product is made at Twilio, then the desk stops before it hears back.
    h.sim.addFault({ kind: 'reset', when: 'after', method: 'POST', pathIncludes: '/v1/TrustProducts' });
    expect(await raw('registration.submitBrand', brandForm)).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    await app!.close();
    app = await openDesk(h, dataDir, true);
    const again = caller(app);
    await again('session.signIn', { staffId: ((await again('staff.directory')) as Array<{ id: string }>)[0]!.id, secret: '482913' });
    expect(((await again('registration.submitBrand', brandForm)) as ReadyView).brand).toMatchObject({ state: 'in_process' });
    // Everything made before the stop is reused by its kept SID; the trust product whose answer
    // never came is found as the draft it left. One of each, besides the provider's own profile.
    expect(await count(h, '/v1/CustomerProfiles?PageSize=100', 'results')).toBe(2);
    expect(await count(h, '/v1/TrustProducts?PageSize=100', 'results')).toBe(1);
    expect(await count(h, '/v1/EndUsers?PageSize=100', 'results')).toBe(3);
    expect(await count(h, '/v1/a2p/BrandRegistrations?PageSize=100', 'data')).toBe(1);
    await refreshUntil(again, 'the brand to be approved', (v) => v.brand.state === 'approved', tick);
  });

  it('a brand, campaign or number whose answer was lost is found again, never made twice', async () => {
    const { h, call, raw, tick } = await startLive({ isv: true, configurePrimary: true });
    // The brand is made but the connection drops before the answer.
    h.sim.addFault({ kind: 'reset', when: 'after', method: 'POST', pathIncludes: '/a2p/BrandRegistrations' });
    expect(await raw('registration.submitBrand', brandForm)).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    expect(((await call('registration.submitBrand', brandForm)) as ReadyView).brand).toMatchObject({ state: 'in_process' });
    expect(await count(h, '/v1/a2p/BrandRegistrations?PageSize=100', 'data')).toBe(1);
    // One secondary profile and one trust product, besides the provider's own profile.
    expect(await count(h, '/v1/CustomerProfiles?PageSize=100', 'results')).toBe(2);
    expect(await count(h, '/v1/TrustProducts?PageSize=100', 'results')).toBe(1);
    await refreshUntil(call, 'the brand to be approved', (v) => v.brand.state === 'approved', tick);

    h.sim.addFault({ kind: 'reset', when: 'after', method: 'POST', pathIncludes: '/Compliance/Usa2p' });
    const form = await campaignForm(call);
    expect(await raw('registration.submitCampaign', form)).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    expect(((await call('registration.submitCampaign', form)) as ReadyView).campaign).toMatchObject({ state: 'in_process' });
    expect(await count(h, `/v1/Services/${await serviceSid(h)}/Compliance/Usa2p`, 'compliance')).toBe(1);

    h.sim.addFault({ kind: 'reset', when: 'after', method: 'POST', pathIncludes: '/IncomingPhoneNumbers.json' });
    expect(await raw('registration.registerPhoneNumber', { areaCode: '512' })).toMatchObject({ ok: false, error: { code: 'CARRIER_ERROR' } });
    const bought = ((await h.api('GET', `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`)).body as { incoming_phone_numbers: Array<{ phone_number: string }> }).incoming_phone_numbers;
    expect(bought).toHaveLength(1);
    const retried = (await call('registration.registerPhoneNumber', { areaCode: '512' })) as ReadyView;
    expect(retried.phone).toEqual({ state: 'assigned', number: bought[0]!.phone_number });
    expect(await count(h, `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`, 'incoming_phone_numbers')).toBe(1);
    expect(await count(h, `/v1/Services/${await serviceSid(h)}/PhoneNumbers`, 'phone_numbers')).toBe(1);
  });
});

describe('own Twilio account (the business registered in the Twilio Console)', () => {
  it('explains what to do in the Console while nothing is registered, then finds the registration and adopts it', async () => {
    const { h, call, raw, view, tick } = await startLive({ isv: true, configurePrimary: false });
    expect(((await call('registration.setAccountModel', { accountModel: 'own_account' })) as ReadyView)).toMatchObject({ accountModel: 'own_account', accountNotice: null });
    expect(await raw('registration.submitBrand', brandForm)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/Twilio Console/) } });
    const empty = (await call('registration.findExisting')) as FindExistingResult;
    expect(empty).toEqual({ found: [], advice: expect.stringMatching(/Twilio Console/) });

    // What the business did in the Console: a brand, a Messaging Service with a verified campaign and a number.
    const registered = await h.carrier.registerBrand(brandInput(validBrand, h.sim.primaryCustomerProfileSid));
    if (registered.kind !== 'submitted') throw new Error('the brand was not submitted');
    tick();
    const service = await h.carrier.ensureMessagingService('Tumble Town texts');
    const campaign = await h.carrier.createCampaign(service.sid, registered.brand.sid, await campaignForm(call));
    const [available] = await h.carrier.searchAvailableNumbers('737', 1);
    const number = await h.carrier.buyNumber(available!.phoneNumber, service.sid);
    tick();

    const found = (await call('registration.findExisting')) as FindExistingResult;
    expect(found).toEqual({
      advice: null,
      found: [{
        messagingServiceSid: service.sid, friendlyName: 'Tumble Town texts', numbers: [number.phoneNumber],
        brand: { sid: registered.brand.sid, status: 'APPROVED' }, campaign: { sid: campaign.sid, status: 'VERIFIED', useCase: campaign.useCase },
      }],
    });
    const adopted = (await call('registration.adopt', { messagingServiceSid: service.sid })) as ReadyView;
    expect(adopted).toMatchObject({ brand: { state: 'approved' }, campaign: { state: 'verified' }, phone: { state: 'assigned', number: number.phoneNumber } });
    expect(await readiness(call)).toEqual({ ready: true, reason: null });
    expect(await view()).toMatchObject({ accountModel: 'own_account', accountNotice: null });

    await anyHour(call);
    await call('credits.adjust', { credits: 100, reason: 'Bought 100 credits' });
    await call('consent.optIn', { phone: '+15125559001' });
    const sent = await until('the welcome text to be delivered', () => outbound(h), (m) => m.length === 1 && m[0]!.status === 'delivered');
    expect(sent[0]).toMatchObject({ to: '+15125559001', messagingServiceSid: service.sid });
  });
});

describe('own Twilio account with only its brand registered in the Console', () => {
  it('adopts the Messaging Service with the approved brand, then registers the campaign and a number from SMS Desk', async () => {
    const { h, call, tick } = await startLive({ isv: true, configurePrimary: false });
    await call('registration.setAccountModel', { accountModel: 'own_account' });
    const registered = await h.carrier.registerBrand(brandInput(validBrand, h.sim.primaryCustomerProfileSid));
    if (registered.kind !== 'submitted') throw new Error('the brand was not submitted');
    tick();
    const service = await h.carrier.ensureMessagingService('Front desk');

    const found = (await call('registration.findExisting')) as FindExistingResult;
    expect(found).toEqual({
      advice: null,
      found: [{ messagingServiceSid: service.sid, friendlyName: 'Front desk', numbers: [], campaign: null, brand: { sid: registered.brand.sid, status: 'APPROVED' } }],
    });
    const adopted = (await call('registration.adopt', { messagingServiceSid: service.sid })) as ReadyView;
    expect(adopted).toMatchObject({ brand: { state: 'approved' }, campaign: { state: 'none' }, phone: { state: 'none' } });
    expect((await readiness(call)).reason).toMatch(/describe how you will text families/);

    await call('registration.submitCampaign', await campaignForm(call));
    await call('registration.registerPhoneNumber', { areaCode: '512' });
    const done = await refreshUntil(call, 'the campaign to be verified', (v) => v.campaign.state === 'verified', tick);
    expect(done.phone).toMatchObject({ state: 'assigned' });
    expect(await readiness(call)).toEqual({ ready: true, reason: null });
    // Everything went onto the adopted service; SMS Desk made no service of its own.
    expect(await serviceSid(h)).toBe(service.sid);
    expect(await count(h, `/v1/Services/${service.sid}/PhoneNumbers`, 'phone_numbers')).toBe(1);
  });
});

async function serviceSid(h: Harness): Promise<string> {
  const services = ((await h.api('GET', '/v1/Services')).body as { services: Array<{ sid: string }> }).services;
  if (services.length !== 1) throw new Error(`expected one Messaging Service, found ${services.length}`);
  return services[0]!.sid;
}

async function count(h: Harness, path: string, key: string): Promise<number> {
  return ((await h.api('GET', path)).body as Record<string, unknown[]>)[key]!.length;
}
