import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  autoRenewSetupRequestSchema,
  billingPaths,
  createPurchaseRequestSchema,
  describeIssues,
  purchaseIdSchema,
  recentPurchasesQuerySchema,
  renewRequestSchema,
} from '../shared/billing/api';
import type { BillingErrorBody, BillingErrorCode } from '../shared/billing/api';
import { autoRenewState, clearAutoRenew, confirmRenewal, renew, startSetup } from './auto-renew.ts';
import type { BillingContext } from './context.ts';
import { BillingHttpError } from './context.ts';
import { returnPage } from './pages.ts';
import { confirmCheckout, createPurchase, purchaseBalance, purchaseStatus, recentPurchases } from './purchases.ts';
import type { PurchaseRow } from './store.ts';
import { PaymentProviderUnavailable, UnexpectedStripeAnswer } from './stripe-client.ts';
import { authenticate } from './tokens.ts';
import { handleEvent } from './webhook.ts';

const MAX_BODY = 64 * 1024;
const MAX_WEBHOOK_BODY = 1024 * 1024;

export interface HttpDeps {
  ctx: BillingContext;
  /** Stripe's webhook signing secret (whsec_…); events are refused without it. */
  webhookSecret: string | null;
  log(line: string): void;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: BillingErrorCode, message: string): void {
  const body: BillingErrorBody = { error: { code, message } };
  send(res, status, body);
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new BillingHttpError(400, 'bad_request', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const text = await readBody(req, MAX_BODY);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BillingHttpError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  return parseOr400(schema, value);
}

function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BillingHttpError(400, 'bad_request', describeIssues(parsed.error));
  return parsed.data;
}

/** The one request handler: routes, authentication, validation and the error shape. */
export function createHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { ctx } = deps;
  // Asks Stripe what became of a purchase; recording it only ever moves it forward, so two at once are harmless.
  const refresh = (p: PurchaseRow): Promise<PurchaseRow> => (p.kind === 'renewal' ? confirmRenewal(ctx, p) : confirmCheckout(ctx, p));
  // Renewals with the same key wait for each other, so two crossings reported at once charge once.
  const renewing = new Map<string, Promise<unknown>>();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://billing.invalid');
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/checkout/return') {
      const page = returnPage(url.searchParams.get('result'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(page);
      return;
    }
    if (url.pathname === billingPaths.stripeWebhook) {
      if (method !== 'POST') return fail(res, 405, 'bad_request', 'Use POST.');
      return webhook(req, res);
    }
    if (!url.pathname.startsWith('/v1/')) return fail(res, 404, 'not_found', 'No such address on the billing service.');
    const businessId = authenticate(ctx.store, req.headers.authorization);
    if (businessId === null) return fail(res, 401, 'unauthorized', 'The billing token is missing, unknown or revoked.');

    const key = `${method} ${url.pathname}`;
    if (key === `POST ${billingPaths.purchases}`) {
      return send(res, 201, await createPurchase(ctx, businessId, await jsonBody(req, createPurchaseRequestSchema)));
    }
    if (key === `GET ${billingPaths.purchases}`) {
      const query = parseOr400(recentPurchasesQuerySchema, Object.fromEntries(url.searchParams));
      return send(res, 200, { purchases: await recentPurchases(ctx, businessId, query.since, refresh) });
    }
    if (method === 'GET' && url.pathname.startsWith(`${billingPaths.purchases}/`)) {
      const id = parseOr400(purchaseIdSchema, url.pathname.slice(billingPaths.purchases.length + 1));
      return send(res, 200, await purchaseStatus(ctx, businessId, id, refresh));
    }
    if (key === `POST ${billingPaths.autoRenewSetup}`) {
      return send(res, 201, await startSetup(ctx, businessId, await jsonBody(req, autoRenewSetupRequestSchema)));
    }
    if (key === `GET ${billingPaths.autoRenew}`) return send(res, 200, await autoRenewState(ctx, businessId));
    if (key === `DELETE ${billingPaths.autoRenew}`) return send(res, 200, clearAutoRenew(ctx, businessId));
    if (key === `POST ${billingPaths.renewals}`) {
      const { renewalKey } = await jsonBody(req, renewRequestSchema);
      const lock = `${businessId}\n${renewalKey}`;
      const before = renewing.get(lock) ?? Promise.resolve();
      const mine = before.catch(() => undefined).then(() => renew(ctx, businessId, renewalKey));
      renewing.set(lock, mine);
      try {
        return send(res, 200, await mine);
      } finally {
        if (renewing.get(lock) === mine) renewing.delete(lock);
      }
    }
    if (key === `GET ${billingPaths.balance}`) return send(res, 200, purchaseBalance(ctx, businessId));
    return fail(res, 404, 'not_found', 'No such address on the billing service.');
  }

  async function webhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (deps.webhookSecret === null) return fail(res, 404, 'not_found', 'This billing service does not take Stripe events.');
    const payload = await readBody(req, MAX_WEBHOOK_BODY);
    const signature = req.headers['stripe-signature'];
    let event;
    try {
      event = ctx.stripe.verifyEvent(payload, typeof signature === 'string' ? signature : '', deps.webhookSecret);
    } catch {
      deps.log('Refused a Stripe event whose signature does not match.');
      return fail(res, 400, 'bad_request', 'The Stripe-Signature header does not match this event.');
    }
    await handleEvent(ctx, event);
    send(res, 200, { received: true });
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof BillingHttpError) return fail(res, error.status, error.code, error.message);
      if (error instanceof BodyTooLarge) return fail(res, 413, 'bad_request', 'The request is too large.');
      if (error instanceof PaymentProviderUnavailable) {
        deps.log(`Stripe unavailable: ${error.message}`);
        return fail(res, 502, 'payment_provider_unavailable', 'The payment provider cannot be reached right now. Nothing was charged; try again in a few minutes.');
      }
      if (error instanceof UnexpectedStripeAnswer) {
        deps.log(`Unexpected Stripe answer: ${error.message}`);
        return fail(res, 502, 'payment_provider_unavailable', 'The payment provider sent an answer the billing service cannot use. Nothing was recorded as paid.');
      }
      deps.log(`Billing service error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      fail(res, 500, 'internal', 'Something went wrong in the billing service. Nothing was recorded as paid.');
    });
  };
}
