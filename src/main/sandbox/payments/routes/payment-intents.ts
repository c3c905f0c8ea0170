import { confirmPaymentIntent, resolvePaymentMethod } from '../charging.ts';
import type { ApiRequest, PayContext, Route } from '../context.ts';
import { invalidRequest, parameterInvalid, resourceMissing, unexpectedState } from '../errors.ts';
import type { FormObject } from '../form.ts';
import { allowOnly, applyMetadata, expandList, optBool, optList, optString, reqInt, reqString } from '../form.ts';
import { applyExpand } from '../expand.ts';
import { clientSecret, newId } from '../ids.ts';
import { page } from '../paging.ts';
import { renderPaymentIntent } from '../shapes/intents.ts';
import type { PaymentIntentRecord } from '../state.ts';

const CREATE_PARAMS = [
  'amount', 'currency', 'customer', 'payment_method', 'confirm', 'off_session', 'metadata', 'description', 'receipt_email', 'setup_future_usage',
  'payment_method_types', 'expand', 'capture_method', 'confirmation_method', 'statement_descriptor_suffix', 'return_url', 'error_on_requires_action',
];

/** Stripe's smallest charge is about 50 cents in every currency this app uses. */
const MIN_AMOUNT = 50;

function render(ctx: PayContext, pi: PaymentIntentRecord, form: FormObject): Record<string, unknown> {
  return applyExpand(ctx, renderPaymentIntent(ctx.state, pi), expandList(form));
}

function findIntent(ctx: PayContext, id: string): PaymentIntentRecord {
  const pi = ctx.state.paymentIntents[id];
  if (pi === undefined) throw resourceMissing('payment_intent', id);
  return pi;
}

function offSession(form: FormObject): boolean {
  const raw = optString(form, 'off_session');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true' || raw === 'one_off' || raw === 'recurring') return true;
  throw parameterInvalid('off_session', `Invalid off_session: ${raw}`);
}

function createIntent(ctx: PayContext, req: ApiRequest): Record<string, unknown> {
  const f = req.form;
  allowOnly(f, CREATE_PARAMS);
  const amount = reqInt(f, 'amount');
  const currency = reqString(f, 'currency').toLowerCase();
  if (amount < MIN_AMOUNT) {
    throw parameterInvalid('amount', `Amount must be at least ${MIN_AMOUNT} cents`, 'amount_too_small');
  }
  const customer = optString(f, 'customer') ?? null;
  if (customer !== null && ctx.state.customers[customer] === undefined) throw resourceMissing('customer', customer, 'customer');
  const confirm = optBool(f, 'confirm') ?? false;
  const off = offSession(f);
  if (off && !confirm) throw invalidRequest('`off_session` can only be used when `confirm=true`.', 'off_session');
  const types = optList(f, 'payment_method_types');
  if (types !== undefined && types.some((t) => t !== 'card')) throw parameterInvalid('payment_method_types', 'The simulator takes card payments only.');
  const sfu = optString(f, 'setup_future_usage') ?? null;
  if (sfu !== null && sfu !== 'off_session' && sfu !== 'on_session') throw parameterInvalid('setup_future_usage', `Invalid setup_future_usage: ${sfu}`);
  const pmId = optString(f, 'payment_method');
  const id = newId('pi');
  const pi: PaymentIntentRecord = {
    id, created: ctx.nowSec(), clientSecret: clientSecret(id), amount, currency, customer,
    description: optString(f, 'description') ?? null, metadata: applyMetadata({}, f), paymentMethod: null,
    status: 'requires_payment_method', latestCharge: null, lastError: null, setupFutureUsage: sfu,
    receiptEmail: optString(f, 'receipt_email') ?? null, canceledAt: null, cancellationReason: null,
  };
  if (pmId !== undefined) {
    pi.paymentMethod = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
    pi.status = 'requires_confirmation';
  }
  ctx.state.paymentIntents[id] = pi;
  ctx.emit('payment_intent.created', renderPaymentIntent(ctx.state, pi), req.request);
  if (confirm) confirmPaymentIntent(ctx, pi, { offSession: off, authenticated: false, request: req.request });
  return render(ctx, pi, f);
}

function confirmIntent(ctx: PayContext, req: ApiRequest): Record<string, unknown> {
  const f = req.form;
  allowOnly(f, ['payment_method', 'off_session', 'expand', 'return_url', 'receipt_email', 'setup_future_usage', 'error_on_requires_action']);
  const pi = findIntent(ctx, req.params[0] as string);
  const pmId = optString(f, 'payment_method');
  if (pmId !== undefined) {
    if (pi.status === 'succeeded' || pi.status === 'canceled') {
      throw unexpectedState(`This PaymentIntent's payment_method could not be updated because it has a status of ${pi.status}. You may only update the payment_method of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`);
    }
    pi.paymentMethod = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
  }
  confirmPaymentIntent(ctx, pi, { offSession: offSession(f), authenticated: false, request: req.request });
  return render(ctx, pi, f);
}

function cancelIntent(ctx: PayContext, req: ApiRequest): Record<string, unknown> {
  allowOnly(req.form, ['cancellation_reason', 'expand']);
  const pi = findIntent(ctx, req.params[0] as string);
  if (pi.status === 'succeeded' || pi.status === 'canceled') {
    throw unexpectedState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`);
  }
  pi.status = 'canceled';
  pi.canceledAt = ctx.nowSec();
  pi.cancellationReason = optString(req.form, 'cancellation_reason') ?? null;
  ctx.emit('payment_intent.canceled', renderPaymentIntent(ctx.state, pi), req.request);
  return render(ctx, pi, req.form);
}

export const paymentIntentRoutes: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: createIntent },
  {
    method: 'GET', pattern: /^\/v1\/payment_intents$/,
    handle: (ctx, req) => {
      const customer = optString(req.form, 'customer');
      const items = Object.values(ctx.state.paymentIntents).filter((pi) => customer === undefined || pi.customer === customer);
      const expand = expandList(req.form).map((p) => p.replace(/^data\./, ''));
      return page(req.form, '/v1/payment_intents', items, (pi) => applyExpand(ctx, renderPaymentIntent(ctx.state, pi), expand), ['customer']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/payment_intents\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand', 'client_secret']);
      return render(ctx, findIntent(ctx, req.params[0] as string), req.form);
    },
  },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([^/]+)\/confirm$/, handle: confirmIntent },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([^/]+)\/cancel$/, handle: cancelIntent },
];
