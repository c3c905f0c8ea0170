import { z } from 'zod';
import { missingParam, notFound, SimError } from './errors.ts';
import { hosts, iso, newSid } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';
import type { EndUser, SupportingDocument } from './state-schema.ts';
import { END_USER_TYPES, refusedAttributes } from './twilio-accepted-values.ts';

/** Trust Hub EndUsers (IT…) and SupportingDocuments (RD…): the facts a profile is made of. */

function parseAttributes(text: string | null): Record<string, unknown> {
  if (text === null || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SimError(400, 20001, 'Invalid parameter Attributes: not valid JSON');
  }
  const result = z.record(z.string(), z.unknown()).safeParse(parsed);
  if (!result.success) throw new SimError(400, 20001, 'Invalid parameter Attributes: must be a JSON object');
  return result.data;
}

function need(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw missingParam(name);
  return value;
}

export function renderEndUser(ctx: SimContext, u: EndUser): Record<string, unknown> {
  return {
    sid: u.sid, account_sid: ctx.accountSid, friendly_name: u.friendlyName, type: u.type, attributes: u.attributes,
    date_created: iso(u.dateCreated), date_updated: iso(u.dateUpdated), url: `${hosts.trusthub}/v1/EndUsers/${u.sid}`,
  };
}

export function renderDocument(ctx: SimContext, d: SupportingDocument): Record<string, unknown> {
  return {
    sid: d.sid, account_sid: ctx.accountSid, friendly_name: d.friendlyName, mime_type: null, status: 'DRAFT', type: d.type,
    attributes: d.attributes, date_created: iso(d.dateCreated), date_updated: iso(d.dateUpdated),
    url: `${hosts.trusthub}/v1/SupportingDocuments/${d.sid}`,
  };
}

/**
 * Twilio documents a fixed list of accepted values for several attributes (see
 * twilio-accepted-values.ts). Whether it refuses a wrong one when the EndUser is written or only
 * when the bundle is evaluated is not documented: the simulator takes the stricter reading and
 * refuses it at once, so a client can never store a value Twilio would not take.
 */
function checkedAttributes(type: string, text: string | null): Record<string, unknown> {
  const attributes = parseAttributes(text);
  const refused = refusedAttributes(type, attributes);
  if (refused.length > 0) throw new SimError(400, 20001, `Invalid parameter Attributes: ${refused.join(', ')} is not an accepted value`);
  return attributes;
}

function createEndUser(ctx: SimContext, req: ApiRequest): ApiResponse {
  const now = ctx.now();
  const type = need(req.form, 'Type');
  if (!(END_USER_TYPES as readonly string[]).includes(type)) throw new SimError(400, 20001, `Invalid parameter Type: ${type}`);
  const user: EndUser = {
    sid: newSid('IT'), friendlyName: need(req.form, 'FriendlyName'), type,
    attributes: checkedAttributes(type, req.form.get('Attributes')), dateCreated: now, dateUpdated: now,
  };
  ctx.store.endUsers.set(user.sid, user);
  return { status: 201, body: renderEndUser(ctx, user) };
}

function findEndUser(ctx: SimContext, req: ApiRequest): EndUser {
  const user = ctx.store.endUsers.get(req.params[0] ?? '');
  if (user === undefined) throw notFound(req.path);
  return user;
}

function updateEndUser(ctx: SimContext, req: ApiRequest): ApiResponse {
  const user = findEndUser(ctx, req);
  const name = req.form.get('FriendlyName');
  if (name !== null) user.friendlyName = name;
  if (req.form.has('Attributes')) user.attributes = checkedAttributes(user.type, req.form.get('Attributes'));
  user.dateUpdated = ctx.now();
  return { status: 200, body: renderEndUser(ctx, user) };
}

function createDocument(ctx: SimContext, req: ApiRequest): ApiResponse {
  const now = ctx.now();
  const doc: SupportingDocument = {
    sid: newSid('RD'), friendlyName: need(req.form, 'FriendlyName'), type: need(req.form, 'Type'),
    attributes: parseAttributes(req.form.get('Attributes')), dateCreated: now, dateUpdated: now,
  };
  ctx.store.documents.set(doc.sid, doc);
  return { status: 201, body: renderDocument(ctx, doc) };
}

function findDocument(ctx: SimContext, req: ApiRequest): SupportingDocument {
  const doc = ctx.store.documents.get(req.params[0] ?? '');
  if (doc === undefined) throw notFound(req.path);
  return doc;
}

const EU = '^/v1/EndUsers';
const RD = '^/v1/SupportingDocuments';

export const trusthubEntityRoutes: readonly Route[] = [
  { method: 'POST', pattern: new RegExp(`${EU}$`), handle: createEndUser },
  {
    method: 'GET', pattern: new RegExp(`${EU}$`),
    handle: (ctx, req) => ({
      status: 200,
      body: pageV1([...ctx.store.endUsers.values()], readPageRequest(req.query, 50), {
        url: `${hosts.trusthub}/v1/EndUsers`, key: 'results', filters: [], idOf: (u) => u.sid, render: (u) => renderEndUser(ctx, u),
      }),
    }),
  },
  { method: 'GET', pattern: new RegExp(`${EU}/(IT[0-9a-f]{32})$`), handle: (ctx, req) => ({ status: 200, body: renderEndUser(ctx, findEndUser(ctx, req)) }) },
  { method: 'POST', pattern: new RegExp(`${EU}/(IT[0-9a-f]{32})$`), handle: updateEndUser },
  {
    method: 'DELETE', pattern: new RegExp(`${EU}/(IT[0-9a-f]{32})$`),
    handle: (ctx, req) => {
      ctx.store.endUsers.delete(findEndUser(ctx, req).sid);
      return { status: 204 };
    },
  },
  { method: 'POST', pattern: new RegExp(`${RD}$`), handle: createDocument },
  { method: 'GET', pattern: new RegExp(`${RD}/(RD[0-9a-f]{32})$`), handle: (ctx, req) => ({ status: 200, body: renderDocument(ctx, findDocument(ctx, req)) }) },
  {
    method: 'DELETE', pattern: new RegExp(`${RD}/(RD[0-9a-f]{32})$`),
    handle: (ctx, req) => {
      ctx.store.documents.delete(findDocument(ctx, req).sid);
      return { status: 204 };
    },
  },
];
