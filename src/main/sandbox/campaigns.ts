import { missingParam, notFound, SimError, twilioError } from './errors.ts';
import { brandStatus } from './brands.ts';
import { hash32, hosts, iso, newSid } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';
import type { Brand, Campaign, Service } from './state-schema.ts';

/**
 * US A2P 10DLC campaigns: `/v1/Services/{MG}/Compliance/Usa2p` and `…/Usa2p/Usecases`
 * (twilio_messaging_v1.json; ISV guide step 4, twilio-api-notes.md §3.5 item 10). A campaign
 * is IN_PROGRESS until `campaignReviewMs` has passed, then VERIFIED or FAILED; only a VERIFIED
 * campaign lets its Messaging Service's numbers send when registration is enforced (30034).
 * Field limits are twilio-node's usAppToPerson.d.ts; where Twilio is silent the stricter reading.
 */

interface Usecase {
  code: string;
  name: string;
  description: string;
  post_approval_required: boolean;
}

const usecase = (code: string, name: string, description: string, postApproval = false): Usecase =>
  ({ code, name, description, post_approval_required: postApproval });

/** What Usecases lists for a STANDARD brand (Twilio's A2P 10DLC use case table). */
const STANDARD_USECASES: readonly Usecase[] = [
  usecase('2FA', 'Two-Factor authentication (2FA)', 'Two-Factor authentication, one-time use password, password reset'),
  usecase('ACCOUNT_NOTIFICATION', 'Account Notification', 'All reminders, alerts, and notifications'),
  usecase('CUSTOMER_CARE', 'Customer Care', 'Account support and customer service'),
  usecase('DELIVERY_NOTIFICATION', 'Delivery Notification', 'Information about the status of the delivery of a product or service'),
  usecase('FRAUD_ALERT', 'Fraud Alert Messaging', 'Fraud alert notification'),
  usecase('HIGHER_EDUCATION', 'Higher Education', 'Messaging for colleges, universities and school districts'),
  usecase('LOW_VOLUME', 'Low Volume Mixed', 'Low throughput, any combination of use cases'),
  usecase('MARKETING', 'Marketing', 'Any communication with marketing and/or promotional content'),
  usecase('MIXED', 'Mixed', 'Mixed messaging reserved for specific consumer service industry'),
  usecase('POLLING_VOTING', 'Polling and voting', 'Surveys, polling and voting campaigns'),
  usecase('PUBLIC_SERVICE_ANNOUNCEMENT', 'Public Service Announcement', 'An informational message meant to raise awareness'),
  usecase('SECURITY_ALERT', 'Security Alert', 'A notification that the security of a system has been compromised'),
];
const SOLE_PROPRIETOR_USECASES: readonly Usecase[] = [usecase('SOLE_PROPRIETOR', 'Sole Proprietor', 'Sole proprietor campaigns')];
/**
 * Real Twilio use cases that only qualifying brands get (a 501(c)(3) charity, a K-12 school…).
 * The simulator never lists them (stricter reading), so registering one is 21717 like a use case
 * of the other brand type, not an unknown name.
 */
const SPECIAL_USECASE_CODES = ['AGENTS_FRANCHISES', 'CHARITY', 'EMERGENCY', 'K12_EDUCATION', 'POLITICAL', 'PROXY', 'SOCIAL', 'SWEEPSTAKE'];
/** Every use case code Twilio knows, listed for some brand or not. */
export const KNOWN_USECASE_CODES: readonly string[] = [...STANDARD_USECASES, ...SOLE_PROPRIETOR_USECASES].map((u) => u.code).concat(SPECIAL_USECASE_CODES);

function usecasesFor(brand: Brand): readonly Usecase[] {
  return brand.brandType === 'SOLE_PROPRIETOR' ? SOLE_PROPRIETOR_USECASES : STANDARD_USECASES;
}

const serviceOf = (ctx: SimContext, req: ApiRequest): Service => {
  const s = ctx.store.services.get(req.params[0] ?? '');
  if (s === undefined) throw notFound(req.path);
  return s;
};

/**
 * The brand a campaign is registered under must exist and be APPROVED; a brand in review,
 * failed or unknown is 21717 (https://www.twilio.com/docs/api/errors/21717). Twilio does not say
 * whether listing use cases for an unapproved brand is refused: stricter reading, it is.
 */
function approvedBrand(ctx: SimContext, sid: string | null): Brand {
  if (sid === null || sid === '') throw missingParam('BrandRegistrationSid');
  const brand = ctx.store.brands.get(sid);
  if (brand === undefined || brandStatus(ctx, brand) !== 'APPROVED') throw twilioError(400, 21717);
  return brand;
}

/** The verdict, once the review time has passed: FAILED 30896 when the opt-in flow is unclear. */
export function settleCampaign(ctx: SimContext, c: Campaign): Campaign {
  const settings = ctx.store.settings;
  const decideAt = c.submittedAt + settings.campaignReviewMs;
  if (c.outcome !== null || ctx.now() < decideAt) return c;
  const flow = c.messageFlow.toLowerCase();
  const unclear = settings.failingCampaignFlows.some((phrase) => phrase !== '' && flow.includes(phrase.toLowerCase()));
  c.outcome = unclear
    ? { status: 'FAILED', errors: [{ code: 30896, description: 'The message flow does not show how people agree to get these texts. Describe where and how they opt in.', fields: ['message_flow'] }], at: decideAt }
    : { status: 'VERIFIED', errors: [], at: decideAt };
  c.dateUpdated = decideAt;
  return c;
}

export function campaignStatus(ctx: SimContext, c: Campaign): string {
  return settleCampaign(ctx, c).outcome?.status ?? 'IN_PROGRESS';
}

/** Whether a sender on this Messaging Service is covered by a VERIFIED campaign. */
export function serviceRegistered(ctx: SimContext, serviceSid: string | null): boolean {
  if (serviceSid === null) return false;
  for (const c of ctx.store.campaigns.values()) if (c.serviceSid === serviceSid && campaignStatus(ctx, c) === 'VERIFIED') return true;
  return false;
}

export function renderCampaign(ctx: SimContext, raw: Campaign): Record<string, unknown> {
  const c = settleCampaign(ctx, raw);
  const status = c.outcome?.status ?? 'IN_PROGRESS';
  const verified = status === 'VERIFIED';
  return {
    sid: c.sid, account_sid: ctx.accountSid, brand_registration_sid: c.brandSid, messaging_service_sid: c.serviceSid,
    description: c.description, message_samples: c.messageSamples, us_app_to_person_usecase: c.usecase,
    has_embedded_links: c.hasEmbeddedLinks, has_embedded_phone: c.hasEmbeddedPhone, subscriber_opt_in: c.subscriberOptIn,
    age_gated: c.ageGated, direct_lending: c.directLending, campaign_status: status,
    campaign_id: verified ? `C${(hash32(c.sid) & 0xffffff).toString(16).toUpperCase().padStart(6, '0')}` : null,
    is_externally_registered: false,
    rate_limits: verified ? { att: { mps: 4, msg_class: 'T' }, tmobile: { brand_tier: 'LOW' } } : null,
    message_flow: c.messageFlow, opt_in_message: c.optInMessage, opt_out_message: c.optOutMessage, help_message: c.helpMessage,
    opt_in_keywords: c.optInKeywords, opt_out_keywords: c.optOutKeywords, help_keywords: c.helpKeywords,
    date_created: iso(c.dateCreated), date_updated: iso(c.dateUpdated),
    url: `${hosts.messaging}/v1/Services/${c.serviceSid}/Compliance/Usa2p/${c.sid}`, mock: false,
    errors: c.outcome?.errors ?? [], privacy_policy_url: c.privacyPolicyUrl, terms_and_conditions_url: c.termsAndConditionsUrl,
  };
}

function text(form: URLSearchParams, name: string, min: number, max: number, required: boolean): string | null {
  const value = form.get(name);
  if (value === null || value === '') {
    if (required) throw missingParam(name);
    return null;
  }
  if ([...value].length < min || [...value].length > max) throw new SimError(400, 20001, `Invalid parameter ${name}: must be ${min} to ${max} characters`);
  return value;
}

function bool(form: URLSearchParams, name: string, required: boolean): boolean | null {
  const value = form.get(name);
  if (value === null || value === '') {
    if (required) throw missingParam(name);
    return null;
  }
  if (value !== 'true' && value !== 'false') throw new SimError(400, 20001, `Invalid parameter ${name}: ${value}`);
  return value === 'true';
}

/** Keyword lists: alphanumeric values, 255 characters at most in all (usAppToPerson.d.ts). */
function keywords(form: URLSearchParams, name: string): string[] | null {
  const values = form.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return null;
  if (values.some((v) => !/^[A-Za-z0-9]+$/.test(v)) || values.join(',').length > 255) throw new SimError(400, 20001, `Invalid parameter ${name}: keywords must be letters and digits, 255 characters in all`);
  return values;
}

function samples(form: URLSearchParams): string[] {
  const values = form.getAll('MessageSamples');
  if (values.length === 0) throw missingParam('MessageSamples');
  if (values.length < 2 || values.length > 5) throw new SimError(400, 20001, 'Invalid parameter MessageSamples: give 2 to 5 samples');
  if (values.some((v) => [...v].length < 20 || [...v].length > 1024)) throw new SimError(400, 20001, 'Invalid parameter MessageSamples: each sample must be 20 to 1024 characters');
  return values;
}

/** The fields create and update share, checked against twilio-node's documented limits. */
function contentOf(form: URLSearchParams): Pick<Campaign, 'description' | 'messageFlow' | 'messageSamples' | 'hasEmbeddedLinks' | 'hasEmbeddedPhone' | 'ageGated' | 'directLending' | 'privacyPolicyUrl' | 'termsAndConditionsUrl'> {
  return {
    description: text(form, 'Description', 40, 4096, true) ?? '',
    messageFlow: text(form, 'MessageFlow', 40, 2048, true) ?? '',
    messageSamples: samples(form),
    hasEmbeddedLinks: bool(form, 'HasEmbeddedLinks', true) ?? false,
    hasEmbeddedPhone: bool(form, 'HasEmbeddedPhone', true) ?? false,
    ageGated: bool(form, 'AgeGated', false) ?? false,
    directLending: bool(form, 'DirectLending', false) ?? false,
    privacyPolicyUrl: form.get('PrivacyPolicyUrl') || null,
    termsAndConditionsUrl: form.get('TermsAndConditionsUrl') || null,
  };
}

/**
 * Each keyword list needs its reply: the docs call the message "required if end users can text
 * in a keyword" (opt-in) and "if managing opt out / help keywords yourself" (opt-out, help).
 */
function replies(form: URLSearchParams): Pick<Campaign, 'optInMessage' | 'optOutMessage' | 'helpMessage' | 'optInKeywords' | 'optOutKeywords' | 'helpKeywords'> {
  const out = {
    optInMessage: text(form, 'OptInMessage', 20, 320, false), optOutMessage: text(form, 'OptOutMessage', 20, 320, false),
    helpMessage: text(form, 'HelpMessage', 20, 320, false), optInKeywords: keywords(form, 'OptInKeywords'),
    optOutKeywords: keywords(form, 'OptOutKeywords'), helpKeywords: keywords(form, 'HelpKeywords'),
  };
  for (const [list, message, name] of [
    [out.optInKeywords, out.optInMessage, 'OptInMessage'], [out.optOutKeywords, out.optOutMessage, 'OptOutMessage'], [out.helpKeywords, out.helpMessage, 'HelpMessage'],
  ] as const) if (list !== null && message === null) throw missingParam(name);
  return out;
}

function create(ctx: SimContext, req: ApiRequest): ApiResponse {
  const service = serviceOf(ctx, req);
  const brand = approvedBrand(ctx, req.form.get('BrandRegistrationSid'));
  const code = req.form.get('UsAppToPersonUsecase');
  if (code === null || code === '') throw missingParam('UsAppToPersonUsecase');
  if (!usecasesFor(brand).some((u) => u.code === code)) {
    // A real use case this brand may not use is 21717; a name Twilio does not know is a bad parameter.
    if (KNOWN_USECASE_CODES.includes(code)) throw twilioError(400, 21717);
    throw new SimError(400, 20001, `Invalid parameter UsAppToPersonUsecase: ${code}`);
  }
  // One campaign per Messaging Service: stricter reading of "register a campaign on the service".
  if ([...ctx.store.campaigns.values()].some((c) => c.serviceSid === service.sid)) {
    throw new SimError(400, 20001, 'This Messaging Service already has a US A2P campaign. Delete it before registering another.');
  }
  const now = ctx.now();
  const campaign: Campaign = {
    sid: newSid('QE'), serviceSid: service.sid, brandSid: brand.sid, usecase: code, ...contentOf(req.form), ...replies(req.form),
    subscriberOptIn: bool(req.form, 'SubscriberOptIn', false), submittedAt: now, outcome: null, dateCreated: now, dateUpdated: now,
  };
  ctx.store.campaigns.set(campaign.sid, campaign);
  return { status: 201, body: renderCampaign(ctx, campaign) };
}

function find(ctx: SimContext, req: ApiRequest): Campaign {
  const service = serviceOf(ctx, req);
  const c = ctx.store.campaigns.get(req.params[1] ?? '');
  if (c === undefined || c.serviceSid !== service.sid) throw notFound(req.path);
  return c;
}

/**
 * Update (UpdateUsAppToPerson): the content fields again. A FAILED campaign goes back to review
 * with them; one still IN_PROGRESS cannot be changed (stricter reading: Twilio only documents
 * updates of campaigns that have been decided).
 */
function update(ctx: SimContext, req: ApiRequest): ApiResponse {
  const c = settleCampaign(ctx, find(ctx, req));
  if (c.outcome === null) throw new SimError(400, 20001, 'A campaign still in review cannot be updated');
  Object.assign(c, contentOf(req.form));
  const now = ctx.now();
  if (c.outcome.status === 'FAILED') {
    c.outcome = null;
    c.submittedAt = now;
  }
  c.dateUpdated = now;
  return { status: 200, body: renderCampaign(ctx, c) };
}

const BASE = '^/v1/Services/(MG[0-9a-f]{32})/Compliance/Usa2p';

export const campaignRoutes: readonly Route[] = [
  { method: 'POST', pattern: new RegExp(`${BASE}$`), handle: create },
  {
    method: 'GET', pattern: new RegExp(`${BASE}$`),
    handle: (ctx, req) => {
      const service = serviceOf(ctx, req);
      const all = [...ctx.store.campaigns.values()].filter((c) => c.serviceSid === service.sid);
      return {
        status: 200,
        body: pageV1(all, readPageRequest(req.query, 50), {
          url: `${hosts.messaging}/v1/Services/${service.sid}/Compliance/Usa2p`, key: 'compliance', filters: [], idOf: (c) => c.sid, render: (c) => renderCampaign(ctx, c),
        }),
      };
    },
  },
  {
    method: 'GET', pattern: new RegExp(`${BASE}/Usecases$`),
    handle: (ctx, req) => {
      serviceOf(ctx, req);
      const brand = approvedBrand(ctx, req.query.get('BrandRegistrationSid'));
      return { status: 200, body: { us_app_to_person_usecases: usecasesFor(brand) } };
    },
  },
  { method: 'GET', pattern: new RegExp(`${BASE}/(QE[0-9a-f]{32})$`), handle: (ctx, req) => ({ status: 200, body: renderCampaign(ctx, find(ctx, req)) }) },
  { method: 'POST', pattern: new RegExp(`${BASE}/(QE[0-9a-f]{32})$`), handle: update },
  {
    method: 'DELETE', pattern: new RegExp(`${BASE}/(QE[0-9a-f]{32})$`),
    handle: (ctx, req) => {
      ctx.store.campaigns.delete(find(ctx, req).sid);
      return { status: 204 };
    },
  },
];
