import { missingParam, notFound, SimError } from './errors.ts';
import { evaluateBundle } from './evaluate.ts';
import { hosts, iso, newSid } from './format.ts';
import type { ApiRequest, ApiResponse, Route, SimContext } from './http.ts';
import { pageV1, readPageRequest } from './paging.ts';
import type { Assignment, Bundle, Evaluation } from './state-schema.ts';

/**
 * Trust Hub bundles: CustomerProfiles and TrustProducts, with their EntityAssignments and
 * Evaluations. Both kinds live under the same rules, only their path and link names differ.
 */
type Kind = Bundle['kind'];
const collection: Record<Kind, string> = { customer_profile: 'CustomerProfiles', trust_product: 'TrustProducts' };
const linkPrefix: Record<Kind, string> = { customer_profile: 'customer_profiles', trust_product: 'trust_products' };
const parentField: Record<Kind, string> = { customer_profile: 'customer_profile_sid', trust_product: 'trust_product_sid' };

const bundleUrl = (b: Bundle): string => `${hosts.trusthub}/v1/${collection[b.kind]}/${b.sid}`;

/**
 * Review happens some time after submission: in-review half way, then approved when the latest
 * evaluation of the bundle passes, rejected otherwise.
 */
export function settleBundle(ctx: SimContext, b: Bundle): Bundle {
  if (b.submittedAt === null || (b.status !== 'pending-review' && b.status !== 'in-review')) return b;
  const elapsed = ctx.now() - b.submittedAt;
  const delay = ctx.store.settings.profileReviewMs;
  if (elapsed >= delay) {
    b.status = evaluateBundle(ctx, b).compliant ? 'twilio-approved' : 'twilio-rejected';
    b.dateUpdated = b.submittedAt + delay;
  } else if (elapsed >= delay / 2 && b.status === 'pending-review') {
    b.status = 'in-review';
    b.dateUpdated = b.submittedAt + Math.floor(delay / 2);
  }
  return b;
}

export function renderBundle(ctx: SimContext, raw: Bundle): Record<string, unknown> {
  const b = settleBundle(ctx, raw);
  const url = bundleUrl(b);
  const p = linkPrefix[b.kind];
  return {
    sid: b.sid, account_sid: ctx.accountSid, policy_sid: b.policySid, friendly_name: b.friendlyName, status: b.status,
    valid_until: null, email: b.email, status_callback: b.statusCallback, date_created: iso(b.dateCreated), date_updated: iso(b.dateUpdated),
    url, links: {
      [`${p}_entity_assignments`]: `${url}/EntityAssignments`,
      [`${p}_evaluations`]: `${url}/Evaluations`,
      [`${p}_channel_endpoint_assignment`]: `${url}/ChannelEndpointAssignments`,
    },
    errors: null,
  };
}

function renderAssignment(ctx: SimContext, kind: Kind, a: Assignment): Record<string, unknown> {
  return {
    sid: a.sid, [parentField[kind]]: a.bundleSid, account_sid: ctx.accountSid, object_sid: a.objectSid,
    date_created: iso(a.dateCreated), url: `${hosts.trusthub}/v1/${collection[kind]}/${a.bundleSid}/EntityAssignments/${a.sid}`,
  };
}

function renderEvaluation(ctx: SimContext, kind: Kind, e: Evaluation): Record<string, unknown> {
  return {
    sid: e.sid, account_sid: ctx.accountSid, policy_sid: e.policySid, [parentField[kind]]: e.bundleSid,
    status: e.compliant ? 'compliant' : 'noncompliant', results: e.results, date_created: iso(e.dateCreated),
    url: `${hosts.trusthub}/v1/${collection[kind]}/${e.bundleSid}/Evaluations/${e.sid}`,
  };
}

function need(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === '') throw missingParam(name);
  return value;
}

function find(ctx: SimContext, kind: Kind, req: ApiRequest): Bundle {
  const b = ctx.store.bundles.get(req.params[0] ?? '');
  if (b === undefined || b.kind !== kind) throw notFound(req.path);
  return b;
}

function routesFor(kind: Kind): Route[] {
  const base = `^/v1/${collection[kind]}`;
  const one = `${base}/(BU[0-9a-f]{32})`;
  const create = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const now = ctx.now();
    const b: Bundle = {
      sid: newSid('BU'), kind, policySid: need(req.form, 'PolicySid'), friendlyName: need(req.form, 'FriendlyName'),
      email: need(req.form, 'Email'), statusCallback: req.form.get('StatusCallback'), status: 'draft', submittedAt: null,
      dateCreated: now, dateUpdated: now,
    };
    ctx.store.bundles.set(b.sid, b);
    return { status: 201, body: renderBundle(ctx, b) };
  };
  const update = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const b = settleBundle(ctx, find(ctx, kind, req));
    const status = req.form.get('Status');
    if (status !== null) {
      // Twilio only lets an owner submit a draft (or a rejected bundle after fixing it).
      if (status !== 'pending-review') throw new SimError(400, 20001, `Invalid parameter Status: ${status}`);
      if (b.status !== 'draft' && b.status !== 'twilio-rejected') throw new SimError(400, 20001, `Bundle in status ${b.status} cannot be submitted`);
      b.status = 'pending-review';
      b.submittedAt = ctx.now();
    }
    for (const [param, apply] of [
      ['FriendlyName', (v: string) => (b.friendlyName = v)],
      ['Email', (v: string) => (b.email = v)],
      ['StatusCallback', (v: string) => (b.statusCallback = v)],
    ] as const) {
      const value = req.form.get(param);
      if (value !== null) apply(value);
    }
    b.dateUpdated = ctx.now();
    return { status: 200, body: renderBundle(ctx, b) };
  };
  const remove = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const b = find(ctx, kind, req);
    ctx.store.bundles.delete(b.sid);
    for (const [sid, a] of ctx.store.assignments) if (a.bundleSid === b.sid) ctx.store.assignments.delete(sid);
    return { status: 204 };
  };
  const assign = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const b = find(ctx, kind, req);
    const objectSid = need(req.form, 'ObjectSid');
    const s = ctx.store;
    if (!s.endUsers.has(objectSid) && !s.documents.has(objectSid) && !s.bundles.has(objectSid)) {
      throw new SimError(400, 20001, `Invalid parameter ObjectSid: ${objectSid}`);
    }
    const a: Assignment = { sid: newSid('BV'), bundleSid: b.sid, objectSid, dateCreated: ctx.now() };
    s.assignments.set(a.sid, a);
    return { status: 201, body: renderAssignment(ctx, kind, a) };
  };
  const evaluate = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const b = find(ctx, kind, req);
    const policySid = need(req.form, 'PolicySid');
    const verdict = evaluateBundle(ctx, { ...b, policySid });
    const e: Evaluation = { sid: newSid('EL'), bundleSid: b.sid, policySid, compliant: verdict.compliant, results: verdict.results, dateCreated: ctx.now() };
    ctx.store.evaluations.set(e.sid, e);
    return { status: 201, body: renderEvaluation(ctx, kind, e) };
  };
  const list = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    // The list filters the OpenAPI documents for both kinds: Status, FriendlyName, PolicySid.
    const status = req.query.get('Status');
    const name = req.query.get('FriendlyName');
    const policy = req.query.get('PolicySid');
    const all = [...ctx.store.bundles.values()].filter((b) => b.kind === kind && (status === null || settleBundle(ctx, b).status === status)
      && (name === null || b.friendlyName === name) && (policy === null || b.policySid === policy));
    const filters: Array<[string, string]> = [['Status', status], ['FriendlyName', name], ['PolicySid', policy]]
      .filter((f): f is [string, string] => f[1] !== null);
    return { status: 200, body: pageV1(all, readPageRequest(req.query, 50), { url: `${hosts.trusthub}/v1/${collection[kind]}`, key: 'results', filters, idOf: (b) => b.sid, render: (b) => renderBundle(ctx, b) }) };
  };
  const listAssignments = (ctx: SimContext, req: ApiRequest): ApiResponse => {
    const b = find(ctx, kind, req);
    const all = [...ctx.store.assignments.values()].filter((a) => a.bundleSid === b.sid);
    return { status: 200, body: pageV1(all, readPageRequest(req.query, 50), { url: `${bundleUrl(b)}/EntityAssignments`, key: 'results', filters: [], idOf: (a) => a.sid, render: (a) => renderAssignment(ctx, kind, a) }) };
  };
  return [
    { method: 'POST', pattern: new RegExp(`${base}$`), handle: create },
    { method: 'GET', pattern: new RegExp(`${base}$`), handle: list },
    { method: 'GET', pattern: new RegExp(`${one}$`), handle: (ctx, req) => ({ status: 200, body: renderBundle(ctx, find(ctx, kind, req)) }) },
    { method: 'POST', pattern: new RegExp(`${one}$`), handle: update },
    { method: 'DELETE', pattern: new RegExp(`${one}$`), handle: remove },
    { method: 'POST', pattern: new RegExp(`${one}/EntityAssignments$`), handle: assign },
    { method: 'GET', pattern: new RegExp(`${one}/EntityAssignments$`), handle: listAssignments },
    { method: 'POST', pattern: new RegExp(`${one}/Evaluations$`), handle: evaluate },
  ];
}

export const trusthubBundleRoutes: readonly Route[] = [...routesFor('customer_profile'), ...routesFor('trust_product')];
