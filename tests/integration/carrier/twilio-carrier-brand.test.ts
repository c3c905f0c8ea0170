import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandForm, CreateBrandResult } from '../../../src/main/core/ports/carrier-gateway';
import { brandInput, noProgress } from './brand-input';
import { rejectionOf, startHarness, validBrand } from './sim-harness';
import type { Harness } from './sim-harness';

/** Brand registration through Trust Hub and A2P, against the simulator's review outcomes. */
let h: Harness;
const REVIEW_MS = 60_000;

beforeAll(async () => {
  h = await startHarness({ isv: true, settings: { brandReviewMs: REVIEW_MS, profileReviewMs: 30_000 } });
});
afterAll(() => h.stop());

const register = (form: BrandForm, progress = noProgress()) => h.carrier.registerBrand(brandInput(form, h.sim.primaryCustomerProfileSid, progress));

function submitted(result: CreateBrandResult): Extract<CreateBrandResult, { kind: 'submitted' }> {
  if (result.kind !== 'submitted') throw new Error(`expected submission, got ${JSON.stringify(result.issues)}`);
  return result;
}

describe('brand registration', () => {
  it('builds the profile, trust product and brand, and approves after the review delay', async () => {
    const result = submitted(await register(validBrand));
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

  it('fails with a Tax ID mismatch; the corrected details go into the same profile and the same brand is resubmitted', async () => {
    const progress = noProgress();
    const result = submitted(await register({ ...validBrand, ein: '00-0000000' }, progress));
    h.sim.advanceClock(REVIEW_MS + 1);
    const failed = await h.carrier.fetchBrand(result.brand.sid);
    expect(failed).toMatchObject({ status: 'FAILED', taxIdMismatch: true });
    expect(failed.errors[0]).toMatchObject({ code: 30799, fields: expect.arrayContaining(['business_registration_number']) });

    expect(await h.carrier.updateBrandDetails(validBrand, progress)).toEqual([]);
    const business = (await h.api('GET', `/v1/EndUsers/${progress.businessEndUserSid ?? ''}`)).body as { attributes: { business_registration_number: string } };
    expect(business.attributes.business_registration_number).toBe(validBrand.ein);
    const again = await h.carrier.resubmitBrand(result.brand.sid);
    expect(again.sid).toBe(result.brand.sid);
    h.sim.advanceClock(REVIEW_MS + 1);
    expect((await h.carrier.fetchBrand(result.brand.sid)).status).toBe('APPROVED');
  });

  it('has no brand delete: Twilio answers 404 or 405', async () => {
    const result = submitted(await register(validBrand));
    expect([404, 405]).toContain((await h.api('DELETE', `/v1/a2p/BrandRegistrations/${result.brand.sid}`)).status);
  });

  it('resumes after a crash mid-registration without a second profile or brand', async () => {
    const progress = noProgress();
    let saves = 0;
    // The process dies right after Twilio made the customer profile and SMS Desk stored its SID.
    const crashing = { ...brandInput(validBrand, h.sim.primaryCustomerProfileSid, progress) };
    crashing.saveProgress = async (patch) => {
      Object.assign(progress, patch);
      saves += 1;
      if (saves === 1) throw new Error('crash');
    };
    await expect(h.carrier.registerBrand(crashing)).rejects.toThrow();
    expect(progress.customerProfileSid).toMatch(/^BU/);
    const profilesBefore = ((await h.api('GET', '/v1/CustomerProfiles?PageSize=100')).body as { results: unknown[] }).results.length;
    const brandsBefore = ((await h.api('GET', '/v1/a2p/BrandRegistrations?PageSize=100')).body as { data: unknown[] }).data.length;

    const resumed = submitted(await register(validBrand, progress));
    expect(resumed.ref.customerProfileSid).toBe(progress.customerProfileSid);
    const profilesAfter = ((await h.api('GET', '/v1/CustomerProfiles?PageSize=100')).body as { results: unknown[] }).results.length;
    // The trust product is the one new bundle; no second secondary profile.
    expect(profilesAfter).toBe(profilesBefore);
    expect(((await h.api('GET', '/v1/a2p/BrandRegistrations?PageSize=100')).body as { data: unknown[] }).data.length).toBe(brandsBefore + 1);

    // A retry after the brand was made (its answer lost) finds it instead of making another.
    const lost = { ...progress, brandSid: null };
    const retried = submitted(await register(validBrand, lost));
    expect(retried.brand.sid).toBe(resumed.brand.sid);
  });

  it('stays pending forever for the configured EIN', async () => {
    const result = submitted(await register({ ...validBrand, ein: '99-9999999' }));
    h.sim.advanceClock(30 * 86_400_000);
    expect(await h.carrier.fetchBrand(result.brand.sid)).toMatchObject({ status: 'PENDING', errors: [], taxIdMismatch: false });
  });

  it('stops before submitting when Twilio finds problems, naming the form fields', async () => {
    const result = await register({ ...validBrand, phone: '512-555-0142', websiteUrl: 'tumbletown', ein: '123' });
    expect(result.kind).toBe('needs_fixes');
    if (result.kind !== 'needs_fixes') return;
    expect(result.issues.map((i) => i.field).sort()).toEqual(['ein', 'phone', 'websiteUrl']);
    expect(result.issues.find((i) => i.field === 'phone')?.code).toBe(22218);
    const profile = (await h.api('GET', `/v1/CustomerProfiles/${result.ref.customerProfileSid}`)).body as { status: string };
    expect(profile.status).toBe('draft');
    expect(result.ref.trustProductSid).toBeNull();
  });

  it('reports an unknown brand as rejected with 20404', async () => {
    expect(await rejectionOf(h.carrier.fetchBrand('BN00000000000000000000000000000000'))).toMatchObject({ kind: 'rejected', code: 20404, httpStatus: 404 });
  });
});
