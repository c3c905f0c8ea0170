import { createHash } from 'node:crypto';
import type { AutoRenewSetupRequest, AutoRenewStateAnswer, PurchaseAnswer } from '../shared/billing/api';
import { MAX_RENEWALS_PER_DAY } from '../shared/billing/api';
import type { BillingContext } from './context.ts';
import { BillingHttpError, ensureCustomer } from './context.ts';
import { priceFor } from './pricing.ts';
import { toAnswer } from './purchases.ts';
import type { AutoRenewRow, PurchaseRow } from './store.ts';
import { CardDeclined, UnexpectedStripeAnswer } from './stripe-client.ts';
import { newId } from './tokens.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const off = (businessId: string): AutoRenewRow => ({
  businessId, status: 'off', thresholdCredits: null, packCredits: null, country: null, paymentMethodId: null, card: null, reason: null,
});

function toState(row: AutoRenewRow): AutoRenewStateAnswer {
  return { status: row.status, thresholdCredits: row.thresholdCredits, packCredits: row.packCredits, card: row.card, reason: row.reason };
}

/** A setup-mode Checkout Session that saves a card on the business's customer; auto-renew waits for it. */
export async function startSetup(ctx: BillingContext, businessId: string, request: AutoRenewSetupRequest): Promise<{ setupId: string; setupUrl: string }> {
  const price = priceFor(ctx, businessId, request.country, request.packCredits);
  const customerId = await ensureCustomer(ctx, businessId);
  const setupId = newId('setup');
  ctx.store.insertSetup({
    id: setupId, businessId, checkoutSessionId: null, status: 'open',
    thresholdCredits: request.thresholdCredits, packCredits: request.packCredits, country: request.country, createdAt: ctx.now(),
  });
  const session = await ctx.stripe.createSetupSession({
    idempotencyKey: `setup-${setupId}`, customerId, setupId, businessId, currency: price.total.currency,
    successUrl: ctx.returnUrl('card_saved'), cancelUrl: ctx.returnUrl('cancelled'),
  });
  if (session.mode !== 'setup' || session.url === null) throw new UnexpectedStripeAnswer('Stripe did not open a page to save the card.');
  ctx.store.attachSetupSession(setupId, session.id);
  const current = ctx.store.autoRenew(businessId) ?? off(businessId);
  // Renewals stop until the new card is saved: the new pack is never charged to a card saved for another.
  ctx.store.saveAutoRenew({
    ...current, status: 'needs_card', thresholdCredits: request.thresholdCredits, packCredits: request.packCredits,
    country: request.country, paymentMethodId: null, card: null, reason: null,
  }, ctx.now());
  return { setupId, setupUrl: session.url };
}

/** Asks Stripe about a pending setup page: a saved card turns auto-renew on, an expired page turns it off. */
export async function confirmSetup(ctx: BillingContext, businessId: string, setupSessionId?: string): Promise<void> {
  const setup = setupSessionId === undefined ? ctx.store.openSetup(businessId) : ctx.store.setupBySession(setupSessionId);
  if (!setup || setup.status !== 'open' || setup.checkoutSessionId === null || setup.businessId !== businessId) return;
  const session = await ctx.stripe.session(setup.checkoutSessionId);
  if (session.id !== setup.checkoutSessionId || session.mode !== 'setup') throw new UnexpectedStripeAnswer('Stripe answered about a different page than the one asked for.');
  if (session.status === 'complete' && session.setup_intent !== null) {
    const card = await ctx.stripe.savedCard(session.setup_intent);
    if (!ctx.store.finishSetup(setup.id, 'complete')) return;
    ctx.store.saveAutoRenew({
      businessId, status: 'on', thresholdCredits: setup.thresholdCredits, packCredits: setup.packCredits, country: setup.country,
      paymentMethodId: card.paymentMethodId, card: card.label, reason: null,
    }, ctx.now());
  } else if (session.status === 'expired') {
    if (!ctx.store.finishSetup(setup.id, 'expired')) return;
    ctx.store.saveAutoRenew({ ...off(businessId), reason: 'The card page closed before a card was saved.' }, ctx.now());
  }
}

export async function autoRenewState(ctx: BillingContext, businessId: string): Promise<AutoRenewStateAnswer> {
  if (ctx.store.autoRenew(businessId)?.status === 'needs_card') await confirmSetup(ctx, businessId);
  return toState(ctx.store.autoRenew(businessId) ?? off(businessId));
}

export function clearAutoRenew(ctx: BillingContext, businessId: string): AutoRenewStateAnswer {
  ctx.store.transaction(() => {
    const open = ctx.store.openSetup(businessId);
    if (open) ctx.store.finishSetup(open.id, 'expired');
    ctx.store.saveAutoRenew(off(businessId), ctx.now());
  });
  return toState(off(businessId));
}

/** Stripe's idempotency key for one renewal: the same business and renewal key always give the same key. */
export function renewalIdempotencyKey(businessId: string, renewalKey: string): string {
  return `renewal-${createHash('sha256').update(`${businessId}\n${renewalKey}`).digest('hex')}`;
}

/**
 * One off-session charge for one crossing of the threshold. The purchase row is written before
 * Stripe is asked, so a repeat of the key (or the same call after a crash) asks Stripe again with
 * the same idempotency key and gets the first answer instead of a second charge. A decline
 * disables auto-renew with the reason; nothing here ever retries on its own.
 */
export async function renew(ctx: BillingContext, businessId: string, renewalKey: string): Promise<PurchaseAnswer> {
  const existing = ctx.store.renewalByKey(businessId, renewalKey);
  if (existing) return toAnswer(existing.status === 'open' ? await charge(ctx, existing) : existing);
  // A card saved a moment ago may not have reached us by webhook yet: ask Stripe before saying no.
  if (ctx.store.autoRenew(businessId)?.status === 'needs_card') await confirmSetup(ctx, businessId);
  const settings = ctx.store.autoRenew(businessId);
  if (!settings || settings.status !== 'on' || settings.paymentMethodId === null || settings.packCredits === null || settings.country === null) {
    const why = settings?.status === 'disabled' && settings.reason ? ` ${settings.reason}` : '';
    throw new BillingHttpError(409, 'auto_renew_off', `Auto Renew Credits is not on for this business.${why}`);
  }
  if (ctx.store.renewalsSince(businessId, ctx.now() - DAY_MS) >= MAX_RENEWALS_PER_DAY) {
    throw new BillingHttpError(429, 'rate_limited', `At most ${MAX_RENEWALS_PER_DAY} automatic renewals a day. An admin can buy credits on the Credits screen.`);
  }
  const price = priceFor(ctx, businessId, settings.country, settings.packCredits);
  const purchase: PurchaseRow = {
    id: newId('pur'), businessId, kind: 'renewal', status: 'open', credits: settings.packCredits, total: price.total,
    monthlyFeeMinor: price.monthlyFeeMinor, country: settings.country, description: 'Auto Renew Credits', checkoutSessionId: null,
    checkoutUrl: null, paymentIntentId: null, renewalKey, createdAt: ctx.now(), paidAt: null, failure: null,
  };
  ctx.store.insertPurchase(purchase);
  return toAnswer(await charge(ctx, purchase));
}

async function charge(ctx: BillingContext, purchase: PurchaseRow): Promise<PurchaseRow> {
  const settings = ctx.store.autoRenew(purchase.businessId);
  if (!settings?.paymentMethodId) {
    // Auto-renew was cleared or disabled while this charge was unfinished: ask Stripe what the first attempt did.
    if (purchase.paymentIntentId) return confirmRenewal(ctx, purchase);
    ctx.store.settle(purchase.id, { status: 'expired', failure: 'Auto Renew Credits was turned off before the card was charged.' });
    return ctx.store.purchase(purchase.businessId, purchase.id) ?? purchase;
  }
  const customerId = await ensureCustomer(ctx, purchase.businessId);
  try {
    const intent = await ctx.stripe.chargeSavedCard({
      idempotencyKey: renewalIdempotencyKey(purchase.businessId, purchase.renewalKey ?? purchase.id),
      customerId, paymentMethodId: settings.paymentMethodId, amountMinor: purchase.total.minor, currency: purchase.total.currency,
      metadata: { business_id: purchase.businessId, purchase_id: purchase.id }, description: `${purchase.credits} SMS credits (Auto Renew)`,
    });
    return recordIntent(ctx, purchase, intent);
  } catch (error) {
    if (!(error instanceof CardDeclined)) throw error;
    decline(ctx, purchase, error.paymentIntentId, error.message);
    return ctx.store.purchase(purchase.businessId, purchase.id) ?? purchase;
  }
}

function recordIntent(ctx: BillingContext, purchase: PurchaseRow, intent: { id: string; status: string; amount: number; currency: string; last_payment_error: unknown }): PurchaseRow {
  if (intent.status === 'succeeded') {
    if (intent.amount !== purchase.total.minor || intent.currency.toUpperCase() !== purchase.total.currency) {
      throw new UnexpectedStripeAnswer('Stripe reports a payment that does not match the renewal amount.');
    }
    ctx.store.settle(purchase.id, { status: 'paid', paymentIntentId: intent.id, paidAt: ctx.now(), failure: null });
  } else if (intent.status === 'requires_payment_method' || intent.status === 'canceled' || intent.status === 'requires_action') {
    decline(ctx, purchase, intent.id, 'The card was declined.');
  } else {
    // processing: Stripe's event (or the next status check) settles it.
    ctx.store.settle(purchase.id, { status: 'open', paymentIntentId: intent.id, failure: null });
  }
  return ctx.store.purchase(purchase.businessId, purchase.id) ?? purchase;
}

function decline(ctx: BillingContext, purchase: PurchaseRow, paymentIntentId: string | null, sentence: string): void {
  ctx.store.transaction(() => {
    ctx.store.settle(purchase.id, { status: 'declined', paymentIntentId, failure: `${sentence} Nothing was charged.` });
    const settings = ctx.store.autoRenew(purchase.businessId);
    if (settings && settings.status === 'on') {
      ctx.store.saveAutoRenew({
        ...settings, status: 'disabled', paymentMethodId: null,
        reason: `${sentence} Auto Renew Credits is off until an admin saves a card again.`,
      }, ctx.now());
    }
  });
}

/** What became of an unfinished renewal, from its PaymentIntent. */
export async function confirmRenewal(ctx: BillingContext, purchase: PurchaseRow): Promise<PurchaseRow> {
  if (purchase.kind !== 'renewal' || purchase.status !== 'open' || purchase.paymentIntentId === null) return purchase;
  const intent = await ctx.stripe.paymentIntent(purchase.paymentIntentId);
  if (intent.id !== purchase.paymentIntentId || (intent.metadata.purchase_id !== undefined && intent.metadata.purchase_id !== purchase.id)) {
    throw new UnexpectedStripeAnswer('Stripe answered about a different payment than the one asked for.');
  }
  if (intent.status === 'processing') return purchase;
  return recordIntent(ctx, purchase, intent);
}
