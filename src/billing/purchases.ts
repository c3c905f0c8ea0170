import type { CreatePurchaseRequest, PurchaseAnswer, PurchaseBalance } from '../shared/billing/api';
import { MAX_RECENT_PURCHASES } from '../shared/billing/api';
import type { BillingContext } from './context.ts';
import { BillingHttpError, ensureCustomer } from './context.ts';
import { priceFor } from './pricing.ts';
import type { PurchaseRow } from './store.ts';
import { UnexpectedStripeAnswer } from './stripe-client.ts';
import type { CheckoutSession } from './stripe-client.ts';
import { newId } from './tokens.ts';

export const DECLINED = 'The card was declined. Nothing was charged.';
export const EXPIRED = 'The checkout page closed before payment. Nothing was charged.';
export const NOT_OPENED = 'The checkout page could not be opened. Nothing was charged.';

export function toAnswer(p: PurchaseRow): PurchaseAnswer {
  return {
    purchaseId: p.id,
    status: p.status,
    credits: p.credits,
    total: p.total,
    // A declined checkout can still be paid with another card on the same page while Stripe keeps it open.
    checkoutUrl: p.kind === 'checkout' && (p.status === 'open' || p.status === 'declined') ? p.checkoutUrl : null,
    createdAt: p.createdAt,
    paidAt: p.paidAt,
    failure: p.failure,
    kind: p.kind,
  };
}

/** A Checkout Session for `credits` at the service's own price; the idempotency key comes from the purchase id. */
export async function createPurchase(ctx: BillingContext, businessId: string, request: CreatePurchaseRequest): Promise<PurchaseAnswer> {
  const price = priceFor(ctx, businessId, request.country, request.credits);
  const customerId = await ensureCustomer(ctx, businessId);
  const purchase: PurchaseRow = {
    id: newId('pur'),
    businessId,
    kind: 'checkout',
    status: 'open',
    credits: request.credits,
    total: price.total,
    monthlyFeeMinor: price.monthlyFeeMinor,
    country: request.country,
    description: request.description ?? null,
    checkoutSessionId: null,
    checkoutUrl: null,
    paymentIntentId: null,
    renewalKey: null,
    createdAt: ctx.now(),
    paidAt: null,
    failure: null,
  };
  ctx.store.insertPurchase(purchase);
  let session: CheckoutSession;
  try {
    session = await ctx.stripe.createPaymentSession({
      idempotencyKey: `purchase-${purchase.id}`,
      customerId,
      purchaseId: purchase.id,
      businessId,
      currency: price.total.currency,
      lines: price.lines,
      successUrl: ctx.returnUrl('paid'),
      cancelUrl: ctx.returnUrl('cancelled'),
    });
    if (session.mode !== 'payment' || session.status !== 'open' || session.url === null || !isWebAddress(session.url)) {
      throw new UnexpectedStripeAnswer('Stripe did not open a checkout page for the purchase.');
    }
  } catch (error) {
    // Nobody was given a page for it, so nobody can pay it: it ends here instead of staying open forever.
    ctx.store.settle(purchase.id, { status: 'expired', failure: NOT_OPENED });
    throw error;
  }
  ctx.store.attachCheckout(purchase.id, session.id, session.url);
  return toAnswer({ ...purchase, checkoutSessionId: session.id, checkoutUrl: session.url });
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Asks Stripe what became of a checkout purchase and records it. `paid` only when Stripe's
 * session is complete and paid for exactly this purchase's amount; asking again changes nothing.
 */
export async function confirmCheckout(ctx: BillingContext, purchase: PurchaseRow): Promise<PurchaseRow> {
  if (purchase.kind !== 'checkout' || purchase.checkoutSessionId === null) return purchase;
  if (purchase.status === 'paid' || purchase.status === 'expired') return purchase;
  const session = await ctx.stripe.session(purchase.checkoutSessionId);
  checkBelongs(session, purchase);
  if (session.status === 'complete' && session.payment_status === 'paid') {
    if (session.amount_total !== purchase.total.minor || session.currency?.toUpperCase() !== purchase.total.currency) {
      throw new UnexpectedStripeAnswer('Stripe reports a payment that does not match the purchase amount.');
    }
    ctx.store.settle(purchase.id, { status: 'paid', paymentIntentId: session.payment_intent, paidAt: ctx.now(), failure: null });
  } else if (session.status === 'expired') {
    ctx.store.settle(purchase.id, { status: 'expired', paymentIntentId: session.payment_intent, failure: EXPIRED });
  } else if (session.status === 'open' && session.payment_intent !== null) {
    const intent = await ctx.stripe.paymentIntent(session.payment_intent);
    if (intent.last_payment_error && intent.status !== 'succeeded') {
      ctx.store.settle(purchase.id, { status: 'declined', paymentIntentId: intent.id, failure: DECLINED });
    }
  }
  return ctx.store.purchase(purchase.businessId, purchase.id) ?? purchase;
}

function checkBelongs(session: CheckoutSession, purchase: PurchaseRow): void {
  if (session.id !== purchase.checkoutSessionId || session.mode !== 'payment' || (session.metadata.purchase_id !== undefined && session.metadata.purchase_id !== purchase.id)) {
    throw new UnexpectedStripeAnswer('Stripe answered about a different checkout than the one asked for.');
  }
}

export async function purchaseStatus(ctx: BillingContext, businessId: string, purchaseId: string, refresh: (p: PurchaseRow) => Promise<PurchaseRow>): Promise<PurchaseAnswer> {
  const purchase = ctx.store.purchase(businessId, purchaseId);
  if (!purchase) throw new BillingHttpError(404, 'not_found', 'No such purchase for this business.');
  return toAnswer(await refresh(purchase));
}

/** Purchases since `sinceMs`, newest first; open ones are asked about first so recovery sees what Stripe knows. */
export async function recentPurchases(ctx: BillingContext, businessId: string, sinceMs: number, refresh: (p: PurchaseRow) => Promise<PurchaseRow>): Promise<PurchaseAnswer[]> {
  const rows = ctx.store.recentPurchases(businessId, sinceMs, MAX_RECENT_PURCHASES);
  const answers: PurchaseAnswer[] = [];
  for (const row of rows) {
    const current = row.status === 'open' || row.status === 'declined' ? await refresh(row).catch(() => row) : row;
    answers.push(toAnswer(current));
  }
  return answers;
}

export function purchaseBalance(ctx: BillingContext, businessId: string): PurchaseBalance {
  const totals = ctx.store.paidTotals(businessId);
  return { paidPurchases: totals.purchases, paidCredits: totals.credits, paidTotals: totals.totals };
}
