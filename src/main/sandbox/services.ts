import { missingParam, notFound, SimError, twilioError } from './errors.ts';
import { serviceRegistered } from './campaigns.ts';
import { hosts, iso, newSid } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';
import type { IncomingNumber, Service } from './state-schema.ts';

/** Messaging Services (MG…) and their sender pool (PhoneNumbers). */

export function renderService(ctx: SimContext, s: Service): Record<string, unknown> {
  const url = `${hosts.messaging}/v1/Services/${s.sid}`;
  return {
    account_sid: ctx.accountSid, sid: s.sid, date_created: iso(s.dateCreated), date_updated: iso(s.dateUpdated),
    friendly_name: s.friendlyName, inbound_request_url: s.inboundRequestUrl, inbound_method: s.inboundMethod,
    fallback_url: s.fallbackUrl, fallback_method: s.fallbackMethod, status_callback: s.statusCallback,
    sticky_sender: s.stickySender, smart_encoding: s.smartEncoding, mms_converter: s.mmsConverter,
    fallback_to_long_code: s.fallbackToLongCode, scan_message_content: 'inherit', area_code_geomatch: s.areaCodeGeomatch,
    validity_period: s.validityPeriod, synchronous_validation: s.synchronousValidation, usecase: s.usecase,
    us_app_to_person_registered: serviceRegistered(ctx, s.sid), use_inbound_webhook_on_number: s.useInboundWebhookOnNumber,
    links: {
      phone_numbers: `${url}/PhoneNumbers`, short_codes: `${url}/ShortCodes`, alpha_senders: `${url}/AlphaSenders`,
      messages: `${url}/Messages`, us_app_to_person: `${url}/Compliance/Usa2p`,
      us_app_to_person_usecases: `${url}/Compliance/Usa2p/Usecases`, channel_senders: `${url}/ChannelSenders`,
      destination_alpha_senders: `${url}/DestinationAlphaSenders`,
    },
    url,
  };
}

export function renderServiceNumber(ctx: SimContext, n: IncomingNumber): Record<string, unknown> {
  return {
    sid: n.sid, account_sid: ctx.accountSid, service_sid: n.serviceSid, date_created: iso(n.serviceAttachedAt ?? n.dateCreated),
    date_updated: iso(n.serviceAttachedAt ?? n.dateUpdated), phone_number: n.phoneNumber, country_code: 'US',
    capabilities: ['SMS', 'MMS', 'Voice'], url: `${hosts.messaging}/v1/Services/${n.serviceSid ?? ''}/PhoneNumbers/${n.sid}`,
  };
}

const bool = (value: string | null, fallback: boolean): boolean => (value === null ? fallback : value === 'true');

function validity(text: string | null, fallback: number): number {
  if (text === null) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 36_000) throw twilioError(400, 21624);
  return n;
}

/** Applies the optional settings shared by create and update. */
function applySettings(s: Service, form: URLSearchParams): void {
  const text = (name: string): string | null => form.get(name);
  if (form.has('InboundRequestUrl')) s.inboundRequestUrl = text('InboundRequestUrl') || null;
  if (form.has('FallbackUrl')) s.fallbackUrl = text('FallbackUrl') || null;
  if (form.has('StatusCallback')) s.statusCallback = text('StatusCallback') || null;
  s.inboundMethod = text('InboundMethod') ?? s.inboundMethod;
  s.fallbackMethod = text('FallbackMethod') ?? s.fallbackMethod;
  s.stickySender = bool(text('StickySender'), s.stickySender);
  s.mmsConverter = bool(text('MmsConverter'), s.mmsConverter);
  s.smartEncoding = bool(text('SmartEncoding'), s.smartEncoding);
  s.fallbackToLongCode = bool(text('FallbackToLongCode'), s.fallbackToLongCode);
  s.areaCodeGeomatch = bool(text('AreaCodeGeomatch'), s.areaCodeGeomatch);
  s.synchronousValidation = bool(text('SynchronousValidation'), s.synchronousValidation);
  s.useInboundWebhookOnNumber = bool(text('UseInboundWebhookOnNumber'), s.useInboundWebhookOnNumber);
  s.validityPeriod = validity(text('ValidityPeriod'), s.validityPeriod);
  s.usecase = text('Usecase') ?? s.usecase;
}

export function createService(ctx: SimContext, form: URLSearchParams): Service {
  const name = form.get('FriendlyName');
  if (name === null || name === '') throw missingParam('FriendlyName');
  const now = ctx.now();
  // Twilio's defaults: notably no inbound URL, which means inbound messages are not logged.
  const s: Service = {
    sid: newSid('MG'), friendlyName: name, inboundRequestUrl: null, inboundMethod: 'POST', fallbackUrl: null, fallbackMethod: 'POST',
    statusCallback: null, stickySender: true, mmsConverter: true, smartEncoding: true, fallbackToLongCode: true,
    areaCodeGeomatch: true, validityPeriod: 36_000, synchronousValidation: true, usecase: 'undeclared',
    useInboundWebhookOnNumber: false, dateCreated: now, dateUpdated: now,
  };
  applySettings(s, form);
  ctx.store.services.set(s.sid, s);
  return s;
}

function find(ctx: SimContext, req: ApiRequest): Service {
  const s = ctx.store.services.get(req.params[0] ?? '');
  if (s === undefined) throw notFound(req.path);
  return s;
}

export function attachNumber(ctx: SimContext, service: Service, phoneNumberSid: string): { number: IncomingNumber; created: boolean } {
  const n = ctx.store.numbers.get(phoneNumberSid);
  if (n === undefined) throw twilioError(400, 21421);
  if (n.serviceSid === service.sid) return { number: n, created: false };
  if (n.serviceSid !== null) throw twilioError(400, 21710);
  n.serviceSid = service.sid;
  n.serviceAttachedAt = ctx.now();
  return { number: n, created: true };
}

function addNumber(ctx: SimContext, req: ApiRequest): ApiResponse {
  const service = find(ctx, req);
  const pn = req.form.get('PhoneNumberSid');
  if (pn === null || pn === '') throw missingParam('PhoneNumberSid');
  const { number, created } = attachNumber(ctx, service, pn);
  return { status: created ? 201 : 200, body: renderServiceNumber(ctx, number) };
}

function poolOf(ctx: SimContext, service: Service): IncomingNumber[] {
  return [...ctx.store.numbers.values()].filter((n) => n.serviceSid === service.sid);
}

const MG = '^/v1/Services';
const ONE = `${MG}/(MG[0-9a-f]{32})`;

export const serviceRoutes: readonly Route[] = [
  { method: 'POST', pattern: new RegExp(`${MG}$`), handle: (ctx, req) => ({ status: 201, body: renderService(ctx, createService(ctx, req.form)) }) },
  {
    method: 'GET', pattern: new RegExp(`${MG}$`),
    handle: (ctx, req) => ({
      status: 200,
      body: pageV1([...ctx.store.services.values()], readPageRequest(req.query, 50), {
        url: `${hosts.messaging}/v1/Services`, key: 'services', filters: [], idOf: (s) => s.sid, render: (s) => renderService(ctx, s),
      }),
    }),
  },
  { method: 'GET', pattern: new RegExp(`${ONE}$`), handle: (ctx, req) => ({ status: 200, body: renderService(ctx, find(ctx, req)) }) },
  {
    method: 'POST', pattern: new RegExp(`${ONE}$`),
    handle: (ctx, req) => {
      const s = find(ctx, req);
      applySettings(s, req.form);
      if (req.form.has('FriendlyName')) s.friendlyName = req.form.get('FriendlyName') ?? s.friendlyName;
      s.dateUpdated = ctx.now();
      return { status: 200, body: renderService(ctx, s) };
    },
  },
  {
    method: 'DELETE', pattern: new RegExp(`${ONE}$`),
    handle: (ctx, req) => {
      const s = find(ctx, req);
      for (const n of poolOf(ctx, s)) n.serviceSid = null;
      ctx.store.services.delete(s.sid);
      return { status: 204 };
    },
  },
  { method: 'POST', pattern: new RegExp(`${ONE}/PhoneNumbers$`), handle: addNumber },
  {
    method: 'GET', pattern: new RegExp(`${ONE}/PhoneNumbers$`),
    handle: (ctx, req) => {
      const s = find(ctx, req);
      return {
        status: 200,
        body: pageV1(poolOf(ctx, s), readPageRequest(req.query, 50), {
          url: `${hosts.messaging}/v1/Services/${s.sid}/PhoneNumbers`, key: 'phone_numbers', filters: [], idOf: (n) => n.sid, render: (n) => renderServiceNumber(ctx, n),
        }),
      };
    },
  },
  {
    method: 'DELETE', pattern: new RegExp(`${ONE}/PhoneNumbers/(PN[0-9a-f]{32})$`),
    handle: (ctx, req) => {
      const s = find(ctx, req);
      const n = ctx.store.numbers.get(req.params[1] ?? '');
      if (n === undefined || n.serviceSid !== s.sid) throw new SimError(404, 20404, `The requested resource ${req.path} was not found`);
      n.serviceSid = null;
      n.serviceAttachedAt = null;
      return { status: 204 };
    },
  },
];
