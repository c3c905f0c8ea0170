import type { SimContext } from './http.ts';
import type { Bundle } from './state-schema.ts';
import { ENUMERATED_ATTRIBUTES, refusedAttributes } from './twilio-accepted-values.ts';

/** Policy sids from Twilio's ISV A2P guide (twilio-api-notes.md §3.5). */
export const SECONDARY_PROFILE_POLICY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
export const A2P_TRUST_PRODUCT_POLICY = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';

interface FieldIssue {
  friendly_name: string;
  object_field: string;
  failure_reason: string | null;
  error_code: number | null;
}

/** One requirement in Twilio's Evaluation `results` shape. */
interface RequirementResult {
  friendly_name: string;
  object_type: string;
  passed: boolean;
  failure_reason: string | null;
  error_code: number | null;
  valid: FieldIssue[];
  invalid: FieldIssue[];
  requirement_friendly_name: string;
  requirement_name: string;
}

type Check = (value: string) => string | null;
const required: Check = (v) => (v.trim() === '' ? 'is missing' : null);
const e164: Check = (v) => (/^\+[1-9]\d{6,14}$/.test(v) ? null : 'is invalid');
const email: Check = (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'is invalid');
const url: Check = (v) => (/^https?:\/\/[^\s.]+\.[^\s]+$/.test(v) ? null : 'is invalid');
const ein: Check = (v) => (/^\d{2}-?\d{7}$/.test(v) ? null : 'is invalid');

const BUSINESS_FIELDS: Record<string, Check> = {
  business_name: required, business_type: required, business_industry: required,
  business_registration_identifier: required, business_registration_number: ein,
  business_regions_of_operation: required, business_identity: required, website_url: url,
};
const REPRESENTATIVE_FIELDS: Record<string, Check> = {
  first_name: required, last_name: required, email, phone_number: e164, business_title: required, job_position: required,
};
const A2P_FIELDS: Record<string, Check> = { company_type: required };
/** The ISV guide, step 2.2: a public company also gives its stock exchange and ticker. */
const PUBLIC_COMPANY_FIELDS: Record<string, Check> = { company_type: required, stock_exchange: required, stock_ticker: required };

const title = (field: string): string => field.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

function checkEndUser(ctx: SimContext, objectSids: readonly string[], type: string, fields: Record<string, Check>, name: string): RequirementResult {
  const user = objectSids.map((sid) => ctx.store.endUsers.get(sid)).find((u) => u?.type === type);
  const base = { friendly_name: title(name), object_type: type, requirement_friendly_name: title(name), requirement_name: name };
  if (user === undefined) {
    return { ...base, passed: false, failure_reason: `A ${title(name)} End-User is missing. Please add one to the regulatory bundle.`, error_code: 22214, valid: [], invalid: [] };
  }
  const valid: FieldIssue[] = [];
  const invalid: FieldIssue[] = [];
  for (const [field, check] of Object.entries(fields)) {
    const raw = user.attributes[field];
    let problem = check(typeof raw === 'string' ? raw : '');
    // A value outside Twilio's accepted list (twilio-accepted-values.ts) fails the requirement too.
    if (problem === null && field in (ENUMERATED_ATTRIBUTES[type] ?? {}) && refusedAttributes(type, { [field]: raw }).length > 0) problem = 'is not an accepted value';
    const issue = { friendly_name: title(field), object_field: field };
    if (problem === null) valid.push({ ...issue, failure_reason: null, error_code: null });
    else {
      const code = problem === 'is missing' ? 22215 : field === 'phone_number' ? 22218 : 22217;
      invalid.push({ ...issue, failure_reason: `The ${title(field)} ${problem}.`, error_code: code });
    }
  }
  const passed = invalid.length === 0;
  return { ...base, passed, failure_reason: passed ? null : `The ${title(name)} information is incomplete or invalid.`, error_code: passed ? null : 22215, valid, invalid };
}

function checkAddress(ctx: SimContext, objectSids: readonly string[]): RequirementResult {
  const doc = objectSids.map((sid) => ctx.store.documents.get(sid)).find((d) => d?.type === 'customer_profile_address');
  const addressSid = doc?.attributes['address_sids'];
  const sids = Array.isArray(addressSid) ? addressSid : [addressSid];
  const ok = sids.some((s) => typeof s === 'string' && ctx.store.addresses.has(s));
  const base = { friendly_name: 'Business Address', object_type: 'customer_profile_address', requirement_friendly_name: 'Business Address', requirement_name: 'customer_profile_address' };
  return ok
    ? { ...base, passed: true, failure_reason: null, error_code: null, valid: [], invalid: [] }
    : { ...base, passed: false, failure_reason: 'A Business Address is missing. Please add one to the regulatory bundle.', error_code: 22216, valid: [],
      invalid: [{ friendly_name: 'Address sid(s)', object_field: 'address_sids', failure_reason: 'The Address is missing.', error_code: 22217 }] };
}

function checkBundle(ctx: SimContext, objectSids: readonly string[], kind: Bundle['kind'], name: string, mustBeApproved: boolean): RequirementResult {
  const found = objectSids.map((sid) => ctx.store.bundles.get(sid)).find((b) => b?.kind === kind && (!mustBeApproved || b.status === 'twilio-approved'));
  const base = { friendly_name: title(name), object_type: kind, requirement_friendly_name: title(name), requirement_name: name, valid: [], invalid: [] };
  return found
    ? { ...base, passed: true, failure_reason: null, error_code: null }
    : { ...base, passed: false, failure_reason: `A ${title(name)} is missing. Please assign one to the bundle.`, error_code: 22214 };
}

function isPublicCompany(ctx: SimContext, objectSids: readonly string[]): boolean {
  return objectSids.some((sid) => {
    const user = ctx.store.endUsers.get(sid);
    return user?.type === 'us_a2p_messaging_profile_information' && user.attributes['company_type'] === 'public';
  });
}

/** Evaluates a bundle against its policy as Twilio's Evaluations resource does. */
export function evaluateBundle(ctx: SimContext, bundle: Bundle): { compliant: boolean; results: RequirementResult[] } {
  const objectSids = [...ctx.store.assignments.values()].filter((a) => a.bundleSid === bundle.sid).map((a) => a.objectSid);
  let results: RequirementResult[] = [];
  if (bundle.policySid === SECONDARY_PROFILE_POLICY && bundle.kind === 'customer_profile') {
    results = [
      checkEndUser(ctx, objectSids, 'customer_profile_business_information', BUSINESS_FIELDS, 'business_information'),
      checkEndUser(ctx, objectSids, 'authorized_representative_1', REPRESENTATIVE_FIELDS, 'authorized_representative_1'),
      checkAddress(ctx, objectSids),
      checkBundle(ctx, objectSids, 'customer_profile', 'primary_customer_profile', true),
    ];
  } else if (bundle.policySid === A2P_TRUST_PRODUCT_POLICY) {
    results = [
      checkEndUser(ctx, objectSids, 'us_a2p_messaging_profile_information', isPublicCompany(ctx, objectSids) ? PUBLIC_COMPANY_FIELDS : A2P_FIELDS, 'us_a2p_messaging_profile_information'),
      checkBundle(ctx, objectSids, 'customer_profile', 'customer_profile', false),
    ];
  }
  return { compliant: results.every((r) => r.passed), results };
}

/** The EIN on a customer profile's business information, as the brand vetting reads it. */
export function profileEin(ctx: SimContext, customerProfileSid: string): string | null {
  for (const a of ctx.store.assignments.values()) {
    if (a.bundleSid !== customerProfileSid) continue;
    const user = ctx.store.endUsers.get(a.objectSid);
    const value = user?.type === 'customer_profile_business_information' ? user.attributes['business_registration_number'] : undefined;
    if (typeof value === 'string') return value;
  }
  return null;
}
