import { confirmSetupIntent, newSetupIntent, resolvePaymentMethod } from '../charging.ts';
import type { PayContext, Route } from '../context.ts';
import { parameterInvalid, resourceMissing } from '../errors.ts';
import { allowOnly, applyMetadata, expandList, optBool, optString } from '../form.ts';
import { applyExpand } from '../expand.ts';
import { page } from '../paging.ts';
import { renderCharge } from '../shapes/charge.ts';
import { renderSetupIntent } from '../shapes/intents.ts';
import type { SetupIntentRecord } from '../state.ts';

function findSetupIntent(ctx: PayContext, id: string): SetupIntentRecord {
  const si = ctx.state.setupIntents[id];
  if (si === undefined) throw resourceMissing('setup_intent', id);
  return si;
}

export const setupIntentRoutes: readonly Route[] = [
  {
    method: 'POST', pattern: /^\/v1\/setup_intents$/,
    handle: (ctx, req) => {
      const f = req.form;
      allowOnly(f, ['customer', 'payment_method', 'confirm', 'usage', 'metadata', 'description', 'payment_method_types', 'expand', 'return_url']);
      const customer = optString(f, 'customer') ?? null;
      if (customer !== null && ctx.state.customers[customer] === undefined) throw resourceMissing('customer', customer, 'customer');
      const usage = optString(f, 'usage') ?? 'off_session';
      if (usage !== 'off_session' && usage !== 'on_session') throw parameterInvalid('usage', `Invalid usage: ${usage}`);
      const si = newSetupIntent(ctx, { customer, description: optString(f, 'description') ?? null, metadata: applyMetadata({}, f), usage });
      const pmId = optString(f, 'payment_method');
      if (pmId !== undefined) {
        si.paymentMethod = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
        si.status = 'requires_confirmation';
      }
      ctx.emit('setup_intent.created', renderSetupIntent(ctx.state, si), req.request);
      if (optBool(f, 'confirm') === true) confirmSetupIntent(ctx, si, { authenticated: false, request: req.request });
      return applyExpand(ctx, renderSetupIntent(ctx.state, si), expandList(f));
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/setup_intents\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand', 'client_secret']);
      return applyExpand(ctx, renderSetupIntent(ctx.state, findSetupIntent(ctx, req.params[0] as string)), expandList(req.form));
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/setup_intents\/([^/]+)\/confirm$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['payment_method', 'expand', 'return_url']);
      const si = findSetupIntent(ctx, req.params[0] as string);
      const pmId = optString(req.form, 'payment_method');
      if (pmId !== undefined) si.paymentMethod = resolvePaymentMethod(ctx, pmId, 'payment_method').id;
      confirmSetupIntent(ctx, si, { authenticated: false, request: req.request });
      return applyExpand(ctx, renderSetupIntent(ctx.state, si), expandList(req.form));
    },
  },
];

export const chargeRoutes: readonly Route[] = [
  {
    method: 'GET', pattern: /^\/v1\/charges$/,
    handle: (ctx, req) => {
      const pi = optString(req.form, 'payment_intent');
      const customer = optString(req.form, 'customer');
      const items = Object.values(ctx.state.charges).filter((c) => (pi === undefined || c.paymentIntent === pi) && (customer === undefined || c.customer === customer));
      return page(req.form, '/v1/charges', items, renderCharge, ['payment_intent', 'customer']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/charges\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      const ch = ctx.state.charges[req.params[0] as string];
      if (ch === undefined) throw resourceMissing('charge', req.params[0] as string);
      return applyExpand(ctx, renderCharge(ch), expandList(req.form));
    },
  },
];
