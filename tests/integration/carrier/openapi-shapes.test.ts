import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandRoutes } from '../../../src/main/sandbox/brands';
import { campaignRoutes } from '../../../src/main/sandbox/campaigns';
import { messageRoutes } from '../../../src/main/sandbox/messages';
import { numberRoutes } from '../../../src/main/sandbox/numbers';
import { policyRoutes } from '../../../src/main/sandbox/policies';
import { serviceRoutes } from '../../../src/main/sandbox/services';
import { trusthubBundleRoutes } from '../../../src/main/sandbox/trusthub-bundles';
import { trusthubEntityRoutes } from '../../../src/main/sandbox/trusthub-entities';
import { TwilioSchemas } from './openapi-schemas';
import { ACCOUNT_SID, startHarness } from './sim-harness';
import type { Harness } from './sim-harness';

/**
 * Every response the simulator gives, success or error, checked against Twilio's official
 * OpenAPI definitions: schema-valid, and every property the schema lists is present (and no
 * property it does not list). A scenario drives each route at least once.
 */
interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

const A = `/2010-04-01/Accounts/${ACCOUNT_SID}`;
const schemas = new TwilioSchemas();
const exchanges: Exchange[] = [];
let h: Harness;

/** `raw` sends a form with repeated keys (MessageSamples), as the SDK does for lists. */
async function call(method: string, path: string, form?: Record<string, string>, raw?: URLSearchParams): Promise<Record<string, unknown>> {
  const res = raw === undefined ? await h.api(method, path, form) : await h.apiForm(method, path, raw);
  exchanges.push({ method, path: path.split('?')[0] ?? path, status: res.status, body: res.body });
  return (res.body ?? {}) as Record<string, unknown>;
}

async function rawCall(method: string, path: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(`${h.baseUrl}${path}`, { method, headers });
  const text = await res.text();
  exchanges.push({ method, path, status: res.status, body: text === '' ? null : JSON.parse(text) });
}

const sid = (o: Record<string, unknown>): string => String(o['sid']);

async function scenario(): Promise<void> {
  // Numbers and addresses.
  const stock = await call('GET', `${A}/AvailablePhoneNumbers/US/Local.json?AreaCode=512&SmsEnabled=true&PageSize=2`);
  await call('GET', `${A}/AvailablePhoneNumbers/US/Local.json?AreaCode=999`);
  const first = (stock['available_phone_numbers'] as Array<{ phone_number: string }>)[0]?.phone_number ?? '';
  const pn = await call('POST', `${A}/IncomingPhoneNumbers.json`, { PhoneNumber: first });
  const pn2 = await call('POST', `${A}/IncomingPhoneNumbers.json`, { AreaCode: '415' });
  await call('GET', `${A}/IncomingPhoneNumbers.json`);
  await call('GET', `${A}/IncomingPhoneNumbers/${sid(pn)}.json`);
  const address = await call('POST', `${A}/Addresses.json`, { CustomerName: 'Tumble Town LLC', Street: '1 Main St', City: 'Austin', Region: 'TX', PostalCode: '78701', IsoCountry: 'US' });
  await call('GET', `${A}/Addresses/${sid(address)}.json`);
  await call('POST', `${A}/Addresses/${sid(address)}.json`, { Street: '2 Main St', PostalCode: '78702' });
  await call('POST', `${A}/Addresses/${sid(address)}.json`, { Street: '' });

  // Messaging services and their pool.
  const mg = await call('POST', '/v1/Services', { FriendlyName: 'Shapes', InboundRequestUrl: 'https://example.com/in' });
  const spare = await call('POST', '/v1/Services', { FriendlyName: 'Spare' });
  await call('GET', '/v1/Services');
  await call('GET', `/v1/Services/${sid(mg)}`);
  await call('POST', `/v1/Services/${sid(mg)}`, { ValidityPeriod: '600' });
  await call('POST', `/v1/Services/${sid(mg)}/PhoneNumbers`, { PhoneNumberSid: sid(pn) });
  await call('POST', `/v1/Services/${sid(mg)}/PhoneNumbers`, { PhoneNumberSid: sid(pn) });
  await call('POST', `/v1/Services/${sid(spare)}/PhoneNumbers`, { PhoneNumberSid: sid(pn2) });
  await call('GET', `/v1/Services/${sid(mg)}/PhoneNumbers`);
  await call('DELETE', `/v1/Services/${sid(spare)}/PhoneNumbers/${sid(pn2)}`);
  await call('DELETE', `/v1/Services/${sid(spare)}`);

  // Messages through their whole life.
  const m1 = await call('POST', `${A}/Messages.json`, { To: '+15125550100', MessagingServiceSid: sid(mg), Body: 'Hello' });
  await call('POST', `${A}/Messages.json`, { To: '+15125550101', From: first, Body: 'Hello', ValidityPeriod: '60' });
  const scheduled = await call('POST', `${A}/Messages.json`, { To: '+15125550102', MessagingServiceSid: sid(mg), Body: 'Later', ScheduleType: 'fixed', SendAt: new Date(h.sim.now() + 3_600_000).toISOString() });
  await call('POST', `${A}/Messages/${sid(scheduled)}.json`, { Status: 'canceled' });
  h.sim.injectInbound({ from: '+15125550103', to: first, body: 'STOP' });
  h.sim.advanceClock(60_000);
  const page = await call('GET', `${A}/Messages.json?PageSize=2`);
  const next = String(page['next_page_uri']);
  const res = await h.api('GET', next);
  exchanges.push({ method: 'GET', path: next.split('?')[0] ?? next, status: res.status, body: res.body });
  await call('GET', `${A}/Messages.json?To=%2B15125550100&DateSent%3E=2020-01-01`);
  await call('GET', `${A}/Messages/${sid(m1)}.json`);
  await call('POST', `${A}/Messages/${sid(m1)}.json`, { Body: '' });
  await call('DELETE', `${A}/Messages/${sid(m1)}.json`);

  // Trust Hub and the brand.
  const businessAttributes = { business_name: 'Tumble Town LLC', business_type: 'Corporation', business_industry: 'EDUCATION', business_registration_identifier: 'EIN', business_registration_number: '00-0000000', business_regions_of_operation: 'USA_AND_CANADA', business_identity: 'direct_customer', website_url: 'https://tumble.example.com' };
  const business = await call('POST', '/v1/EndUsers', { FriendlyName: 'biz', Type: 'customer_profile_business_information', Attributes: JSON.stringify(businessAttributes) });
  await call('POST', '/v1/EndUsers', { FriendlyName: 'biz', Type: 'customer_profile_business_information', Attributes: JSON.stringify({ ...businessAttributes, business_industry: 'NON_PROFIT' }) });
  const rep = await call('POST', '/v1/EndUsers', { FriendlyName: 'rep', Type: 'authorized_representative_1', Attributes: JSON.stringify({ first_name: 'Dana', last_name: 'R', email: 'd@example.com', phone_number: '+15125550142', business_title: 'Owner', job_position: 'Director' }) });
  await call('GET', '/v1/EndUsers');
  await call('GET', `/v1/EndUsers/${sid(rep)}`);
  await call('POST', `/v1/EndUsers/${sid(rep)}`, { FriendlyName: 'rep 1' });
  const doc = await call('POST', '/v1/SupportingDocuments', { FriendlyName: 'addr', Type: 'customer_profile_address', Attributes: JSON.stringify({ address_sids: sid(address) }) });
  await call('GET', `/v1/SupportingDocuments/${sid(doc)}`);
  const profile = await call('POST', '/v1/CustomerProfiles', { FriendlyName: 'Tumble Town', Email: 'd@example.com', PolicySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5' });
  for (const object of [sid(business), sid(rep), sid(doc), h.sim.primaryCustomerProfileSid]) {
    await call('POST', `/v1/CustomerProfiles/${sid(profile)}/EntityAssignments`, { ObjectSid: object });
  }
  await call('GET', `/v1/CustomerProfiles/${sid(profile)}/EntityAssignments`);
  await call('POST', `/v1/CustomerProfiles/${sid(profile)}/Evaluations`, { PolicySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5' });
  await call('POST', `/v1/CustomerProfiles/${sid(profile)}`, { Status: 'pending-review' });
  await call('GET', '/v1/CustomerProfiles?Status=pending-review');
  await call('GET', `/v1/CustomerProfiles/${sid(profile)}`);
  const a2pUser = await call('POST', '/v1/EndUsers', { FriendlyName: 'a2p', Type: 'us_a2p_messaging_profile_information', Attributes: JSON.stringify({ company_type: 'private' }) });
  const product = await call('POST', '/v1/TrustProducts', { FriendlyName: 'A2P', Email: 'd@example.com', PolicySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b' });
  await call('POST', `/v1/TrustProducts/${sid(product)}/EntityAssignments`, { ObjectSid: sid(a2pUser) });
  await call('POST', `/v1/TrustProducts/${sid(product)}/EntityAssignments`, { ObjectSid: sid(profile) });
  await call('GET', `/v1/TrustProducts/${sid(product)}/EntityAssignments`);
  await call('POST', `/v1/TrustProducts/${sid(product)}/Evaluations`, { PolicySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b' });
  await call('POST', `/v1/TrustProducts/${sid(product)}`, { Status: 'pending-review' });
  await call('GET', '/v1/TrustProducts');
  await call('GET', `/v1/TrustProducts/${sid(product)}`);
  const brand = await call('POST', '/v1/a2p/BrandRegistrations', { CustomerProfileBundleSid: sid(profile), A2PProfileBundleSid: sid(product) });
  h.sim.advanceClock(86_400_000);
  await call('GET', '/v1/a2p/BrandRegistrations');
  await call('GET', `/v1/a2p/BrandRegistrations/${sid(brand)}`);
  await call('DELETE', `/v1/a2p/BrandRegistrations/${sid(brand)}`);
  // Fix the EIN, resubmit the failed brand, and let it be approved.
  await call('POST', `/v1/EndUsers/${sid(business)}`, { Attributes: JSON.stringify({ ...businessAttributes, business_registration_number: '12-3456789' }) });
  await call('POST', `/v1/a2p/BrandRegistrations/${sid(brand)}`);
  await call('POST', `/v1/a2p/BrandRegistrations/${sid(brand)}`);
  h.sim.advanceClock(86_400_000);

  // The campaign on the Messaging Service.
  await call('GET', `/v1/Services/${sid(mg)}/Compliance/Usa2p/Usecases?BrandRegistrationSid=${sid(brand)}`);
  const campaignForm = {
    BrandRegistrationSid: sid(brand), UsAppToPersonUsecase: 'MIXED', HasEmbeddedLinks: 'false', HasEmbeddedPhone: 'false',
    Description: 'Class reminders, schedule changes and closures for the families of a gymnastics school.',
    MessageFlow: 'Parents give their mobile number and tick a box to get texts when they sign up for classes at the front desk or online.',
    MessageSamples: 'Tumble Town: no classes Monday for the holiday. Reply STOP to opt out.',
    OptOutKeywords: 'STOP', OptOutMessage: 'Tumble Town: you will get no more texts. Reply START to opt back in.',
  };
  const body = new URLSearchParams(campaignForm);
  body.append('MessageSamples', 'Tumble Town: the pool is closed today. Classes move to Thursday. Reply STOP to opt out.');
  const campaign = await call('POST', `/v1/Services/${sid(mg)}/Compliance/Usa2p`, Object.fromEntries(body), body);
  await call('POST', `/v1/Services/${sid(mg)}/Compliance/Usa2p`, Object.fromEntries(body), body);
  await call('GET', `/v1/Services/${sid(mg)}/Compliance/Usa2p`);
  await call('GET', `/v1/Services/${sid(mg)}/Compliance/Usa2p/${sid(campaign)}`);
  h.sim.advanceClock(86_400_000);
  body.delete('OptOutKeywords');
  body.delete('OptOutMessage');
  await call('POST', `/v1/Services/${sid(mg)}/Compliance/Usa2p/${sid(campaign)}`, Object.fromEntries(body), body);
  await call('DELETE', `/v1/Services/${sid(mg)}/Compliance/Usa2p/${sid(campaign)}`);
  await call('GET', '/v1/Policies');
  await call('GET', '/v1/Policies/RNdfbf3fae0e1107f8aded0e7cead80bf5');
  await call('GET', '/v1/CustomerProfiles?PolicySid=RNdfbf3fae0e1107f8aded0e7cead80bf5&Status=twilio-approved');

  // Clean-up deletes.
  const tmpUser = await call('POST', '/v1/EndUsers', { FriendlyName: 'tmp', Type: 'authorized_representative_2' });
  await call('DELETE', `/v1/EndUsers/${sid(tmpUser)}`);
  const tmpDoc = await call('POST', '/v1/SupportingDocuments', { FriendlyName: 'tmp', Type: 'customer_profile_address' });
  await call('DELETE', `/v1/SupportingDocuments/${sid(tmpDoc)}`);
  const tmpProduct = await call('POST', '/v1/TrustProducts', { FriendlyName: 'tmp', Email: 'd@example.com', PolicySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b' });
  await call('DELETE', `/v1/TrustProducts/${sid(tmpProduct)}`);
  const tmpProfile = await call('POST', '/v1/CustomerProfiles', { FriendlyName: 'tmp', Email: 'd@example.com', PolicySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5' });
  await call('DELETE', `/v1/CustomerProfiles/${sid(tmpProfile)}`);

  // Errors.
  await call('POST', `${A}/Messages.json`, { To: '+15555550100', MessagingServiceSid: sid(mg), Body: 'x' });
  await call('POST', `${A}/Messages.json`, { To: '+15125550103', MessagingServiceSid: sid(mg), Body: 'x' });
  await call('GET', `${A}/Messages/SM00000000000000000000000000000000.json`);
  await call('POST', '/v1/Services', {});
  await call('PUT', '/v1/Services');
  await rawCall('GET', `${A}/Messages.json`, {});
  await rawCall('GET', `${A}/Messages.json`, { Authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:wrong`).toString('base64')}` });
  h.sim.addFault({ kind: 'http_error', status: 503, when: 'before' });
  await call('GET', '/v1/Services');
  h.sim.updateSettings({ maxConcurrency: 1, latencyMs: 100 });
  await Promise.all([call('GET', '/v1/Services'), call('GET', '/v1/Services')]);
  h.sim.updateSettings({ maxConcurrency: 100, latencyMs: 0 });
}

beforeAll(async () => {
  h = await startHarness();
  await scenario();
});
afterAll(() => h.stop());

const errorSchemaKeys = ['code', 'message', 'more_info', 'status'];

describe('simulator responses against the official OpenAPI definitions', () => {
  it('has a checker that notices a missing property and a wrong type', () => {
    const ok = exchanges.find((e) => e.method === 'POST' && e.status === 201 && e.path.endsWith('/Messages.json'));
    if (!ok) throw new Error('no message created');
    const response = schemas.response('POST', ok.path, 201);
    if (!response) throw new Error('no schema');
    const { error_code: _dropped, ...missing } = ok.body as Record<string, unknown>;
    expect(schemas.shapeProblems('POST', ok.path, response.schema as never, missing)).toEqual(['$.error_code missing']);
    expect(response.validate({ ...(ok.body as object), num_segments: 1 })).toBe(false);
    expect(response.validate({ ...(ok.body as object), date_created: '2024-01-01T00:00:00Z' })).toBe(false);
  });

  it('drove every simulator route at least once', () => {
    const all = [...messageRoutes, ...numberRoutes, ...serviceRoutes, ...brandRoutes, ...campaignRoutes, ...trusthubBundleRoutes, ...trusthubEntityRoutes, ...policyRoutes];
    const missed = all.filter((r) => !exchanges.some((e) => e.method === r.method && e.status < 300 && r.pattern.test(e.path)));
    expect(missed.map((r) => `${r.method} ${r.pattern.source}`)).toEqual([]);
  });

  it('answers successes in the documented status code and shape', () => {
    const problems: string[] = [];
    for (const e of exchanges.filter((x) => x.status < 300)) {
      const label = `${e.method} ${e.path} ${e.status}`;
      if (e.status === 204) {
        if (e.body !== null) problems.push(`${label}: 204 with a body`);
        if (schemas.operation(e.method, e.path) === null) problems.push(`${label}: not in the OpenAPI files`);
        continue;
      }
      const response = schemas.response(e.method, e.path, e.status);
      if (response === null) {
        problems.push(`${label}: no documented response for this status`);
        continue;
      }
      if (!response.validate(e.body)) problems.push(`${label}: ${JSON.stringify(response.validate.errors?.slice(0, 3))}`);
      for (const p of schemas.shapeProblems(e.method, e.path, response.schema as never, e.body)) problems.push(`${label}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("answers errors with Twilio's error body", () => {
    const errors = exchanges.filter((x) => x.status >= 400);
    expect(new Set(errors.map((e) => e.status))).toEqual(new Set([400, 401, 404, 405, 429, 503]));
    for (const e of errors) {
      expect(Object.keys(e.body as object).sort(), `${e.method} ${e.path}`).toEqual(errorSchemaKeys);
      const body = e.body as { code: unknown; message: unknown; more_info: unknown; status: unknown };
      expect(body.status).toBe(e.status);
      expect(typeof body.code).toBe('number');
      expect(typeof body.message).toBe('string');
      expect(body.more_info).toBe(`https://www.twilio.com/docs/errors/${String(body.code)}`);
    }
    expect(errors.map((e) => (e.body as { code: number }).code)).toEqual(expect.arrayContaining([20003, 20404, 21211, 21610, 20001, 20004, 20429, 20503, 21725]));
  });
});
