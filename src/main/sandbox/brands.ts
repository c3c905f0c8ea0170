import { missingParam, notFound, SimError, twilioError } from './errors.ts';
import { profileEin } from './evaluate.ts';
import { hash32, hosts, iso, newSid } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';
import type { Brand } from './state-schema.ts';

/**
 * A2P 10DLC brand registrations (BN…). The verdict comes `brandReviewMs` after submission and
 * depends on the EIN on the customer profile at that moment, so "fix the profile, then
 * resubmit" behaves as it does at Twilio.
 */

const digits = (ein: string): string => ein.replace(/\D/g, '');

const TAX_ID_ERROR = {
  code: 30799,
  description: 'The submitted legal company name does not match with US EIN. Use the legal name and EIN exactly as on the IRS CP 575 letter.',
  fields: ['business_name', 'business_registration_number'],
};

/** Settles the brand's verdict once its review time has passed. */
export function settleBrand(ctx: SimContext, brand: Brand): Brand {
  const now = ctx.now();
  const settings = ctx.store.settings;
  const decideAt = brand.submittedAt + settings.brandReviewMs;
  if (brand.outcome !== null || now < decideAt) return brand;
  const ein = digits(profileEin(ctx, brand.customerProfileBundleSid) ?? '');
  if (settings.pendingForeverEins.map(digits).includes(ein)) {
    brand.outcome = { status: 'PENDING', errors: [], tcrId: null, at: decideAt };
  } else if (settings.taxIdMismatchEins.map(digits).includes(ein)) {
    brand.outcome = { status: 'FAILED', errors: [TAX_ID_ERROR], tcrId: null, at: decideAt };
    brand.dateUpdated = decideAt;
  } else {
    // Derived from the sid so a verdict re-settled after a restart reads the same.
    const tcrId = `B${(hash32(brand.sid) & 0xffffff).toString(16).toUpperCase().padStart(6, '0')}`;
    brand.outcome = { status: 'APPROVED', errors: [], tcrId, at: decideAt };
    brand.dateUpdated = decideAt;
  }
  return brand;
}

/** The brand's status now, settling its verdict first. */
export function brandStatus(ctx: SimContext, brand: Brand): string {
  return settleBrand(ctx, brand).outcome?.status ?? 'PENDING';
}

export function renderBrand(ctx: SimContext, raw: Brand): Record<string, unknown> {
  const b = settleBrand(ctx, raw);
  const status = b.outcome?.status ?? 'PENDING';
  const failed = status === 'FAILED';
  const url = `${hosts.messaging}/v1/a2p/BrandRegistrations/${b.sid}`;
  return {
    sid: b.sid, account_sid: ctx.accountSid, customer_profile_bundle_sid: b.customerProfileBundleSid,
    a2p_profile_bundle_sid: b.a2pProfileBundleSid, date_created: iso(b.dateCreated), date_updated: iso(b.dateUpdated),
    brand_type: b.brandType, status, tcr_id: b.outcome?.tcrId ?? null,
    failure_reason: failed ? (b.outcome?.errors[0]?.description ?? null) : null,
    errors: b.outcome?.errors ?? [], url, brand_score: status === 'APPROVED' ? 75 : null,
    brand_feedback: failed ? ['TAX_ID'] : null, identity_status: status === 'APPROVED' ? 'VERIFIED' : 'UNVERIFIED',
    russell_3000: false, government_entity: false, tax_exempt_status: null, skip_automatic_sec_vet: b.skipAutomaticSecVet,
    mock: b.mock, links: { brand_vettings: `${url}/Vettings`, brand_registration_otps: `${url}/SmsOtp` },
  };
}

function create(ctx: SimContext, req: ApiRequest): ApiResponse {
  const profile = req.form.get('CustomerProfileBundleSid');
  const a2p = req.form.get('A2PProfileBundleSid');
  if (profile === null || profile === '') throw missingParam('CustomerProfileBundleSid');
  if (a2p === null || a2p === '') throw missingParam('A2PProfileBundleSid');
  if (ctx.store.bundles.get(profile)?.kind !== 'customer_profile') throw new SimError(400, 20001, `Invalid parameter CustomerProfileBundleSid: ${profile}`);
  if (ctx.store.bundles.get(a2p)?.kind !== 'trust_product') throw new SimError(400, 20001, `Invalid parameter A2PProfileBundleSid: ${a2p}`);
  const now = ctx.now();
  const brand: Brand = {
    sid: newSid('BN'), customerProfileBundleSid: profile, a2pProfileBundleSid: a2p,
    brandType: req.form.get('BrandType') ?? 'STANDARD', mock: req.form.get('Mock') === 'true',
    skipAutomaticSecVet: req.form.get('SkipAutomaticSecVet') === 'true', submittedAt: now, updates: 0, outcome: null, dateCreated: now, dateUpdated: now,
  };
  ctx.store.brands.set(brand.sid, brand);
  return { status: 201, body: renderBrand(ctx, brand) };
}

function find(ctx: SimContext, req: ApiRequest): Brand {
  const brand = ctx.store.brands.get(req.params[0] ?? '');
  if (brand === undefined) throw notFound(req.path);
  return brand;
}

/** Twilio's self-service limit on brand updates (error 21724). */
export const MAX_BRAND_UPDATES = 3;

/**
 * POST with no body: vet the brand again after the profile was fixed ("Update a
 * BrandRegistration", UpdateBrandRegistrations in twilio_messaging_v1.json). Only a FAILED brand
 * may be updated (https://www.twilio.com/docs/api/errors/21725), at most three times
 * (https://www.twilio.com/docs/api/errors/21724, "Brand update count exceeded"). There is no
 * DELETE: the route table has none, so a DELETE is answered 405 as Twilio does.
 */
function resubmit(ctx: SimContext, req: ApiRequest): ApiResponse {
  const brand = settleBrand(ctx, find(ctx, req));
  if (brand.outcome?.status !== 'FAILED') throw twilioError(400, 21725);
  if (brand.updates >= MAX_BRAND_UPDATES) throw twilioError(400, 21724);
  brand.updates += 1;
  brand.outcome = null;
  brand.submittedAt = ctx.now();
  brand.dateUpdated = brand.submittedAt;
  return { status: 202, body: renderBrand(ctx, brand) };
}

const BN = '^/v1/a2p/BrandRegistrations';

export const brandRoutes: readonly Route[] = [
  { method: 'POST', pattern: new RegExp(`${BN}$`), handle: create },
  {
    method: 'GET', pattern: new RegExp(`${BN}$`),
    handle: (ctx, req) => ({
      status: 200,
      body: pageV1([...ctx.store.brands.values()], readPageRequest(req.query, 50), {
        url: `${hosts.messaging}/v1/a2p/BrandRegistrations`, key: 'data', filters: [], idOf: (b) => b.sid, render: (b) => renderBrand(ctx, b),
      }),
    }),
  },
  { method: 'GET', pattern: new RegExp(`${BN}/(BN[0-9a-f]{32})$`), handle: (ctx, req) => ({ status: 200, body: renderBrand(ctx, find(ctx, req)) }) },
  { method: 'POST', pattern: new RegExp(`${BN}/(BN[0-9a-f]{32})$`), handle: resubmit },
];
