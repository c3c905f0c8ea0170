import { z } from 'zod';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';
import type { LocalInstance } from 'twilio/lib/rest/api/v2010/account/availablePhoneNumberCountry/local';
import type { BrandRegistrationInstance } from 'twilio/lib/rest/messaging/v1/brandRegistration';
import type { AvailableNumber, BrandError, BrandRegistration, CarrierMessage } from '../../core/ports/carrier-gateway';

/** SDK instances → port types. The SDK leaves unparseable dates as strings; those become null. */

function ms(value: unknown): number | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : null;
}

function intOr(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
  return Number.isFinite(n) ? n : fallback;
}

export function toCarrierMessage(m: MessageInstance): CarrierMessage {
  return {
    sid: m.sid,
    status: m.status,
    direction: m.direction,
    from: m.from ?? null,
    to: m.to,
    body: m.body ?? '',
    numSegments: intOr(m.numSegments, 1),
    errorCode: typeof m.errorCode === 'number' ? m.errorCode : null,
    errorMessage: m.errorMessage ?? null,
    messagingServiceSid: m.messagingServiceSid ?? null,
    dateCreated: ms(m.dateCreated),
    dateSent: ms(m.dateSent),
    dateUpdated: ms(m.dateUpdated),
    price: m.price ?? null,
    priceUnit: m.priceUnit ?? null,
  };
}

const capabilitiesSchema = z.record(z.string(), z.unknown()).nullable().optional();

/** Twilio spells these keys in capitals on available numbers and in lower case elsewhere. */
function capability(raw: Record<string, unknown> | null | undefined, name: string): boolean {
  if (!raw) return false;
  return raw[name] === true || raw[name.toUpperCase()] === true;
}

export function toAvailableNumber(n: LocalInstance): AvailableNumber {
  const caps = capabilitiesSchema.parse(n.capabilities);
  return {
    phoneNumber: n.phoneNumber,
    friendlyName: n.friendlyName ?? n.phoneNumber,
    locality: n.locality ?? null,
    region: n.region ?? null,
    postalCode: n.postalCode ?? null,
    capabilities: { sms: capability(caps, 'sms'), mms: capability(caps, 'mms'), voice: capability(caps, 'voice') },
  };
}

const brandErrorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).nullable().optional(),
  description: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  fields: z.array(z.string()).nullable().optional(),
});

export function toBrandErrors(raw: unknown): BrandError[] {
  const list = z.array(z.unknown()).safeParse(raw);
  if (!list.success) return [];
  return list.data.flatMap((item) => {
    const parsed = brandErrorSchema.safeParse(item);
    if (!parsed.success) return [];
    const e = parsed.data;
    const code = e.code === null || e.code === undefined ? null : Number(e.code);
    return [{ code: Number.isFinite(code) ? code : null, description: e.description ?? e.message ?? '', fields: e.fields ?? [] }];
  });
}

const TAX_ID_FIELDS = new Set(['business_registration_number', 'ein', 'tax_id']);

export function toBrandRegistration(b: BrandRegistrationInstance): BrandRegistration {
  const errors = toBrandErrors(b.errors);
  const feedback = Array.isArray(b.brandFeedback) ? b.brandFeedback : [];
  const taxIdMismatch =
    b.status === 'FAILED' && (feedback.includes('TAX_ID') || errors.some((e) => e.fields.some((f) => TAX_ID_FIELDS.has(f.toLowerCase()))));
  return {
    sid: b.sid,
    status: b.status,
    customerProfileSid: b.customerProfileBundleSid ?? null,
    a2pProfileSid: b.a2pProfileBundleSid ?? null,
    tcrId: b.tcrId ?? null,
    errors: errors.length > 0 || b.status !== 'FAILED' || !b.failureReason ? errors : [{ code: null, description: b.failureReason, fields: [] }],
    taxIdMismatch,
    dateCreated: ms(b.dateCreated),
    dateUpdated: ms(b.dateUpdated),
  };
}
