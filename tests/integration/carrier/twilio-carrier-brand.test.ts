import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import type { CreateBrandResult } from '../../../src/main/core/ports/carrier-gateway';
import { sdkCalls } from './sdk-calls';
import { ACCOUNT_SID, AUTH_TOKEN, rejectionOf, startHarness, validBrand } from './sim-harness';
import type { Harness } from './sim-harness';

/** Brand registration through Trust Hub and A2P, against the simulator's review outcomes. */
let h: Harness;
const REVIEW_MS = 60_000;

beforeAll(async () => {
  h = await startHarness({ settings: { brandReviewMs: REVIEW_MS, profileReviewMs: 30_000 } });
});
afterAll(() => h.stop());

function submitted(result: CreateBrandResult): Extract<CreateBrandResult, { kind: 'submitted' }> {
  if (result.kind !== 'submitted') throw new Error(`expected submission, got ${JSON.stringify(result.issues)}`);
  return result;
}

describe('brand registration', () => {
  it('builds the profile, trust product and brand, and approves after the review delay', async () => {
    const result = submitted(await h.carrier.createBrand(validBrand));
    expect(result.brand).toMatchObject({ status: 'PENDING', taxIdMismatch: false, errors: [], tcrId: null });
    expect(result.ref).toMatchObject({ customerProfileSid: expect.stringMatching(/^BU/), trustProductSid: expect.stringMatching(/^BU/), brandSid: result.brand.sid });

    const profile = (await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}`)).body as { status: string; policy_sid: string };
    expect(profile).toMatchObject({ status: 'pending-review', policy_sid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5' });
    const assigned = (await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}/EntityAssignments`)).body as { results: Array<{ object_sid: string }> };
    const kinds = assigned.results.map((a) => a.object_sid.slice(0, 2)).sort();
    expect(kinds).toEqual(['BU', 'IT', 'IT', 'RD']);
    expect(assigned.results.map((a) => a.object_sid)).toContain(h.sim.primaryCustomerProfileSid);

    h.sim.advanceClock(REVIEW_MS - 1_000);
    expect((await h.carrier.fetchBrand(result.brand.sid)).status).toBe('PENDING');
    h.sim.advanceClock(2_000);
    const approved = await h.carrier.fetchBrand(result.brand.sid);
    expect(approved).toMatchObject({ status: 'APPROVED', taxIdMismatch: false, customerProfileSid: result.ref.customerProfileSid });
    expect(approved.tcrId).toMatch(/^B[0-9A-F]{6}$/);
    const profileLater = (await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}`)).body as { status: string };
    expect(profileLater.status).toBe('twilio-approved');
  });

  it('fails with a Tax ID mismatch, resubmits, and can be discarded for a fresh start', async () => {
    const result = submitted(await h.carrier.createBrand({ ...validBrand, ein: '00-0000000' }));
    h.sim.advanceClock(REVIEW_MS + 1);
    const failed = await h.carrier.fetchBrand(result.brand.sid);
    expect(failed).toMatchObject({ status: 'FAILED', taxIdMismatch: true });
    expect(failed.errors[0]).toMatchObject({ code: 30799, fields: expect.arrayContaining(['business_registration_number']) });
    expect(failed.errors[0]?.description).toMatch(/EIN/);

    const again = await sdkCalls(h.baseUrl).resubmitBrand(result.brand.sid);
    expect(again.status).toBe('PENDING');
    h.sim.advanceClock(REVIEW_MS + 1);
    // Nothing was corrected, so the verdict repeats.
    expect((await h.carrier.fetchBrand(result.brand.sid)).status).toBe('FAILED');

    await h.carrier.discardBrand(result.ref);
    expect((await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}`)).status).toBe(404);
    expect((await h.api('GET', `/v1/TrustProducts/${result.ref.trustProductSid ?? ''}`)).status).toBe(404);
    await h.carrier.discardBrand(result.ref); // already gone: still fine

    const fresh = submitted(await h.carrier.createBrand(validBrand));
    h.sim.advanceClock(REVIEW_MS + 1);
    expect((await h.carrier.fetchBrand(fresh.brand.sid)).status).toBe('APPROVED');
  });

  it('stays pending forever for the configured EIN', async () => {
    const result = submitted(await h.carrier.createBrand({ ...validBrand, ein: '99-9999999' }));
    h.sim.advanceClock(30 * 86_400_000);
    expect(await h.carrier.fetchBrand(result.brand.sid)).toMatchObject({ status: 'PENDING', errors: [], taxIdMismatch: false });
  });

  it('stops before submitting when Twilio finds problems, naming the form fields', async () => {
    const result = await h.carrier.createBrand({ ...validBrand, phone: '512-555-0142', websiteUrl: 'tumbletown', ein: '123' });
    expect(result.kind).toBe('needs_fixes');
    if (result.kind !== 'needs_fixes') return;
    expect(result.issues.map((i) => i.field).sort()).toEqual(['ein', 'phone', 'websiteUrl']);
    expect(result.issues.find((i) => i.field === 'phone')?.code).toBe(22218);
    const profile = (await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}`)).body as { status: string };
    expect(profile.status).toBe('draft');
    expect(result.ref.trustProductSid).toBeNull();
  });

  it('uses a configured primary profile, and says so when the account has none', async () => {
    const explicit = h.carrierWith({ primaryCustomerProfileSid: h.sim.primaryCustomerProfileSid });
    expect((await explicit.createBrand(validBrand)).kind).toBe('submitted');

    const bare = await startHarness();
    try {
      await bare.api('DELETE', `/v1/CustomerProfiles/${bare.sim.primaryCustomerProfileSid}`);
      const carrier = new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl: bare.baseUrl });
      const err = await rejectionOf(carrier.createBrand(validBrand));
      expect(err).toMatchObject({ kind: 'rejected', scope: 'account', userMessage: expect.stringMatching(/Primary Customer Profile/) });
    } finally {
      await bare.stop();
    }
  });

  it('reports an unknown brand as rejected with 20404', async () => {
    expect(await rejectionOf(h.carrier.fetchBrand('BN00000000000000000000000000000000'))).toMatchObject({ kind: 'rejected', code: 20404, httpStatus: 404 });
  });
});
