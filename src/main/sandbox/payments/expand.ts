import type { PayContext } from './context.ts';
import { invalidRequest } from './errors.ts';
import { listObject } from './shapes/address.ts';
import { renderCharge } from './shapes/charge.ts';
import { renderCheckoutSession, renderLineItems } from './shapes/checkout-session.ts';
import { renderCustomer } from './shapes/customer.ts';
import { renderPaymentIntent, renderSetupIntent } from './shapes/intents.ts';
import { renderPaymentMethod } from './shapes/payment-method.ts';

/** Any object of the account by its id, rendered; the prefix says which kind it is. */
export function renderById(ctx: PayContext, id: string): Record<string, unknown> | undefined {
  const s = ctx.state;
  if (id.startsWith('cs_')) return s.checkoutSessions[id] && renderCheckoutSession(s.checkoutSessions[id], ctx.baseUrl());
  if (id.startsWith('pi_')) return s.paymentIntents[id] && renderPaymentIntent(s, s.paymentIntents[id]);
  if (id.startsWith('seti_')) return s.setupIntents[id] && renderSetupIntent(s, s.setupIntents[id]);
  if (id.startsWith('ch_')) return s.charges[id] && renderCharge(s.charges[id]);
  if (id.startsWith('pm_')) return s.paymentMethods[id] && renderPaymentMethod(s.paymentMethods[id]);
  if (id.startsWith('cus_')) return s.customers[id] && renderCustomer(s.customers[id]);
  return undefined;
}

function walk(ctx: PayContext, node: Record<string, unknown>, parts: readonly string[], path: string): void {
  const [key, ...rest] = parts as [string, ...string[]];
  if (key === 'line_items' && node.object === 'checkout.session') {
    const session = ctx.state.checkoutSessions[node.id as string];
    if (session !== undefined) node.line_items = listObject(`/v1/checkout/sessions/${session.id}/line_items`, renderLineItems(session), false);
    return;
  }
  const value = node[key];
  if (key === 'data' && Array.isArray(value)) {
    for (const item of value) if (rest.length > 0) walk(ctx, item as Record<string, unknown>, rest, path);
    return;
  }
  let target: unknown = value;
  if (typeof value === 'string') {
    const found = renderById(ctx, value);
    if (found === undefined) throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
    node[key] = found;
    target = found;
  } else if (value !== null && (typeof value !== 'object' || value === undefined)) {
    throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
  }
  if (rest.length > 0 && target !== null && typeof target === 'object') walk(ctx, target as Record<string, unknown>, rest, path);
}

/** `expand[]=payment_intent.latest_charge` and the like; Stripe allows four levels. */
export function applyExpand(ctx: PayContext, obj: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  for (const path of paths) {
    const parts = path.split('.');
    if (parts.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property (${path}).`, 'expand');
    walk(ctx, obj, parts, path);
  }
  return obj;
}
