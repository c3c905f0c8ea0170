import { z } from 'zod';
import type twilio from 'twilio';
import { CarrierError } from '../../core/ports/carrier-gateway';
import type { BrandForm, BrandRef, CreateBrandResult, ProfileIssue } from '../../core/ports/carrier-gateway';
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

function companyType(form: BrandForm): string {
  return form.businessType === 'Non-profit Corporation' ? 'non-profit' : 'private';
}

async function primaryProfileSid(client: twilio.Twilio, configured: string | undefined): Promise<string> {
  if (configured !== undefined) return configured;
  // The ISV's primary profile is approved in the Console before any secondary profile exists,
  // so it is the oldest approved one.
  const approved = await client.trusthub.v1.customerProfiles.list({ status: 'twilio-approved', pageSize: 100 });
  const oldest = [...approved].sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime())[0];
  if (oldest === undefined) {
    throw new CarrierError({
      kind: 'rejected', code: null, httpStatus: null, scope: 'account', detail: 'no approved primary customer profile',
      userMessage: 'This Twilio account has no approved Primary Customer Profile (Trust Hub), which brand registration needs. Contact SMS Desk support.',
    });
  }
  return oldest.sid;
}

export async function createBrand(client: twilio.Twilio, form: BrandForm, configuredPrimary?: string): Promise<CreateBrandResult> {
  const trusthub = client.trusthub.v1;
  const primary = await primaryProfileSid(client, configuredPrimary);
  const profile = await trusthub.customerProfiles.create({ friendlyName: form.legalName, email: form.email, policySid: SECONDARY_PROFILE_POLICY });
  const ref: BrandRef = { customerProfileSid: profile.sid, trustProductSid: null, brandSid: null };

  const business = await trusthub.endUsers.create({
    friendlyName: `${form.legalName} business information`, type: 'customer_profile_business_information',
    attributes: {
      business_name: form.legalName, business_identity: 'direct_customer', business_type: form.businessType,
      business_industry: form.industry, business_registration_identifier: 'EIN', business_registration_number: form.ein,
      business_regions_of_operation: 'USA_AND_CANADA', website_url: form.websiteUrl, social_media_profile_urls: '',
    },
  });
  const representative = await trusthub.endUsers.create({
    friendlyName: `${form.contactFirstName} ${form.contactLastName}`, type: 'authorized_representative_1',
    attributes: {
      first_name: form.contactFirstName, last_name: form.contactLastName, email: form.email, phone_number: form.phone,
      business_title: form.contactTitle ?? 'Owner', job_position: 'Director',
    },
  });
  const address = await client.addresses.create({
    customerName: form.legalName, street: form.street, city: form.city, region: form.state, postalCode: form.postalCode, isoCountry: 'US',
  });
  const document = await trusthub.supportingDocuments.create({
    friendlyName: `${form.legalName} address`, type: 'customer_profile_address', attributes: { address_sids: address.sid },
  });
  const profileCtx = trusthub.customerProfiles(profile.sid);
  for (const objectSid of [business.sid, representative.sid, document.sid, primary]) {
    await profileCtx.customerProfilesEntityAssignments.create({ objectSid });
  }
  const profileCheck = await profileCtx.customerProfilesEvaluations.create({ policySid: SECONDARY_PROFILE_POLICY });
  if (profileCheck.status !== 'compliant') return { kind: 'needs_fixes', ref, issues: evaluationIssues(profileCheck.results) };
  await profileCtx.update({ status: 'pending-review' });

  const product = await trusthub.trustProducts.create({ friendlyName: `${form.legalName} A2P`, email: form.email, policySid: A2P_TRUST_PRODUCT_POLICY });
  ref.trustProductSid = product.sid;
  const messagingProfile = await trusthub.endUsers.create({
    friendlyName: `${form.legalName} messaging profile`, type: 'us_a2p_messaging_profile_information',
    attributes: { company_type: companyType(form) },
  });
  const productCtx = trusthub.trustProducts(product.sid);
  for (const objectSid of [messagingProfile.sid, profile.sid]) {
    await productCtx.trustProductsEntityAssignments.create({ objectSid });
  }
  const productCheck = await productCtx.trustProductsEvaluations.create({ policySid: A2P_TRUST_PRODUCT_POLICY });
  if (productCheck.status !== 'compliant') return { kind: 'needs_fixes', ref, issues: evaluationIssues(productCheck.results) };
  await productCtx.update({ status: 'pending-review' });

  const brand = await client.messaging.v1.brandRegistrations.create({
    customerProfileBundleSid: profile.sid, a2PProfileBundleSid: product.sid, brandType: 'STANDARD',
  });
  return { kind: 'submitted', ref: { ...ref, brandSid: brand.sid }, brand: toBrandRegistration(brand) };
}
