import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';
import { sandboxTriggers } from '../../../src/shared/sandbox/trigger-values';
import { startHarness } from './sim-harness';
import type { Harness } from './sim-harness';

/**
 * The simulator's Twilio rules that the ISV-guide test does not walk through: campaign fields and
 * verdicts, which senders a verified campaign covers, and what survives a restart.
 */
const REVIEW_MS = 60_000;
const LATER = 10 * REVIEW_MS;
let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

const ok = <T>(res: { status: number; body: unknown }): T => {
  if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
};
const sid = (body: unknown): string => String((body as { sid: string }).sid);

/** An approved brand made the short way: raw API calls, verdict reached by moving the clock. */
async function approvedBrand(harness: Harness): Promise<string> {
  const biz = ok(await harness.api('POST', '/v1/EndUsers', { FriendlyName: 'b', Type: 'customer_profile_business_information', Attributes: JSON.stringify({ business_registration_number: '12-3456789' }) }));
  const profile = ok(await harness.api('POST', '/v1/CustomerProfiles', { FriendlyName: 'p', Email: 'p@example.com', PolicySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5' }));
  ok(await harness.api('POST', `/v1/CustomerProfiles/${sid(profile)}/EntityAssignments`, { ObjectSid: sid(biz) }));
  const product = ok(await harness.api('POST', '/v1/TrustProducts', { FriendlyName: 't', Email: 'p@example.com', PolicySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b' }));
  const brand = ok(await harness.api('POST', '/v1/a2p/BrandRegistrations', { CustomerProfileBundleSid: sid(profile), A2PProfileBundleSid: sid(product) }));
  harness.sim.advanceClock(LATER);
  return sid(brand);
}

function campaignForm(brandSid: string, extra: Record<string, string> = {}): URLSearchParams {
  const form = new URLSearchParams({
    BrandRegistrationSid: brandSid, UsAppToPersonUsecase: 'ACCOUNT_NOTIFICATION', HasEmbeddedLinks: 'false', HasEmbeddedPhone: 'false',
    Description: 'Class reminders, schedule changes and closures for the families of a swim school.',
    MessageFlow: 'Parents agree to texts on the signup form at the front desk and on the website when they enrol.', ...extra,
  });
  form.append('MessageSamples', 'Splash: the pool is closed today. Classes move to Thursday. Reply STOP to opt out.');
  form.append('MessageSamples', 'Splash: Leo has a make-up lesson Friday at 4pm. Reply STOP to opt out.');
  return form;
}

describe('campaigns (Compliance/Usa2p)', () => {
  it('refuses fields outside the documented limits and a second campaign on the same service', async () => {
    h = await startHarness({ settings: { brandReviewMs: REVIEW_MS, campaignReviewMs: REVIEW_MS } });
    const brand = await approvedBrand(h);
    const { messagingServiceSid: mg } = h.sim.bootstrap();
    const url = `/v1/Services/${mg}/Compliance/Usa2p`;
    const short = campaignForm(brand, { Description: 'Too short to say anything.' });
    expect(await h.apiForm('POST', url, short)).toMatchObject({ status: 400, body: { code: 20001 } });
    const keywordsOnly = campaignForm(brand, { OptInKeywords: 'JOIN' });
    expect(await h.apiForm('POST', url, keywordsOnly)).toMatchObject({ status: 400, body: { message: expect.stringContaining('OptInMessage') } });
    expect(await h.apiForm('POST', url, campaignForm(brand, { OptOutKeywords: 'STOP,END!', OptOutMessage: 'Splash: you will get no more texts from us.' })))
      .toMatchObject({ status: 400, body: { code: 20001 } });
    expect(await h.apiForm('POST', url, campaignForm(brand, { UsAppToPersonUsecase: 'SOLE_PROPRIETOR' }))).toMatchObject({ status: 400, body: { code: 21717 } });
    ok(await h.apiForm('POST', url, campaignForm(brand)));
    expect(await h.apiForm('POST', url, campaignForm(brand))).toMatchObject({ status: 400, body: { code: 20001 } });
  });

  it('fails a campaign whose opt-in is unclear with 30896, and verifies it once fixed', async () => {
    h = await startHarness({ settings: { brandReviewMs: REVIEW_MS, campaignReviewMs: REVIEW_MS, enforceA2p: true } });
    const brand = await approvedBrand(h);
    const { messagingServiceSid: mg } = h.sim.bootstrap();
    const unclear = campaignForm(brand, { MessageFlow: `We add every number from our old paper list ${sandboxTriggers.failingCampaignFlow} anyone.` });
    const campaign = ok<{ sid: string }>(await h.apiForm('POST', `/v1/Services/${mg}/Compliance/Usa2p`, unclear));
    expect(await h.apiForm('POST', `/v1/Services/${mg}/Compliance/Usa2p/${campaign.sid}`, campaignForm(brand))).toMatchObject({ status: 400 });
    h.sim.advanceClock(LATER);
    const failed = ok(await h.api('GET', `/v1/Services/${mg}/Compliance/Usa2p/${campaign.sid}`));
    expect(failed).toMatchObject({ campaign_status: 'FAILED', errors: [expect.objectContaining({ code: 30896 })] });
    expect(ok(await h.api('GET', `/v1/Services/${mg}`))).toMatchObject({ us_app_to_person_registered: false });

    const fixed = campaignForm(brand);
    fixed.delete('BrandRegistrationSid');
    fixed.delete('UsAppToPersonUsecase');
    fixed.set('AgeGated', 'false');
    fixed.set('DirectLending', 'false');
    expect(ok(await h.apiForm('POST', `/v1/Services/${mg}/Compliance/Usa2p/${campaign.sid}`, fixed))).toMatchObject({ campaign_status: 'IN_PROGRESS' });
    h.sim.advanceClock(LATER);
    expect(ok(await h.api('GET', `/v1/Services/${mg}/Compliance/Usa2p/${campaign.sid}`))).toMatchObject({ campaign_status: 'VERIFIED', errors: [] });
    expect(ok(await h.api('GET', `/v1/Services/${mg}`))).toMatchObject({ us_app_to_person_registered: true });
  });

  it('covers only the numbers of its own Messaging Service when registration is enforced', async () => {
    h = await startHarness({ settings: { brandReviewMs: REVIEW_MS, campaignReviewMs: REVIEW_MS, enforceA2p: true } });
    const brand = await approvedBrand(h);
    const covered = h.sim.bootstrap({ areaCode: '512' });
    const other = h.sim.bootstrap({ areaCode: '303' });
    ok(await h.apiForm('POST', `/v1/Services/${covered.messagingServiceSid}/Compliance/Usa2p`, campaignForm(brand)));
    h.sim.advanceClock(LATER);
    const A = '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json';
    const viaService = ok(await h.api('POST', A, { To: '+15125550100', MessagingServiceSid: covered.messagingServiceSid, Body: 'Hi' }));
    const fromCovered = ok(await h.api('POST', A, { To: '+15125550101', From: covered.phoneNumbers[0] ?? '', Body: 'Hi' }));
    const fromOther = ok(await h.api('POST', A, { To: '+15125550102', From: other.phoneNumbers[0] ?? '', Body: 'Hi' }));
    h.sim.advanceClock(LATER);
    const status = (s: string) => h?.sim.messages().find((m) => m.sid === s);
    expect(status(sid(viaService))).toMatchObject({ status: 'delivered' });
    expect(status(sid(fromCovered))).toMatchObject({ status: 'delivered' });
    expect(status(sid(fromOther))).toMatchObject({ status: 'failed', errorCode: 30034 });
  });
});

describe('message lists as Twilio documents them', () => {
  it('reads DateSent> as a whole UTC day, on or after, even when given a time; a lagging list still lets a fetch find the message', async () => {
    h = await startHarness({ settings: { listLagMs: REVIEW_MS } });
    const { messagingServiceSid } = h.sim.bootstrap();
    const A = '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages';
    const sent = sid(ok(await h.api('POST', `${A}.json`, { To: '+15125550100', MessagingServiceSid: messagingServiceSid, Body: 'Hi' })));
    const count = async (query: string): Promise<number> => (ok<{ messages: unknown[] }>(await h!.api('GET', `${A}.json?${query}`))).messages.length;
    // Twilio's log lags: not listed yet, but found by its SID.
    expect(await count('To=%2B15125550100')).toBe(0);
    expect(ok(await h.api('GET', `${A}/${sent}.json`))).toMatchObject({ sid: sent });
    h.sim.advanceClock(2 * REVIEW_MS);
    const day = new Date(h.sim.messages().find((m) => m.sid === sent)?.dateSent ?? 0).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await count(`DateSent%3E=${day}`)).toBe(1);
    expect(await count(`DateSent%3E=${encodeURIComponent(`${day}T23:59:59Z`)}`)).toBe(1);
    expect(await count(`DateSent%3E=${next}`)).toBe(0);
    expect(await count(`DateSent%3C=${day}`)).toBe(1);
  });
});

describe('account model and state', () => {
  it('an ISV account enforces registration unless told otherwise; a bare one does not', async () => {
    const isv = new TwilioSimulator();
    const bare = new TwilioSimulator();
    await isv.start({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 't', isv: true });
    await bare.start({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 't' });
    try {
      expect(isv.settings().enforceA2p).toBe(true);
      expect(isv.primaryCustomerProfileSid).toMatch(/^BU[0-9a-f]{32}$/);
      expect(bare.settings().enforceA2p).toBe(false);
      expect(bare.primaryCustomerProfileSid).toBe('');
    } finally {
      await isv.stop();
      await bare.stop();
    }
  });

  it('keeps campaigns across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-strict-'));
    try {
      const stateFile = path.join(dir, 'state.json');
      h = await startHarness({ stateFile, settings: { brandReviewMs: REVIEW_MS, campaignReviewMs: REVIEW_MS } });
      const brand = await approvedBrand(h);
      const { messagingServiceSid: mg } = h.sim.bootstrap();
      const campaign = sid(ok(await h.apiForm('POST', `/v1/Services/${mg}/Compliance/Usa2p`, campaignForm(brand))));
      await h.stop();
      h = await startHarness({ stateFile });
      expect(ok(await h.api('GET', `/v1/Services/${mg}/Compliance/Usa2p/${campaign}`))).toMatchObject({ sid: campaign, brand_registration_sid: brand });
    } finally {
      // The last flush must land before the folder goes.
      await h?.stop();
      h = null;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
