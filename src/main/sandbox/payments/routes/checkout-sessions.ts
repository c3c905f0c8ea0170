import { expireCheckout, expireIfDue } from '../checkout.ts';
import type { ApiRequest, PayContext, Route } from '../context.ts';
import { invalidRequest, parameterInvalid, parameterMissing, resourceMissing } from '../errors.ts';
import type { FormObject } from '../form.ts';
import { allowOnly, applyMetadata, expandList, optInt, optList, optObject, optString, reqInt, reqString } from '../form.ts';
import { newCheckoutSessionId } from '../ids.ts';
import { applyExpand } from '../expand.ts';
import { page } from '../paging.ts';
import { listObject } from '../shapes/address.ts';
import { renderCheckoutSession, renderLineItems } from '../shapes/checkout-session.ts';
import type { CheckoutSessionRecord, LineItem } from '../state.ts';

const CREATE_PARAMS = [
  'mode', 'line_items', 'customer', 'customer_creation', 'customer_email', 'client_reference_id', 'metadata', 'success_url', 'cancel_url',
  'expires_at', 'payment_intent_data', 'setup_intent_data', 'payment_method_types', 'currency', 'expand', 'ui_mode', 'locale', 'submit_type',
];

const HOUR = 3600;

function lineItem(raw: FormObject, i: number): LineItem {
  const at = `line_items[${i}]`;
  allowOnly(raw, ['price_data', 'quantity', 'price'], `${at}[`);
  if (raw.price !== undefined) throw resourceMissing('price', String(raw.price), `${at}[price]`);
  const price = optObject(raw, 'price_data', `${at}[price_data]`);
  if (price === undefined) throw parameterMissing(`${at}[price_data]`);
  allowOnly(price, ['currency', 'unit_amount', 'product_data'], `${at}[price_data][`);
  const product = optObject(price, 'product_data', `${at}[price_data][product_data]`);
  if (product === undefined) throw parameterMissing(`${at}[price_data][product_data]`);
  const unitAmount = reqInt(price, 'unit_amount', `${at}[price_data][unit_amount]`);
  if (unitAmount < 0) throw parameterInvalid(`${at}[price_data][unit_amount]`, 'This value must be greater than or equal to 0.');
  const quantity = reqInt(raw, 'quantity', `${at}[quantity]`);
  if (quantity < 1) throw parameterInvalid(`${at}[quantity]`, 'This value must be greater than or equal to 1.');
  return {
    name: reqString(product, 'name', `${at}[price_data][product_data][name]`),
    unitAmount, quantity,
    currency: reqString(price, 'currency', `${at}[price_data][currency]`).toLowerCase(),
  };
}

function createSession(ctx: PayContext, req: ApiRequest): Record<string, unknown> {
  const f = req.form;
  allowOnly(f, CREATE_PARAMS);
  const mode = reqString(f, 'mode');
  if (mode !== 'payment' && mode !== 'setup') throw parameterInvalid('mode', `Invalid mode: must be one of payment or setup (subscription is not simulated)`);
  const successUrl = optString(f, 'success_url') ?? null;
  const cancelUrl = optString(f, 'cancel_url') ?? null;
  if (successUrl === null) throw parameterMissing('success_url');
  const rawItems = optList(f, 'line_items') ?? [];
  const lineItems = rawItems.map((raw, i) => {
    if (typeof raw !== 'object' || Array.isArray(raw)) throw parameterInvalid(`line_items[${i}]`, 'Invalid object');
    return lineItem(raw, i);
  });
  if (mode === 'payment' && lineItems.length === 0) throw parameterMissing('line_items');
  if (mode === 'setup' && lineItems.length > 0) throw invalidRequest('You cannot pass `line_items` in `setup` mode.', 'line_items');
  const currencies = new Set(lineItems.map((li) => li.currency));
  if (currencies.size > 1) throw invalidRequest('All line items must use the same currency.', 'line_items');
  const customer = optString(f, 'customer') ?? null;
  if (customer !== null && ctx.state.customers[customer] === undefined) throw resourceMissing('customer', customer, 'customer');
  const customerCreation = optString(f, 'customer_creation') ?? null;
  if (customerCreation !== null && customerCreation !== 'always' && customerCreation !== 'if_required') {
    throw parameterInvalid('customer_creation', 'Invalid customer_creation: must be one of always or if_required');
  }
  if (customerCreation !== null && (customer !== null || mode !== 'payment')) {
    throw invalidRequest('`customer_creation` can only be used in `payment` mode without `customer`.', 'customer_creation');
  }
  const now = ctx.nowSec();
  const expiresAt = optInt(f, 'expires_at') ?? now + 24 * HOUR;
  if (expiresAt < now + HOUR / 2 || expiresAt > now + 24 * HOUR) {
    throw parameterInvalid('expires_at', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.');
  }
  const piData = optObject(f, 'payment_intent_data') ?? {};
  const siData = optObject(f, 'setup_intent_data') ?? {};
  if (mode === 'setup' && Object.keys(piData).length > 0) throw invalidRequest('You cannot pass `payment_intent_data` in `setup` mode.', 'payment_intent_data');
  allowOnly(piData, ['description', 'metadata', 'setup_future_usage', 'receipt_email'], 'payment_intent_data[');
  allowOnly(siData, ['description', 'metadata'], 'setup_intent_data[');
  const intent = mode === 'payment' ? piData : siData;
  const sfu = optString(piData, 'setup_future_usage', 'payment_intent_data[setup_future_usage]') ?? null;
  if (sfu !== null && sfu !== 'off_session' && sfu !== 'on_session') throw parameterInvalid('payment_intent_data[setup_future_usage]', 'Invalid setup_future_usage');
  const currency = optString(f, 'currency')?.toLowerCase() ?? [...currencies][0] ?? null;
  const s: CheckoutSessionRecord = {
    id: newCheckoutSessionId(), created: now, mode, status: 'open', paymentStatus: mode === 'payment' ? 'unpaid' : 'no_payment_required',
    lineItems, currency, customer, customerCreation: mode === 'payment' ? (customerCreation ?? 'if_required') : null,
    customerEmail: optString(f, 'customer_email') ?? null, clientReferenceId: optString(f, 'client_reference_id') ?? null,
    metadata: applyMetadata({}, f), successUrl, cancelUrl, expiresAt, paymentIntent: null, setupIntent: null,
    intentDescription: optString(intent, 'description') ?? null, intentMetadata: applyMetadata({}, intent), setupFutureUsage: sfu,
    completedWith: null,
  };
  ctx.state.checkoutSessions[s.id] = s;
  return applyExpand(ctx, renderCheckoutSession(s, ctx.baseUrl()), expandList(f));
}

function findSession(ctx: PayContext, id: string): CheckoutSessionRecord {
  const s = ctx.state.checkoutSessions[id];
  if (s === undefined) throw resourceMissing('checkout.session', id);
  expireIfDue(ctx, s);
  return s;
}

export const checkoutSessionRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, handle: createSession },
  {
    method: 'GET', pattern: /^\/v1\/checkout\/sessions$/,
    handle: (ctx, req) => {
      const pi = optString(req.form, 'payment_intent');
      const customer = optString(req.form, 'customer');
      const status = optString(req.form, 'status');
      const items = Object.values(ctx.state.checkoutSessions).filter((s) => {
        expireIfDue(ctx, s);
        return (pi === undefined || s.paymentIntent === pi) && (customer === undefined || s.customer === customer) && (status === undefined || s.status === status);
      });
      const expand = expandList(req.form);
      return page(req.form, '/v1/checkout/sessions', items, (s) => applyExpand(ctx, renderCheckoutSession(s, ctx.baseUrl()), expand.map((p) => p.replace(/^data\./, ''))),
        ['payment_intent', 'customer', 'status']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      return applyExpand(ctx, renderCheckoutSession(findSession(ctx, req.params[0] as string), ctx.baseUrl()), expandList(req.form));
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
    handle: (ctx, req) => {
      const s = findSession(ctx, req.params[0] as string);
      return listObject(`/v1/checkout/sessions/${s.id}/line_items`, renderLineItems(s), false);
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      const s = findSession(ctx, req.params[0] as string);
      expireCheckout(ctx, s, req.request);
      return applyExpand(ctx, renderCheckoutSession(s, ctx.baseUrl()), expandList(req.form));
    },
  },
];
