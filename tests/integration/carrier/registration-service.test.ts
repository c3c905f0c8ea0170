import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import type { RegistrationView } from '../../../src/shared/contract';
import { startHarness, validBrand, type Harness } from './sim-harness';

const brandInput = { ...validBrand, businessType: 'Limited Liability Corporation', phone: '(512) 555-0142' };
let app: App | null = null;
let harness: Harness | null = null;

afterEach(async () => {
  await app?.close();
  await harness?.stop();
  app = null;
  harness = null;
});

async function start(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-reg-'));
  const secrets = new MemorySecretStore();
  app = await createApp({ dataDir, settings: new ConfSettingsStore(dataDir), secrets, env: { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '300', ...env } });
  const call = async (channel: string, input?: unknown) => app!.router({ sessionId: 'admin', trustedSender: true }, channel, input);
  await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });
  const view = async (channel: string, input?: unknown) => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as Extract<RegistrationView, { supported: true }>;
  };
  return { dataDir, secrets, call, view };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('registration through the real adapter and the sandbox simulator', () => {
  it('approves a brand, and assigns a number once the brand is approved; an empty area code says so', async () => {
    const { view } = await start();
    expect((await view('registration.get')).brand).toEqual({ state: 'none' });
    expect((await view('registration.submitBrand', brandInput)).brand).toMatchObject({ state: 'in_process' });
    expect((await view('registration.registerPhoneNumber', { areaCode: '999' })).phone).toEqual({ state: 'no_number', areaCode: '999' });
    expect((await view('registration.registerPhoneNumber', { areaCode: '512' })).phone).toEqual({ state: 'in_process', areaCode: '512' });
    await settle(600);
    const done = await view('registration.refresh');
    expect(done.brand).toEqual({ state: 'approved' });
    expect(done.phone).toMatchObject({ state: 'assigned', number: expect.stringMatching(/^\+1512\d{7}$/) });
  });

  it('Tax ID mismatch: shows the reason and Reset Brand; reset reopens the same form; the same brand is resubmitted and approved', async () => {
    const { view } = await start();
    await view('registration.submitBrand', { ...brandInput, ein: '00-0000000' });
    await settle(600);
    const failed = await view('registration.refresh');
    expect(failed.brand).toMatchObject({ state: 'failed', message: expect.stringContaining('EIN') });
    expect(failed.showReset).toBe(true);
    const cleared = await view('registration.resetBrand');
    expect(cleared).toMatchObject({ form: expect.objectContaining({ ein: '00-0000000' }), brand: { state: 'none' }, showReset: false });
    await view('registration.submitBrand', brandInput);
    await settle(600);
    expect((await view('registration.refresh')).brand).toEqual({ state: 'approved' });
  });

  it('a brand pending past the limit is timed out: Reset Brand, no message', async () => {
    const { view } = await start({ SMS_DESK_REGISTRATION_TIMEOUT_MS: '300' });
    await view('registration.submitBrand', { ...brandInput, ein: '99-9999999' });
    await settle(500);
    const stuck = await view('registration.refresh');
    expect(stuck.brand).toEqual({ state: 'timed_out' });
    expect(stuck.showReset).toBe(true);
  });

  it('refuses an invalid form before anything reaches the carrier', async () => {
    const { call, view } = await start();
    for (const bad of [{ ein: '123456789' }, { postalCode: '7870' }, { state: 'ZZ' }, { email: 'nope' }, { websiteUrl: 'tumbletown' }, { phone: '555' }]) {
      expect(await call('registration.submitBrand', { ...brandInput, ...bad })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect((await view('registration.get')).brand).toEqual({ state: 'none' });
  });

  it('other countries get the support path', async () => {
    const { dataDir } = await start();
    new ConfSettingsStore(dataDir).update({ country: 'AU' });
    // A fresh app reads the changed settings file.
    await app!.close();
    app = await createApp({ dataDir, settings: new ConfSettingsStore(dataDir), secrets: new MemorySecretStore() });
    await app.router({ sessionId: 'a', trustedSender: true }, 'session.signIn', {
      staffId: ((await app.router({ sessionId: 'a', trustedSender: true }, 'staff.directory', undefined)) as { value: { id: string }[] }).value[0]!.id,
      secret: '482913',
    });
    expect(await app.router({ sessionId: 'a', trustedSender: true }, 'registration.get', undefined)).toMatchObject({
      ok: true,
      value: { supported: false, supportContact: expect.stringContaining('@') },
    });
  });
});

describe('modes and credentials', () => {
  it('live mode needs tested credentials; switches are audited; the token is never returned or written to disk', async () => {
    harness = await startHarness();
    const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-live-'));
    const secrets = new MemorySecretStore();
    app = await createApp({ dataDir, settings: new ConfSettingsStore(dataDir), secrets, twilioBaseUrl: harness.baseUrl });
    const call = (channel: string, input?: unknown) => app!.router({ sessionId: 'admin', trustedSender: true }, channel, input);
    await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });

    expect(await call('carrier.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    const wrongToken = 'wrong-token-0123456789abcdef';
    await call('carrier.setCredentials', { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: wrongToken });
    expect(await call('carrier.testConnection')).toMatchObject({ ok: true, value: { ok: false } });
    expect(await call('carrier.setMode', { mode: 'live' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });

    const token = 'sandbox-secret-token';
    const saved = await call('carrier.setCredentials', { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: token });
    expect(saved).toEqual({ ok: true, value: { mode: 'sandbox', liveCredentialsSaved: true, liveConnectionTested: false } });
    expect(await call('carrier.testConnection')).toMatchObject({ ok: true, value: { ok: true } });
    expect(await call('carrier.setMode', { mode: 'live' })).toMatchObject({ ok: true, value: { mode: 'live' } });
    expect(await secrets.get('twilio.authToken')).toBe(token);

    const audit = (await call('audit.list', { limit: 50 })) as { value: { action: string; detail: string }[] };
    expect(audit.value.map((e) => e.action)).toEqual(expect.arrayContaining(['carrier.setMode', 'carrier.setCredentials']));
    const everything = [JSON.stringify(audit.value), JSON.stringify(await call('carrier.status'))];
    for (const file of readdirSync(dataDir)) everything.push(readFileSync(join(dataDir, file)).toString('latin1'));
    for (const text of everything) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(wrongToken);
    }
  });
});
