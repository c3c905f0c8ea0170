import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import type { SendingReadiness } from '../../../src/shared/contract';
import { brandForm, campaignForm, until, type ReadyView } from './registration-steps';

// Nobody presses refresh here: main watches the reviews and says when the registration changed.
let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function start() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-watch-'));
  app = await createApp({
    dataDir, settings: new ConfSettingsStore(dataDir), secrets: new MemorySecretStore(), logError: () => undefined,
    // A short Sandbox review, and quick checks after a submit, so the test takes seconds.
    env: { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '300', SMS_DESK_REGISTRATION_CHECK_MS: '200' },
  });
  const announced: string[][] = [];
  app.events.subscribe((event, payload) => {
    if (event === 'data.changed') announced.push((payload as { areas: string[] }).areas);
  });
  const call = async (channel: string, input?: unknown) => {
    const result = await app!.router({ sessionId: 'admin', trustedSender: true }, channel, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });
  const view = async () => (await call('registration.get')) as ReadyView;
  return { call, view, announced };
}

describe('registration status watched in the background', () => {
  it('a brand in review becomes approved, then the campaign verified and the number assigned, with no refresh pressed', async () => {
    const desk = await start();
    expect(((await desk.call('registration.submitBrand', brandForm)) as ReadyView).brand.state).toBe('in_process');

    await until('the brand to be approved by itself', desk.view, (v) => v.brand.state === 'approved');
    await until('the screens to be told', () => desk.announced, (a) => a.some((areas) => areas.includes('carrier')));

    desk.announced.length = 0;
    await desk.call('registration.submitCampaign', await campaignForm(desk.call));
    await desk.call('registration.registerPhoneNumber', { areaCode: '512' });
    const done = await until('the campaign to be verified by itself', desk.view, (v) => v.campaign.state === 'verified' && v.phone.state === 'assigned');
    expect(done.phone).toMatchObject({ number: expect.stringMatching(/^\+1512\d{7}$/) });
    await until('the screens to be told', () => desk.announced, (a) => a.some((areas) => areas.includes('carrier')));
    expect(((await desk.call('registration.sendingReadiness')) as SendingReadiness).ready).toBe(true);
  });
});
