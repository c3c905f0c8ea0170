import { confirmPaymentIntent, confirmSetupIntent, newSetupIntent, resolvePaymentMethod } from './charging.ts';
import type { PayContext, RequestInfo } from './context.ts';
import { AUTOMATIC } from './context.ts';
import { invalidRequest, StripeApiError } from './errors.ts';
import { clientSecret, newId } from './ids.ts';
import { renderCheckoutSession } from './shapes/checkout-session.ts';
import { renderCustomer } from './shapes/customer.ts';
import { renderPaymentIntent } from './shapes/intents.ts';
import type { CheckoutSessionRecord, CustomerRecord, PaymentIntentRecord } from './state.ts';
import type { TestCardId } from './test-cards.ts';

/**
 * What the checkout page (and the `/__sim/checkout/…` control) does to a session. As on Stripe,
 * a decline leaves the session open for another try; paying completes it once; an open session
 * expires on `expire` or when `expires_at` passes.
 */
export type CheckoutOutcome = { ok: true; session: CheckoutSessionRecord } | { ok: false; message: string; session: CheckoutSessionRecord };

/** Who typed their details into the simulator's page. */
const BUYER = { name: 'Sandbox Buyer', email: 'buyer@example.com' };

export const sessionTotal = (s: CheckoutSessionRecord): number => s.lineItems.reduce((sum, li) => sum + li.unitAmount * li.quantity, 0);

export function describeSession(s: CheckoutSessionRecord): string {
  return s.lineItems.map((li) => (li.quantity === 1 ? li.name : `${li.quantity} × ${li.name}`)).join(', ');
}

function checkOpen(ctx: PayContext, s: CheckoutSessionRecord): void {
  expireIfDue(ctx, s);
  if (s.status !== 'open') throw invalidRequest(`This Checkout Session is no longer open (status: ${s.status}).`);
}

function ensureCustomer(ctx: PayContext, s: CheckoutSessionRecord, email: string, request: RequestInfo): string | null {
  if (s.customer !== null) return s.customer;
  if (s.customerCreation !== 'always' && s.setupFutureUsage === null) return null;
  const c: CustomerRecord = {
    id: newId('cus'), created: ctx.nowSec(), email, name: BUYER.name, description: null, phone: null, metadata: {}, defaultPaymentMethod: null,
  };
  ctx.state.customers[c.id] = c;
  ctx.emit('customer.created', renderCustomer(c), request);
  s.customer = c.id;
  return c.id;
}

function paymentIntentFor(ctx: PayContext, s: CheckoutSessionRecord, customer: string | null, request: RequestInfo): PaymentIntentRecord {
  const existing = s.paymentIntent === null ? undefined : ctx.state.paymentIntents[s.paymentIntent];
  if (existing !== undefined) {
    existing.customer ??= customer;
    return existing;
  }
  const id = newId('pi');
  const pi: PaymentIntentRecord = {
    id, created: ctx.nowSec(), clientSecret: clientSecret(id), amount: sessionTotal(s), currency: s.currency ?? 'usd', customer,
    description: s.intentDescription, metadata: s.intentMetadata, paymentMethod: null, status: 'requires_payment_method', latestCharge: null,
    lastError: null, setupFutureUsage: s.setupFutureUsage, receiptEmail: null, canceledAt: null, cancellationReason: null,
  };
  ctx.state.paymentIntents[id] = pi;
  s.paymentIntent = id;
  ctx.emit('payment_intent.created', renderPaymentIntent(ctx.state, pi), request);
  return pi;
}

/** The buyer submits the page with a test card. */
export function payCheckout(ctx: PayContext, s: CheckoutSessionRecord, card: TestCardId, request: RequestInfo = AUTOMATIC): CheckoutOutcome {
  checkOpen(ctx, s);
  const email = s.customerEmail ?? (s.customer === null ? null : ctx.state.customers[s.customer]?.email) ?? BUYER.email;
  const customer = ensureCustomer(ctx, s, email, request);
  try {
    if (s.mode === 'payment') {
      const pi = paymentIntentFor(ctx, s, customer, request);
      pi.paymentMethod = resolvePaymentMethod(ctx, card, 'payment_method').id;
      confirmPaymentIntent(ctx, pi, { offSession: false, authenticated: true, request });
      s.paymentStatus = 'paid';
    } else {
      const si = s.setupIntent === null ? undefined : ctx.state.setupIntents[s.setupIntent];
      const intent = si ?? newSetupIntent(ctx, { customer, description: s.intentDescription, metadata: s.intentMetadata, usage: 'off_session' });
      s.setupIntent = intent.id;
      const pm = resolvePaymentMethod(ctx, card, 'payment_method');
      pm.billingName = BUYER.name;
      pm.billingEmail = email;
      intent.paymentMethod = pm.id;
      confirmSetupIntent(ctx, intent, { authenticated: true, request });
      s.paymentStatus = 'no_payment_required';
    }
  } catch (error) {
    if (error instanceof StripeApiError && error.detail.type === 'card_error') return { ok: false, message: error.message, session: s };
    throw error;
  }
  s.status = 'complete';
  s.completedWith = { name: BUYER.name, email };
  ctx.emit('checkout.session.completed', renderCheckoutSession(s, ctx.baseUrl()), request);
  return { ok: true, session: s };
}

/** The Decline button: the bank refuses the card; the session stays open. */
export function declineCheckout(ctx: PayContext, s: CheckoutSessionRecord, request: RequestInfo = AUTOMATIC): CheckoutOutcome {
  return payCheckout(ctx, s, 'pm_card_chargeDeclined', request);
}

export function expireCheckout(ctx: PayContext, s: CheckoutSessionRecord, request: RequestInfo): void {
  if (s.status !== 'open') throw invalidRequest('Only Checkout Sessions with a status in ["open"] can be expired.');
  s.status = 'expired';
  const pi = s.paymentIntent === null ? undefined : ctx.state.paymentIntents[s.paymentIntent];
  if (pi !== undefined && pi.status !== 'succeeded' && pi.status !== 'canceled') {
    pi.status = 'canceled';
    pi.canceledAt = ctx.nowSec();
    pi.cancellationReason = 'abandoned';
    ctx.emit('payment_intent.canceled', renderPaymentIntent(ctx.state, pi), request);
  }
  ctx.emit('checkout.session.expired', renderCheckoutSession(s, ctx.baseUrl()), request);
}

export function expireIfDue(ctx: PayContext, s: CheckoutSessionRecord): void {
  if (s.status === 'open' && s.expiresAt <= ctx.nowSec()) expireCheckout(ctx, s, AUTOMATIC);
}

/** Sessions whose `expires_at` has passed expire (with their event) even if nobody asks. */
export function sweepExpired(ctx: PayContext): boolean {
  let changed = false;
  for (const s of Object.values(ctx.state.checkoutSessions)) {
    if (s.status === 'open' && s.expiresAt <= ctx.nowSec()) {
      expireCheckout(ctx, s, AUTOMATIC);
      changed = true;
    }
  }
  return changed;
}
