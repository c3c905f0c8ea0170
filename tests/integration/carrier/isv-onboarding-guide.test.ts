import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { afterEach, describe, expect, it } from 'vitest';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';

/**
 * A client written only from Twilio's "A2P 10DLC - Standard and Low-Volume Standard Brand
 * Onboarding Guide for ISVs" (https://www.twilio.com/docs/messaging/compliance/a2p-10dlc/onboarding-isv-api,
 * summarised in twilio-api-notes.md §3.5) and the OpenAPI files, using the official `twilio` SDK
 * and nothing from SMS Desk's adapter. From an empty ISV account it must reach a delivered text,
 * and be refused wherever Twilio refuses. Review delays are crossed by moving the simulator clock.
 */
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'guide-secret-token';
/** The guide's documented policy SIDs. */
const SECONDARY_CUSTOMER_PROFILE_POLICY = 'RNdfbf3fae0e1107f8aded0e7cead80bf5';
const A2P_MESSAGING_POLICY = 'RNb0d4771c2c98518d916a3d4cd70a8f8b';
const REVIEW_MS = 60_000;
const LATER = 10 * REVIEW_MS;

/** Sends the SDK's three Twilio hosts to the simulator, path and query unchanged. */
class ToSimulator extends twilio.RequestClient {
  private readonly base: string;
  constructor(base: string) {
    super({ autoRetry: false });
    this.base = base;
  }
  override request<T>(opts: RequestClient.RequestOptions<T>): Promise<Response<T>> {
    const url = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.base}${url.pathname}${url.search}` });
  }
}

let sim: TwilioSimulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

async function account(isv: boolean): Promise<{ client: twilio.Twilio; sim: TwilioSimulator }> {
  sim = new TwilioSimulator();
  const { baseUrl } = await sim.start({
    accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, isv,
    settings: { brandReviewMs: REVIEW_MS, profileReviewMs: REVIEW_MS, campaignReviewMs: REVIEW_MS },
  });
  return { client: twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient: new ToSimulator(baseUrl) }), sim };
}

/** The Twilio error code a refused call carries. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; code: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status: number; code: number };
    return { status: e.status, code: e.code };
  }
  throw new Error('Twilio accepted a request it refuses');
}

const businessInformation = (ein: string, industry = 'EDUCATION'): Record<string, string> => ({
  business_name: 'Tumble Town Gymnastics LLC', business_identity: 'direct_customer', business_type: 'Limited Liability Corporation',
  business_industry: industry, business_registration_identifier: 'EIN', business_registration_number: ein,
  business_regions_of_operation: 'USA_AND_CANADA', website_url: 'https://tumbletown.example.com', social_media_profile_urls: '',
});

/** Guide steps 1.1–1.9 (secondary customer profile) and 2.1–2.5 (A2P trust product). */
async function registerBusiness(client: twilio.Twilio, ein: string): Promise<{ profileSid: string; trustProductSid: string }> {
  // Prerequisite: the ISV's own Primary Customer Profile, twilio-approved, in this account.
  const [primary] = await client.trusthub.v1.customerProfiles.list({ status: 'twilio-approved', limit: 1 });
  if (primary === undefined) throw new Error('no approved Primary Customer Profile');

  const profile = await client.trusthub.v1.customerProfiles.create({
    friendlyName: 'Tumble Town Gymnastics', email: 'owner@tumbletown.example.com', policySid: SECONDARY_CUSTOMER_PROFILE_POLICY,
  });
  const assign = (objectSid: string) => client.trusthub.v1.customerProfiles(profile.sid).customerProfilesEntityAssignments.create({ objectSid });
  const business = await client.trusthub.v1.endUsers.create({
    type: 'customer_profile_business_information', friendlyName: 'Tumble Town business information', attributes: businessInformation(ein),
  });
  await assign(business.sid);
  const representative = await client.trusthub.v1.endUsers.create({
    type: 'authorized_representative_1', friendlyName: 'Tumble Town representative',
    attributes: { first_name: 'Dana', last_name: 'Rivera', email: 'dana@tumbletown.example.com', phone_number: '+15125550142', business_title: 'Owner', job_position: 'CEO' },
  });
  await assign(representative.sid);
  const address = await client.addresses.create({
    customerName: 'Tumble Town Gymnastics LLC', street: '100 Main St', city: 'Austin', region: 'TX', postalCode: '78701', isoCountry: 'US',
  });
  const document = await client.trusthub.v1.supportingDocuments.create({
    friendlyName: 'Tumble Town address', type: 'customer_profile_address', attributes: { address_sids: address.sid },
  });
  await assign(document.sid);
  await assign(primary.sid);
  const profileCheck = await client.trusthub.v1.customerProfiles(profile.sid).customerProfilesEvaluations.create({ policySid: SECONDARY_CUSTOMER_PROFILE_POLICY });
  expect(profileCheck.status).toBe('compliant');
  await client.trusthub.v1.customerProfiles(profile.sid).update({ status: 'pending-review' });

  const product = await client.trusthub.v1.trustProducts.create({
    friendlyName: 'Tumble Town A2P', email: 'owner@tumbletown.example.com', policySid: A2P_MESSAGING_POLICY,
  });
  const a2pProfile = await client.trusthub.v1.endUsers.create({
    type: 'us_a2p_messaging_profile_information', friendlyName: 'Tumble Town A2P profile', attributes: { company_type: 'private' },
  });
  await client.trusthub.v1.trustProducts(product.sid).trustProductsEntityAssignments.create({ objectSid: a2pProfile.sid });
  await client.trusthub.v1.trustProducts(product.sid).trustProductsEntityAssignments.create({ objectSid: profile.sid });
  const productCheck = await client.trusthub.v1.trustProducts(product.sid).trustProductsEvaluations.create({ policySid: A2P_MESSAGING_POLICY });
  expect(productCheck.status).toBe('compliant');
  await client.trusthub.v1.trustProducts(product.sid).update({ status: 'pending-review' });
  return { profileSid: profile.sid, trustProductSid: product.sid };
}

const campaign = (brandRegistrationSid: string, usAppToPersonUsecase: string) => ({
  brandRegistrationSid, usAppToPersonUsecase, hasEmbeddedLinks: false, hasEmbeddedPhone: false,
  description: 'Class reminders, schedule changes and closures for the families of a gymnastics school.',
  messageFlow: 'Parents give their mobile number and agree to texts on the signup form at the front desk or on our website.',
  messageSamples: [
    'Tumble Town: no classes Monday for the holiday. Reply STOP to opt out.',
    'Tumble Town: Ava has a make-up class Thursday at 5pm. Reply STOP to opt out.',
  ],
});

describe("a client that follows Twilio's ISV onboarding guide, against the simulator", () => {
  it('gets from an empty ISV account to a delivered text, refused on the way where Twilio refuses', async () => {
    const { client, sim } = await account(true);
    const { profileSid, trustProductSid } = await registerBusiness(client, '12-3456789');

    // Step 3: the brand.
    const brand = await client.messaging.v1.brandRegistrations.create({
      customerProfileBundleSid: profileSid, a2PProfileBundleSid: trustProductSid, brandType: 'STANDARD',
    });
    expect(brand.status).toBe('PENDING');

    // Step 4: a Messaging Service, and a number in it (the guide's step 5 and Twilio's number docs).
    const service = await client.messaging.v1.services.create({ friendlyName: 'Tumble Town', inboundRequestUrl: 'https://tumbletown.example.com/sms' });
    const [available] = await client.availablePhoneNumbers('US').local.list({ areaCode: 512, smsEnabled: true, limit: 1 });
    const number = await client.incomingPhoneNumbers.create({ phoneNumber: available?.phoneNumber ?? '' });
    await client.messaging.v1.services(service.sid).phoneNumbers.create({ phoneNumberSid: number.sid });

    // A campaign for a brand still in review is refused (21717), and so is its use-case list.
    expect(await refusal(client.messaging.v1.services(service.sid).usAppToPerson.create(campaign(brand.sid, 'MIXED')))).toEqual({ status: 400, code: 21717 });
    expect(await refusal(client.messaging.v1.services(service.sid).usAppToPersonUsecases.fetch({ brandRegistrationSid: brand.sid }))).toEqual({ status: 400, code: 21717 });

    sim.advanceClock(LATER);
    expect((await client.messaging.v1.brandRegistrations(brand.sid).fetch()).status).toBe('APPROVED');

    // Step 5: the campaign, with a use case Twilio lists for this brand.
    const usecases = await client.messaging.v1.services(service.sid).usAppToPersonUsecases.fetch({ brandRegistrationSid: brand.sid });
    const codes = (usecases.usAppToPersonUsecases as Array<{ code: string }>).map((u) => u.code);
    expect(codes).toEqual(expect.arrayContaining(['MIXED', 'ACCOUNT_NOTIFICATION']));
    expect(await refusal(client.messaging.v1.services(service.sid).usAppToPerson.create({ ...campaign(brand.sid, 'MIXED'), messageSamples: ['Only one sample here, sadly.'] })))
      .toEqual({ status: 400, code: 20001 });
    const created = await client.messaging.v1.services(service.sid).usAppToPerson.create(campaign(brand.sid, 'MIXED'));
    expect(created.campaignStatus).toBe('IN_PROGRESS');

    // Sending before the campaign is verified: Twilio accepts, the carrier refuses with 30034.
    const early = await client.messages.create({ to: '+15125550100', messagingServiceSid: service.sid, body: 'Hello from Tumble Town' });
    sim.advanceClock(LATER);
    expect(await client.messages(early.sid).fetch()).toMatchObject({ status: 'failed', errorCode: 30034 });

    expect((await client.messaging.v1.services(service.sid).usAppToPerson(created.sid).fetch()).campaignStatus).toBe('VERIFIED');
    const sent = await client.messages.create({ to: '+15125550100', messagingServiceSid: service.sid, body: 'Hello from Tumble Town' });
    sim.advanceClock(LATER);
    expect(await client.messages(sent.sid).fetch()).toMatchObject({ status: 'delivered', errorCode: null });
  });

  it('refuses a business industry or company type Twilio does not list', async () => {
    const { client } = await account(true);
    // "NON_PROFIT" is not one of Twilio's values; "NOT_FOR_PROFIT" is.
    expect(await refusal(client.trusthub.v1.endUsers.create({
      type: 'customer_profile_business_information', friendlyName: 'Helping Hands', attributes: businessInformation('12-3456789', 'NON_PROFIT'),
    }))).toEqual({ status: 400, code: 20001 });
    const accepted = await client.trusthub.v1.endUsers.create({
      type: 'customer_profile_business_information', friendlyName: 'Helping Hands',
      attributes: { ...businessInformation('12-3456789', 'NOT_FOR_PROFIT'), business_type: 'Non-profit Corporation' },
    });
    expect(accepted.attributes).toMatchObject({ business_industry: 'NOT_FOR_PROFIT' });
    expect(await refusal(client.trusthub.v1.endUsers.create({
      type: 'us_a2p_messaging_profile_information', friendlyName: 'Helping Hands A2P', attributes: { company_type: 'nonprofit' },
    }))).toEqual({ status: 400, code: 20001 });
  });

  it('lets a failed brand be fixed and resubmitted three times, never a fourth, and never deleted', async () => {
    const { client, sim } = await account(true);
    // 00-0000000 is the simulator's tax-ID mismatch: every review fails with 30799.
    const { profileSid, trustProductSid } = await registerBusiness(client, '00-0000000');
    const brand = await client.messaging.v1.brandRegistrations.create({ customerProfileBundleSid: profileSid, a2PProfileBundleSid: trustProductSid });
    expect(await refusal(client.messaging.v1.brandRegistrations(brand.sid).update())).toEqual({ status: 400, code: 21725 });
    for (let update = 1; update <= 3; update += 1) {
      sim.advanceClock(LATER);
      const failed = await client.messaging.v1.brandRegistrations(brand.sid).fetch();
      expect(failed.status).toBe('FAILED');
      expect(failed.errors).toEqual([expect.objectContaining({ code: 30799 })]);
      expect((await client.messaging.v1.brandRegistrations(brand.sid).update()).status).toBe('PENDING');
    }
    sim.advanceClock(LATER);
    expect(await refusal(client.messaging.v1.brandRegistrations(brand.sid).update())).toEqual({ status: 400, code: 21724 });
    // Twilio has no DELETE for a brand.
    const removal = await client.request({ method: 'delete', uri: `https://messaging.twilio.com/v1/a2p/BrandRegistrations/${brand.sid}` });
    expect(removal.statusCode).toBe(405);
    expect((await client.messaging.v1.brandRegistrations(brand.sid).fetch()).status).toBe('FAILED');
  });

  it('starts a bare account with no Primary Customer Profile, so a secondary one cannot pass evaluation', async () => {
    const { client } = await account(false);
    expect(await client.trusthub.v1.customerProfiles.list({ limit: 20 })).toEqual([]);
    await expect(registerBusiness(client, '12-3456789')).rejects.toThrow('no approved Primary Customer Profile');
    const profile = await client.trusthub.v1.customerProfiles.create({ friendlyName: 'x', email: 'x@example.com', policySid: SECONDARY_CUSTOMER_PROFILE_POLICY });
    const check = await client.trusthub.v1.customerProfiles(profile.sid).customerProfilesEvaluations.create({ policySid: SECONDARY_CUSTOMER_PROFILE_POLICY });
    expect(check.status).toBe('noncompliant');
  });
});
