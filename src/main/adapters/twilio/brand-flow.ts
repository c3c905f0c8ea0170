import { z } from 'zod';
import type twilio from 'twilio';
import type { BrandForm, BrandRef, CreateBrandResult, ProfileIssue } from '../../core/ports/carrier-gateway';
import type { BrandProgress, RegisterBrandInput } from '../../core/ports/registration-gateway';
import { companyTypeFor, industryFor, type BusinessIndustry, type BusinessType } from '../../../shared/registration/twilio-values';
import { toBrandRegistration } from './mappers';

/**
 * Twilio's ISV A2P 10DLC flow for one business (twilio-api-notes.md §3.5): secondary customer
 * profile → A2P trust product → brand registration. Each bundle is evaluated before it is
 * submitted, so the owner sees field-level problems instead of a rejection days later.
 */
export const SECONDARY_PROFILE_POLICY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
export const A2P_TRUST_PRODUCT_POLICY = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';

/** Twilio attribute names → the form field the owner has to fix. */
const FIELD_OF: Readonly<Record<string, keyof BrandForm>> = {
  business_name: 'legalName', business_type: 'businessType', business_registration_number: 'ein',
  business_industry: 'industry', website_url: 'websiteUrl', address_sids: 'street', first_name: 'contactFirstName',
  last_name: 'contactLastName', email: 'email', phone_number: 'phone', business_title: 'contactTitle',
};

const resultSchema = z.looseObject({
  passed: z.boolean().optional(),
  failure_reason: z.string().nullable().optional(),
  error_code: z.number().nullable().optional(),
  invalid: z.array(z.looseObject({ object_field: z.string().optional(), failure_reason: z.string().nullable().optional(), error_code: z.number().nullable().optional() })).optional(),
});

/** Flattens an Evaluation's results into one issue per failing field (or requirement). */
export function evaluationIssues(results: unknown): ProfileIssue[] {
  const parsed = z.array(resultSchema).safeParse(results);
  if (!parsed.success) return [{ field: null, code: null, message: 'Twilio could not check the business profile.' }];
  return parsed.data.flatMap((r): ProfileIssue[] => {
    if (r.passed !== false) return [];
    const invalid = r.invalid ?? [];
    if (invalid.length === 0) return [{ field: null, code: r.error_code ?? null, message: r.failure_reason ?? 'A requirement is missing.' }];
    return invalid.map((i) => ({
      field: (i.object_field === undefined ? undefined : FIELD_OF[i.object_field]) ?? null,
      code: i.error_code ?? null,
      message: i.failure_reason ?? 'This value is missing or invalid.',
    }));
  });
}

const businessAttributes = (form: BrandForm) => ({
  business_name: form.legalName, business_identity: 'direct_customer', business_type: form.businessType,
  // One table for Twilio's values (src/shared/registration/twilio-values.ts): a non-profit is NOT_FOR_PROFIT.
  business_industry: industryFor(form.businessType as BusinessType, form.industry as BusinessIndustry),
  business_registration_identifier: 'EIN', business_registration_number: form.ein,
  business_regions_of_operation: 'USA_AND_CANADA', website_url: form.websiteUrl, social_media_profile_urls: '',
});
const representativeAttributes = (form: BrandForm) => ({
  first_name: form.contactFirstName, last_name: form.contactLastName, email: form.email, phone_number: form.phone,
  business_title: form.contactTitle ?? 'Owner', job_position: 'Director',
});
const addressFields = (form: BrandForm) => ({ customerName: form.legalName, street: form.street, city: form.city, region: form.state, postalCode: form.postalCode });
const messagingProfileAttributes = (form: BrandForm) => ({
  company_type: companyTypeFor(form.businessType as BusinessType, form.industry as BusinessIndustry),
});

/** Assigns each object to a bundle unless an earlier attempt already did. */
async function assignOnce(
  assignments: { list(): Promise<Array<{ objectSid: string }>>; create(p: { objectSid: string }): Promise<unknown> },
  objectSids: string[],
): Promise<void> {
  const done = new Set((await assignments.list()).map((a) => a.objectSid));
  for (const objectSid of objectSids) if (!done.has(objectSid)) await assignments.create({ objectSid });
}

/**
 * Runs Twilio's ISV onboarding for one business, resuming from `progress`: a step whose SID is
 * known is not repeated (its attributes are brought up to date instead), and every new SID goes to
 * `saveProgress` before the next request, so a timeout or crash never leaves a second profile.
 */
export async function registerBrand(client: twilio.Twilio, input: RegisterBrandInput): Promise<CreateBrandResult> {
  const { form, progress, saveProgress } = input;
  const trusthub = client.trusthub.v1;
  const made = async <K extends keyof BrandProgress>(
    key: K,
    create: () => Promise<{ sid: string }>,
    update: (sid: string) => Promise<unknown>,
    findLost: () => Promise<string | null> = () => Promise.resolve(null),
  ) => {
    const known = progress[key];
    if (known !== null) {
      await update(known);
      return known;
    }
    const sid = (await findLost()) ?? (await create()).sid;
    progress[key] = sid;
    await saveProgress({ [key]: sid });
    return sid;
  };

  const profile = await made(
    'customerProfileSid',
    () => trusthub.customerProfiles.create({ friendlyName: form.legalName, email: form.email, policySid: SECONDARY_PROFILE_POLICY }),
    () => Promise.resolve(),
    () => lostDraft(trusthub.customerProfiles, form.legalName, SECONDARY_PROFILE_POLICY),
  );
  const business = await made(
    'businessEndUserSid',
    () => trusthub.endUsers.create({ friendlyName: `${form.legalName} business information`, type: 'customer_profile_business_information', attributes: businessAttributes(form) }),
    (sid) => trusthub.endUsers(sid).update({ attributes: businessAttributes(form) }),
  );
  const representative = await made(
    'representativeEndUserSid',
    () => trusthub.endUsers.create({ friendlyName: `${form.contactFirstName} ${form.contactLastName}`, type: 'authorized_representative_1', attributes: representativeAttributes(form) }),
    (sid) => trusthub.endUsers(sid).update({ attributes: representativeAttributes(form) }),
  );
  const address = await made(
    'addressSid',
    () => client.addresses.create({ ...addressFields(form), isoCountry: 'US' }),
    (sid) => client.addresses(sid).update(addressFields(form)),
  );
  const document = await made(
    'supportingDocumentSid',
    () => trusthub.supportingDocuments.create({ friendlyName: `${form.legalName} address`, type: 'customer_profile_address', attributes: { address_sids: address } }),
    () => Promise.resolve(),
  );
  const ref: BrandRef = { customerProfileSid: profile, trustProductSid: progress.trustProductSid, brandSid: progress.brandSid };
  const profileCtx = trusthub.customerProfiles(profile);
  await assignOnce(profileCtx.customerProfilesEntityAssignments, [business, representative, document, input.primaryCustomerProfileSid]);
  const profileIssues = await submitBundle(profileCtx, profileCtx.customerProfilesEvaluations, SECONDARY_PROFILE_POLICY);
  if (profileIssues.length > 0) return { kind: 'needs_fixes', ref, issues: profileIssues };

  const product = await made(
    'trustProductSid',
    () => trusthub.trustProducts.create({ friendlyName: `${form.legalName} A2P`, email: form.email, policySid: A2P_TRUST_PRODUCT_POLICY }),
    () => Promise.resolve(),
    () => lostDraft(trusthub.trustProducts, `${form.legalName} A2P`, A2P_TRUST_PRODUCT_POLICY),
  );
  ref.trustProductSid = product;
  const messagingProfile = await made(
    'messagingProfileEndUserSid',
    () => trusthub.endUsers.create({ friendlyName: `${form.legalName} messaging profile`, type: 'us_a2p_messaging_profile_information', attributes: messagingProfileAttributes(form) }),
    (sid) => trusthub.endUsers(sid).update({ attributes: messagingProfileAttributes(form) }),
  );
  const productCtx = trusthub.trustProducts(product);
  await assignOnce(productCtx.trustProductsEntityAssignments, [messagingProfile, profile]);
  const productIssues = await submitBundle(productCtx, productCtx.trustProductsEvaluations, A2P_TRUST_PRODUCT_POLICY);
  if (productIssues.length > 0) return { kind: 'needs_fixes', ref, issues: productIssues };

  // A brand made by an attempt whose answer was lost is found by its profile, not made twice.
  const existing = progress.brandSid === null ? await findBrandFor(client, profile) : null;
  const brand =
    progress.brandSid !== null
      ? await client.messaging.v1.brandRegistrations(progress.brandSid).fetch()
      : (existing ?? (await client.messaging.v1.brandRegistrations.create({ customerProfileBundleSid: profile, a2PProfileBundleSid: product, brandType: 'STANDARD' })));
  if (progress.brandSid === null) await saveProgress({ brandSid: brand.sid });
  return { kind: 'submitted', ref: { ...ref, brandSid: brand.sid }, brand: toBrandRegistration(brand) };
}

/**
 * A bundle made by an attempt whose answer was lost: its SID was never kept, so it is still the
 * draft that attempt left, under this business's name and policy. Found, it is used, not made twice.
 */
async function lostDraft(
  bundles: { list(p: { status: 'draft'; friendlyName: string; policySid: string; limit: number }): Promise<Array<{ sid: string }>> },
  friendlyName: string,
  policySid: string,
): Promise<string | null> {
  return (await bundles.list({ status: 'draft', friendlyName, policySid, limit: 1 }))[0]?.sid ?? null;
}

async function findBrandFor(client: twilio.Twilio, customerProfileSid: string) {
  const brands = await client.messaging.v1.brandRegistrations.list({ pageSize: 100 });
  return brands.find((b) => b.customerProfileBundleSid === customerProfileSid) ?? null;
}

/** Evaluates a bundle and sends it for review unless it is already there; returns what to fix. */
async function submitBundle(
  ctx: { fetch(): Promise<{ status: string }>; update(p: { status: 'pending-review' }): Promise<unknown> },
  evaluations: { create(p: { policySid: string }): Promise<{ status: string; results: unknown }> },
  policySid: string,
): Promise<ProfileIssue[]> {
  const current = (await ctx.fetch()).status;
  if (current !== 'draft' && current !== 'twilio-rejected') return [];
  const check = await evaluations.create({ policySid });
  if (check.status !== 'compliant') return evaluationIssues(check.results);
  await ctx.update({ status: 'pending-review' });
  return [];
}

/**
 * Fix-and-resubmit: the corrected form goes into the same end users and address, and each bundle
 * that Twilio rejected is evaluated and sent back for review. The brand itself is resubmitted next.
 */
export async function updateBrandDetails(client: twilio.Twilio, form: BrandForm, progress: BrandProgress): Promise<ProfileIssue[]> {
  const trusthub = client.trusthub.v1;
  if (progress.businessEndUserSid) await trusthub.endUsers(progress.businessEndUserSid).update({ attributes: businessAttributes(form) });
  if (progress.representativeEndUserSid) await trusthub.endUsers(progress.representativeEndUserSid).update({ attributes: representativeAttributes(form) });
  if (progress.addressSid) await client.addresses(progress.addressSid).update(addressFields(form));
  if (progress.messagingProfileEndUserSid) await trusthub.endUsers(progress.messagingProfileEndUserSid).update({ attributes: messagingProfileAttributes(form) });
  if (progress.customerProfileSid) {
    const ctx = trusthub.customerProfiles(progress.customerProfileSid);
    const issues = await submitBundle(ctx, ctx.customerProfilesEvaluations, SECONDARY_PROFILE_POLICY);
    if (issues.length > 0) return issues;
  }
  if (progress.trustProductSid) {
    const ctx = trusthub.trustProducts(progress.trustProductSid);
    return submitBundle(ctx, ctx.trustProductsEvaluations, A2P_TRUST_PRODUCT_POLICY);
  }
  return [];
}
