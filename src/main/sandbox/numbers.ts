import { missingParam, notFound, twilioError } from './errors.ts';
import { friendlyUs, newSid, rfc2822 } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { inventory, validAreaCode } from './inventory.ts';
import type { AvailableEntry } from './inventory.ts';
import { page2010, readPageRequest } from './paging.ts';
import type { Address, IncomingNumber } from './state-schema.ts';

/** AvailablePhoneNumbers search, IncomingPhoneNumbers (buying) and Addresses, 2010 API. */

const ACCOUNT = '^/2010-04-01/Accounts/([^/]+)';
const DEFAULT_AREA_CODE = '512';

function renderAvailable(e: AvailableEntry): Record<string, unknown> {
  return {
    friendly_name: friendlyUs(e.phoneNumber), phone_number: e.phoneNumber, lata: e.lata, locality: e.locality,
    rate_center: e.rateCenter, latitude: e.latitude, longitude: e.longitude, region: e.region, postal_code: e.postalCode,
    iso_country: 'US', address_requirements: 'none', beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
  };
}

export function renderIncoming(ctx: SimContext, n: IncomingNumber): Record<string, unknown> {
  return {
    account_sid: ctx.accountSid, address_sid: null, address_requirements: 'none', api_version: '2010-04-01', beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(n.dateCreated), date_updated: rfc2822(n.dateUpdated), friendly_name: n.friendlyName,
    identity_sid: null, phone_number: n.phoneNumber, origin: 'twilio', sid: n.sid, sms_application_sid: null,
    sms_fallback_method: 'POST', sms_fallback_url: null, sms_method: 'POST', sms_url: n.smsUrl === '' ? null : n.smsUrl, status_callback: null,
    status_callback_method: 'POST', trunk_sid: null,
    uri: `/2010-04-01/Accounts/${ctx.accountSid}/IncomingPhoneNumbers/${n.sid}.json`, voice_receive_mode: 'voice',
    voice_application_sid: null, voice_caller_id_lookup: false, voice_fallback_method: 'POST', voice_fallback_url: null,
    voice_method: 'POST', voice_url: null, emergency_status: 'Inactive', emergency_address_sid: null,
    emergency_address_status: 'unregistered', bundle_sid: null, status: 'in-use', type: 'local',
  };
}

function renderAddress(ctx: SimContext, a: Address): Record<string, unknown> {
  return {
    account_sid: ctx.accountSid, city: a.city, customer_name: a.customerName, date_created: rfc2822(a.dateCreated),
    date_updated: rfc2822(a.dateUpdated), friendly_name: a.friendlyName, iso_country: a.isoCountry, postal_code: a.postalCode,
    region: a.region, sid: a.sid, street: a.street, street_secondary: a.streetSecondary,
    uri: `/2010-04-01/Accounts/${ctx.accountSid}/Addresses/${a.sid}.json`, emergency_enabled: false, validated: false, verified: false,
  };
}

function search(ctx: SimContext, req: ApiRequest): ApiResponse {
  const country = req.params[1] ?? '';
  const areaCode = req.query.get('AreaCode');
  const filters: Array<[string, string]> = [];
  for (const key of ['AreaCode', 'SmsEnabled', 'MmsEnabled', 'VoiceEnabled']) {
    const value = req.query.get(key);
    if (value !== null) filters.push([key, value]);
  }
  const stock = country === 'US' ? inventory(areaCode ?? DEFAULT_AREA_CODE, ctx.store) : [];
  const path = `/2010-04-01/Accounts/${ctx.accountSid}/AvailablePhoneNumbers/${country}/Local.json`;
  const page = page2010(stock, readPageRequest(req.query, 50), { path, key: 'available_phone_numbers', filters, idOf: (e) => e.phoneNumber, render: renderAvailable });
  return { status: 200, body: page };
}

function buy(ctx: SimContext, req: ApiRequest): ApiResponse {
  const requested = req.form.get('PhoneNumber');
  const areaCode = req.form.get('AreaCode');
  let phoneNumber: string;
  if (requested !== null && requested !== '') {
    if (!/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(requested)) throw twilioError(400, 21421);
    const stock = inventory(requested.slice(2, 5), ctx.store);
    if (!stock.some((e) => e.phoneNumber === requested)) throw twilioError(400, 21422);
    phoneNumber = requested;
  } else if (areaCode !== null && areaCode !== '') {
    const first = validAreaCode(areaCode) ? inventory(areaCode, ctx.store)[0] : undefined;
    if (first === undefined) throw twilioError(400, 21452);
    phoneNumber = first.phoneNumber;
  } else {
    throw missingParam('PhoneNumber');
  }
  const now = ctx.now();
  const n: IncomingNumber = {
    sid: newSid('PN'), phoneNumber, friendlyName: req.form.get('FriendlyName') ?? friendlyUs(phoneNumber),
    smsUrl: req.form.get('SmsUrl') ?? '', serviceSid: null, serviceAttachedAt: null, dateCreated: now, dateUpdated: now,
  };
  ctx.store.numbers.set(n.sid, n);
  return { status: 201, body: renderIncoming(ctx, n) };
}

function listIncoming(ctx: SimContext, req: ApiRequest): ApiResponse {
  const phone = req.query.get('PhoneNumber');
  const all = [...ctx.store.numbers.values()].filter((n) => phone === null || n.phoneNumber === phone);
  const filters: Array<[string, string]> = phone === null ? [] : [['PhoneNumber', phone]];
  const path = `/2010-04-01/Accounts/${ctx.accountSid}/IncomingPhoneNumbers.json`;
  return { status: 200, body: page2010(all, readPageRequest(req.query, 50), { path, key: 'incoming_phone_numbers', filters, idOf: (n) => n.sid, render: (n) => renderIncoming(ctx, n) }) };
}

function createAddress(ctx: SimContext, req: ApiRequest): ApiResponse {
  const need = (name: string): string => {
    const value = req.form.get(name);
    if (value === null || value === '') throw missingParam(name);
    return value;
  };
  const now = ctx.now();
  const a: Address = {
    sid: newSid('AD'), customerName: need('CustomerName'), street: need('Street'), city: need('City'), region: need('Region'),
    postalCode: need('PostalCode'), isoCountry: need('IsoCountry'), friendlyName: req.form.get('FriendlyName'),
    streetSecondary: req.form.get('StreetSecondary'), dateCreated: now, dateUpdated: now,
  };
  ctx.store.addresses.set(a.sid, a);
  return { status: 201, body: renderAddress(ctx, a) };
}

/**
 * Twilio updates an Address in place (POST …/Addresses/{AD}.json, 200): the fields sent replace
 * the old ones, an empty value is refused as on create, and IsoCountry cannot change (the
 * OpenAPI update form has no IsoCountry).
 */
function updateAddress(ctx: SimContext, req: ApiRequest): ApiResponse {
  const a = ctx.store.addresses.get(req.params[1] ?? '');
  if (a === undefined) throw notFound(req.path);
  const given = (name: string, old: string): string => {
    const value = req.form.get(name);
    if (value === null) return old;
    if (value === '') throw missingParam(name);
    return value;
  };
  const updated: Address = {
    ...a, customerName: given('CustomerName', a.customerName), street: given('Street', a.street), city: given('City', a.city),
    region: given('Region', a.region), postalCode: given('PostalCode', a.postalCode),
    friendlyName: req.form.get('FriendlyName') ?? a.friendlyName, streetSecondary: req.form.get('StreetSecondary') ?? a.streetSecondary,
    dateUpdated: ctx.now(),
  };
  ctx.store.addresses.set(a.sid, updated);
  return { status: 200, body: renderAddress(ctx, updated) };
}

export const numberRoutes: readonly Route[] = [
  { method: 'GET', pattern: new RegExp(`${ACCOUNT}/AvailablePhoneNumbers/([A-Z]{2})/Local\\.json$`), handle: search },
  { method: 'POST', pattern: new RegExp(`${ACCOUNT}/IncomingPhoneNumbers\\.json$`), handle: buy },
  { method: 'GET', pattern: new RegExp(`${ACCOUNT}/IncomingPhoneNumbers\\.json$`), handle: listIncoming },
  {
    method: 'GET', pattern: new RegExp(`${ACCOUNT}/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json$`),
    handle: (ctx, req) => {
      const n = ctx.store.numbers.get(req.params[1] ?? '');
      if (n === undefined) throw notFound(req.path);
      return { status: 200, body: renderIncoming(ctx, n) };
    },
  },
  { method: 'POST', pattern: new RegExp(`${ACCOUNT}/Addresses\\.json$`), handle: createAddress },
  {
    method: 'GET', pattern: new RegExp(`${ACCOUNT}/Addresses/(AD[0-9a-f]{32})\\.json$`),
    handle: (ctx, req) => {
      const a = ctx.store.addresses.get(req.params[1] ?? '');
      if (a === undefined) throw notFound(req.path);
      return { status: 200, body: renderAddress(ctx, a) };
    },
  },
  { method: 'POST', pattern: new RegExp(`${ACCOUNT}/Addresses/(AD[0-9a-f]{32})\\.json$`), handle: updateAddress },
];
