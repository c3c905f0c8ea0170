import { z } from 'zod';
import { serviceRegistered } from './campaigns.ts';
import { notFound, SimError, twilioError } from './errors.ts';
import { newSid, rfc2822, rfc2822OrNull } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { isFinal, planOutbound, viewMessage } from './lifecycle.ts';
import { page2010, readPageRequest } from './paging.ts';
import { destinationError } from './phone-rules.ts';
import { countSegments } from './segments.ts';
import type { SimMessage } from './state-schema.ts';

const ACCOUNT = '^/2010-04-01/Accounts/([^/]+)';
const SID = '((?:SM|MM)[0-9a-f]{32})';

const createSchema = z.object({
  To: z.string().optional(),
  From: z.string().optional(),
  MessagingServiceSid: z.string().optional(),
  Body: z.string().optional(),
  ValidityPeriod: z.coerce.number().optional(),
  ScheduleType: z.string().optional(),
  SendAt: z.string().optional(),
  SmartEncoded: z.string().optional(),
  StatusCallback: z.string().optional(),
});

export function renderMessage(ctx: SimContext, m: SimMessage): Record<string, unknown> {
  const v = viewMessage(m, ctx.now());
  const uri = `/2010-04-01/Accounts/${ctx.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: ctx.accountSid, api_version: '2010-04-01', body: m.body,
    date_created: rfc2822(m.dateCreated), date_sent: rfc2822OrNull(v.dateSent), date_updated: rfc2822(v.dateUpdated),
    direction: m.direction, error_code: v.errorCode, error_message: v.errorMessage, from: v.from,
    messaging_service_sid: m.messagingServiceSid, num_media: '0', num_segments: String(m.numSegments),
    price: v.price, price_unit: v.priceUnit, sid: m.sid, status: v.status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` }, to: m.to, uri: `${uri}.json`,
  };
}

/** Which opt-out list applies: the Messaging Service's, or the lone number's. */
export function optOutScope(ctx: SimContext, serviceSid: string | null, from: string | null): string {
  if (serviceSid !== null) return serviceSid;
  return (from !== null ? ctx.store.numberByPhone(from)?.serviceSid : null) ?? from ?? '';
}

function parseSendAt(text: string | undefined, now: number): number {
  if (text === undefined || text === '') throw twilioError(400, 35111);
  const at = Date.parse(text);
  // Current Twilio rule: more than 5 minutes and at most 35 days ahead.
  if (Number.isNaN(at) || at - now <= 300_000 || at - now > 35 * 86_400_000) throw twilioError(400, 35114);
  return at;
}

function senders(ctx: SimContext, p: z.infer<typeof createSchema>): { list: string[]; serviceSid: string | null } {
  if (p.MessagingServiceSid !== undefined) {
    const service = ctx.store.services.get(p.MessagingServiceSid);
    if (service === undefined) throw twilioError(400, 21705);
    const pool = [...ctx.store.numbers.values()].filter((n) => n.serviceSid === service.sid).map((n) => n.phoneNumber);
    if (p.From !== undefined && p.From !== '') {
      if (!pool.includes(p.From)) throw twilioError(400, 21606);
      return { list: [p.From], serviceSid: service.sid };
    }
    if (pool.length === 0) throw twilioError(400, 21703);
    return { list: pool, serviceSid: service.sid };
  }
  if (p.From === undefined || p.From === '') throw twilioError(400, 21603);
  if (ctx.store.numberByPhone(p.From) === undefined) throw twilioError(400, 21606);
  return { list: [p.From], serviceSid: null };
}

function create(ctx: SimContext, req: ApiRequest): ApiResponse {
  const p = createSchema.parse(Object.fromEntries(req.form));
  const now = ctx.now();
  if (p.To === undefined || p.To === '') throw twilioError(400, 21604);
  const from = senders(ctx, p);
  const body = p.Body ?? '';
  if (body === '') throw twilioError(400, 21602);
  if ([...body].length > 1600) throw twilioError(400, 21617);
  const validity = p.ValidityPeriod ?? ctx.store.services.get(from.serviceSid ?? '')?.validityPeriod ?? 36_000;
  if (!Number.isInteger(validity) || validity < 1 || validity > 36_000) throw twilioError(400, 21624);
  let scheduledFor: number | null = null;
  if (p.ScheduleType !== undefined) {
    if (p.ScheduleType !== 'fixed') throw new SimError(400, 35126, 'Invalid ScheduleType');
    if (from.serviceSid === null) throw twilioError(400, 35118);
    scheduledFor = parseSendAt(p.SendAt, now);
  }
  const destination = destinationError(p.To, ctx.store.settings);
  if (destination !== null) throw twilioError(400, destination, destination === 21211 ? p.To : undefined);
  if (ctx.store.optOuts.has(`${optOutScope(ctx, from.serviceSid, p.From ?? null)}|${p.To}`)) throw twilioError(400, 21610);

  const sid = newSid('SM');
  const segments = countSegments(body);
  const plan = planOutbound({
    sid, to: p.To, segments, now, senders: from.list, viaService: from.serviceSid !== null, validitySeconds: validity,
    scheduledFor, settings: ctx.store.settings, cursor: ctx.store.senderCursor,
    forced: ctx.store.forcedOutcomes.get(p.To),
    senderRegistered: serviceRegistered(ctx, from.serviceSid ?? ctx.store.numberByPhone(p.From ?? '')?.serviceSid ?? null),
  });
  const message: SimMessage = {
    sid, direction: 'outbound-api', to: p.To, from: p.From !== undefined && p.From !== '' ? p.From : null,
    body, numSegments: segments, messagingServiceSid: from.serviceSid, dateCreated: now, plan,
  };
  ctx.store.messages.set(sid, message);
  return { status: 201, body: renderMessage(ctx, message) };
}

function find(ctx: SimContext, req: ApiRequest): SimMessage {
  const m = ctx.store.messages.get(req.params[1] ?? '');
  if (m === undefined) throw notFound(req.path);
  return m;
}

function update(ctx: SimContext, req: ApiRequest): ApiResponse {
  const m = find(ctx, req);
  const status = req.form.get('Status');
  const body = req.form.get('Body');
  if (status === 'canceled') {
    if (m.plan === null || viewMessage(m, ctx.now()).status !== 'scheduled') throw twilioError(400, 30409);
    m.plan = { ...m.plan, canceledAt: ctx.now() };
  }
  // Redaction: Twilio only accepts an empty Body, and only once the message is final.
  if (body !== null) {
    if (body !== '' || !isFinal(viewMessage(m, ctx.now()).status)) throw new SimError(400, 20009, 'Cannot redact a message that is still in progress');
    m.body = '';
  }
  return { status: 200, body: renderMessage(ctx, m) };
}

function remove(ctx: SimContext, req: ApiRequest): ApiResponse {
  const m = find(ctx, req);
  if (!isFinal(viewMessage(m, ctx.now()).status)) throw new SimError(400, 20009, 'Cannot delete message because it is still in progress');
  ctx.store.messages.delete(m.sid);
  return { status: 204 };
}

/** Twilio's date filters are whole UTC days. */
function day(text: string): number {
  const at = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at)) throw new SimError(400, 20001, `Invalid date ${text}`);
  return Math.floor(at / 86_400_000);
}

function list(ctx: SimContext, req: ApiRequest): ApiResponse {
  const q = req.query;
  const filters: Array<[string, string]> = [];
  for (const key of ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>']) {
    const value = q.get(key);
    if (value !== null) filters.push([key, value]);
  }
  const now = ctx.now();
  const to = q.get('To');
  const from = q.get('From');
  const on = q.get('DateSent');
  const before = q.get('DateSent<');
  const after = q.get('DateSent>');
  const lagMs = ctx.store.settings.listLagMs;
  const matches = [...ctx.store.messages.values()].filter((m) => {
    if (now - m.dateCreated < lagMs) return false;
    const v = viewMessage(m, now);
    if (to !== null && m.to !== to) return false;
    if (from !== null && v.from !== from) return false;
    if (on === null && before === null && after === null) return true;
    if (v.dateSent === null) return false;
    const sentDay = Math.floor(v.dateSent / 86_400_000);
    return (on === null || sentDay === day(on)) && (before === null || sentDay <= day(before)) && (after === null || sentDay >= day(after));
  });
  // Newest first, as Twilio lists them.
  matches.sort((a, b) => b.dateCreated - a.dateCreated || (a.sid < b.sid ? 1 : -1));
  const path = `/2010-04-01/Accounts/${ctx.accountSid}/Messages.json`;
  const page = page2010(matches, readPageRequest(q, 50), { path, key: 'messages', filters, idOf: (m) => m.sid, render: (m) => renderMessage(ctx, m) });
  return { status: 200, body: page };
}

export const messageRoutes: readonly Route[] = [
  { method: 'POST', pattern: new RegExp(`${ACCOUNT}/Messages\\.json$`), handle: create },
  { method: 'GET', pattern: new RegExp(`${ACCOUNT}/Messages\\.json$`), handle: list },
  { method: 'GET', pattern: new RegExp(`${ACCOUNT}/Messages/${SID}\\.json$`), handle: (ctx, req) => ({ status: 200, body: renderMessage(ctx, find(ctx, req)) }) },
  { method: 'POST', pattern: new RegExp(`${ACCOUNT}/Messages/${SID}\\.json$`), handle: update },
  { method: 'DELETE', pattern: new RegExp(`${ACCOUNT}/Messages/${SID}\\.json$`), handle: remove },
];
