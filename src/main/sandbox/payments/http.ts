import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authenticate } from './auth.ts';
import { declineCheckout, payCheckout } from './checkout.ts';
import { checkoutPage, closedPage, successRedirect } from './checkout-page.ts';
import type { PayContext, RequestInfo, Route } from './context.ts';
import { StripeApiError } from './errors.ts';
import type { FormObject } from './form.ts';
import { parseForm } from './form.ts';
import { findAnswer, paramsFingerprint, shouldKeep } from './idempotency.ts';
import { newId } from './ids.ts';
import { testCardId } from './test-cards.ts';
import type { TestCardId } from './test-cards.ts';
import { readBody } from '../read-body.ts';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export interface PayServerParts {
  ctx: PayContext;
  routes: readonly Route[];
  secretKey: string;
  /** Refuses `/__sim/` requests the control access does not allow (throws). */
  checkControl(req: IncomingMessage): void;
  control(method: string, path: string, json: unknown): ControlAnswer;
  /** Expires due sessions before any request reads them. */
  beforeRequest(): void;
  /** After any request that may have changed state. */
  changed(): void;
}

const tooLarge = (): Error => new StripeApiError(413, { type: 'invalid_request_error', message: 'Request body too large.' });

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers }).end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
    'Cache-Control': 'no-store',
  }).end(html);
}

/** Our own host only, on every non-API path: no DNS-rebinding page gets to drive checkout. */
function ownHost(req: IncomingMessage): boolean {
  const port = req.socket.localPort;
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function route(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m !== null) return { route: r, params: m.slice(1) };
  }
  return null;
}

/** The Stripe API: auth, routing, idempotency, Stripe's error bodies and `Request-Id`. */
function handleApi(parts: PayServerParts, req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
  const { ctx } = parts;
  const requestId = newId('req');
  const method = req.method ?? 'GET';
  const base = { 'Request-Id': requestId, 'Stripe-Version': header(req, 'stripe-version') ?? '' };
  const fail = (error: StripeApiError): void => sendJson(res, error.status, error.toBody(requestId, ctx.nowSec()), base);
  try {
    authenticate(header(req, 'authorization'), parts.secretKey);
    const form: FormObject = parseForm(method === 'POST' ? new URLSearchParams(body) : url.searchParams);
    const found = route(parts.routes, method, url.pathname);
    if (found === null) {
      throw new StripeApiError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    }
    parts.beforeRequest();
    const key = method === 'POST' ? header(req, 'idempotency-key') : undefined;
    const scope = key === undefined ? null : `${parts.secretKey}|${key}`;
    if (scope !== null) {
      const stored = findAnswer(ctx.state, scope, method, url.pathname, form, ctx.nowMs());
      if (stored !== null) return sendJson(res, stored.status, stored.body, { ...base, 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
    }
    const request: RequestInfo = { id: requestId, idempotencyKey: key ?? null };
    let status = 200;
    let out: unknown;
    try {
      out = found.route.handle(ctx, { method, path: url.pathname, params: found.params, form, request });
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      out = error.toBody(requestId, ctx.nowSec());
    } finally {
      if (method !== 'GET') parts.changed();
    }
    if (scope !== null && key !== undefined && shouldKeep(status, out)) {
      ctx.state.idempotency[scope] = {
        scope, method, path: url.pathname, params: paramsFingerprint(form), status, body: out, requestId, storedAtMs: ctx.nowMs(),
      };
      parts.changed();
    }
    sendJson(res, status, out, { ...base, ...(key === undefined ? {} : { 'Idempotency-Key': key }) });
  } catch (error) {
    if (error instanceof StripeApiError) return fail(error);
    fail(new StripeApiError(500, { type: 'api_error', message: 'An unknown error occurred' }));
    process.emitWarning(`payment simulator: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

/** The hosted checkout page: GET shows it, POST …/pay or …/decline submits it. */
function handlePage(parts: PayServerParts, req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
  const { ctx } = parts;
  const m = /^\/checkout\/([^/]+)(?:\/(pay|decline))?$/.exec(url.pathname);
  if (m === null || !ownHost(req)) return sendHtml(res, 404, closedPage(undefined));
  parts.beforeRequest();
  const s = ctx.state.checkoutSessions[m[1] as string];
  if (s === undefined || s.status !== 'open') return sendHtml(res, s === undefined ? 404 : 200, closedPage(s));
  const action = m[2];
  if (action === undefined || req.method !== 'POST') return sendHtml(res, 200, checkoutPage(s, null));
  const chosen = new URLSearchParams(body).get('card') ?? 'pm_card_visa';
  const card: TestCardId = testCardId(chosen) ?? 'pm_card_visa';
  const outcome = action === 'pay' ? payCheckout(ctx, s, card) : declineCheckout(ctx, s);
  parts.changed();
  if (!outcome.ok) return sendHtml(res, 402, checkoutPage(s, `${outcome.message} Try another card.`));
  res.writeHead(303, { Location: successRedirect(s), 'Cache-Control': 'no-store' }).end();
}

export function createPayServer(parts: PayServerParts): Server {
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__sim/')) {
      try {
        parts.checkControl(req);
      } catch (error) {
        const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 403;
        return sendJson(res, status, { error: { message: error instanceof Error ? error.message : String(error) } });
      }
      const text = await readBody(req, tooLarge);
      let json: unknown = null;
      try {
        json = text.length > 0 ? JSON.parse(text) : null;
      } catch {
        return sendJson(res, 400, { error: { message: 'The body is not JSON' } });
      }
      const out = parts.control(req.method ?? 'GET', url.pathname.slice('/__sim/'.length), json);
      parts.changed();
      return sendJson(res, out.status, out.body);
    }
    const body = await readBody(req, tooLarge);
    if (url.pathname.startsWith('/checkout/')) return handlePage(parts, req, res, url, body);
    handleApi(parts, req, res, url, body);
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof StripeApiError) return sendJson(res, error.status, error.toBody(newId('req'), parts.ctx.nowSec()));
      sendJson(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    });
  });
}
