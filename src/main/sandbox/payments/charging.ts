import type { PayContext, RequestInfo } from './context.ts';
import { invalidRequest, resourceMissing, StripeApiError, unexpectedState } from './errors.ts';
import { clientSecret, newId } from './ids.ts';
import { renderCharge } from './shapes/charge.ts';
import { renderPaymentIntent, renderSetupIntent } from './shapes/intents.ts';
import { renderPaymentMethod } from './shapes/payment-method.ts';
import type { CardFailure, ChargeRecord, PaymentIntentRecord, PaymentMethodRecord, SetupIntentRecord } from './state.ts';
import { declineMessage, testCardId, testCards } from './test-cards.ts';

/**
 * What a bank does with a card: the shared heart of PaymentIntent confirmation (API and checkout
 * page) and SetupIntent confirmation. Declines follow Stripe: a failed Charge, the intent back in
 * `requires_payment_method` with `last_payment_error`, events, and a 402 card_error that carries
 * the intent.
 */

/** `pm_card_visa` and friends make a fresh PaymentMethod each time; a `pm_…` id must exist. */
export function resolvePaymentMethod(ctx: PayContext, id: string, param: string): PaymentMethodRecord {
  const card = testCardId(id);
  if (card === undefined) {
    const pm = ctx.state.paymentMethods[id];
    if (pm === undefined) throw resourceMissing('PaymentMethod', id, param);
    return pm;
  }
  const pm: PaymentMethodRecord = { id: newId('pm'), created: ctx.nowSec(), card, customer: null, metadata: {}, billingName: null, billingEmail: null };
  ctx.state.paymentMethods[pm.id] = pm;
  return pm;
}

function failureOf(pm: PaymentMethodRecord, offSession: boolean, authenticated: boolean): CardFailure | 'needs_action' | null {
  const card = testCards[pm.card];
  if (card.charge === 'declines') {
    const declineCode = 'declineCode' in card ? card.declineCode : 'generic_decline';
    return { code: 'card_declined', declineCode, message: declineMessage(declineCode) };
  }
  if (card.charge === 'needs_authentication' && !authenticated) {
    if (!offSession) return 'needs_action';
    return { code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' };
  }
  return null;
}

export function attachPaymentMethod(ctx: PayContext, pm: PaymentMethodRecord, customerId: string, request: RequestInfo): void {
  if (pm.customer === customerId) return;
  if (pm.customer !== null) throw invalidRequest('The payment method you provided has already been attached to a customer.', 'payment_method');
  if (ctx.state.customers[customerId] === undefined) throw resourceMissing('customer', customerId, 'customer');
  const card = testCards[pm.card];
  if (card.failsOnAttach) {
    const declineCode = 'declineCode' in card ? card.declineCode : 'generic_decline';
    throw new StripeApiError(402, { type: 'card_error', code: 'card_declined', decline_code: declineCode, param: '', message: declineMessage(declineCode) });
  }
  pm.customer = customerId;
  ctx.emit('payment_method.attached', renderPaymentMethod(pm), request);
}

export interface ConfirmOptions {
  offSession: boolean;
  /** The cardholder completed 3D Secure (the checkout page does this for them). */
  authenticated: boolean;
  request: RequestInfo;
}

export function confirmPaymentIntent(ctx: PayContext, pi: PaymentIntentRecord, opts: ConfirmOptions): void {
  if (pi.status !== 'requires_payment_method' && pi.status !== 'requires_confirmation' && pi.status !== 'requires_action') {
    throw unexpectedState(`This PaymentIntent's status is ${pi.status}, but it must be one of requires_payment_method, requires_confirmation, or requires_action to be confirmed.`);
  }
  if (pi.paymentMethod === null) {
    throw unexpectedState("You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.", 'payment_method');
  }
  const pm = ctx.state.paymentMethods[pi.paymentMethod];
  if (pm === undefined) throw resourceMissing('PaymentMethod', pi.paymentMethod, 'payment_method');
  if (pm.customer !== null && pm.customer !== pi.customer) {
    throw invalidRequest('The provided PaymentMethod belongs to a different Customer than the one on this PaymentIntent.', 'payment_method');
  }
  const failure = failureOf(pm, opts.offSession, opts.authenticated);
  if (failure === 'needs_action') {
    pi.status = 'requires_action';
    ctx.emit('payment_intent.requires_action', renderPaymentIntent(ctx.state, pi), opts.request);
    return;
  }
  const charge: ChargeRecord = {
    id: newId('ch'), created: ctx.nowSec(), amount: pi.amount, currency: pi.currency, customer: pi.customer, description: pi.description,
    paymentIntent: pi.id, paymentMethod: pm.id, card: pm.card, failure, metadata: pi.metadata, receiptEmail: pi.receiptEmail,
    balanceTransaction: failure === null ? newId('txn') : null,
  };
  ctx.state.charges[charge.id] = charge;
  pi.latestCharge = charge.id;
  if (failure === null) {
    pi.status = 'succeeded';
    pi.lastError = null;
    if (pi.setupFutureUsage !== null && pi.customer !== null && pm.customer === null) attachPaymentMethod(ctx, pm, pi.customer, opts.request);
    ctx.emit('charge.succeeded', renderCharge(charge), opts.request);
    ctx.emit('payment_intent.succeeded', renderPaymentIntent(ctx.state, pi), opts.request);
    return;
  }
  pi.status = 'requires_payment_method';
  pi.lastError = { ...failure, paymentMethod: pm.id };
  pi.paymentMethod = null;
  ctx.emit('charge.failed', renderCharge(charge), opts.request);
  ctx.emit('payment_intent.payment_failed', renderPaymentIntent(ctx.state, pi), opts.request);
  throw new StripeApiError(402, {
    type: 'card_error', code: failure.code, decline_code: failure.declineCode, message: failure.message, charge: charge.id,
    payment_intent: renderPaymentIntent(ctx.state, pi), payment_method: renderPaymentMethod(pm),
  });
}

export function newSetupIntent(ctx: PayContext, fields: Pick<SetupIntentRecord, 'customer' | 'description' | 'metadata' | 'usage'>): SetupIntentRecord {
  const id = newId('seti');
  const si: SetupIntentRecord = {
    id, created: ctx.nowSec(), clientSecret: clientSecret(id), paymentMethod: null, status: 'requires_payment_method', lastError: null, ...fields,
  };
  ctx.state.setupIntents[id] = si;
  return si;
}

export function confirmSetupIntent(ctx: PayContext, si: SetupIntentRecord, opts: Omit<ConfirmOptions, 'offSession'>): void {
  if (si.status !== 'requires_payment_method' && si.status !== 'requires_confirmation' && si.status !== 'requires_action') {
    throw invalidRequest(`This SetupIntent's status is ${si.status}; only a SetupIntent that requires confirmation can be confirmed.`);
  }
  if (si.paymentMethod === null) throw invalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", 'payment_method');
  const pm = ctx.state.paymentMethods[si.paymentMethod];
  if (pm === undefined) throw resourceMissing('PaymentMethod', si.paymentMethod, 'payment_method');
  const card = testCards[pm.card];
  if (card.charge === 'needs_authentication' && !opts.authenticated) {
    si.status = 'requires_action';
    ctx.emit('setup_intent.requires_action', renderSetupIntent(ctx.state, si), opts.request);
    return;
  }
  // The bank checks the card while setting it up, with or without a customer to attach it to.
  if (card.failsOnAttach) {
    const declineCode = 'declineCode' in card ? card.declineCode : 'generic_decline';
    si.status = 'requires_payment_method';
    si.lastError = { code: 'card_declined', declineCode, message: declineMessage(declineCode), paymentMethod: pm.id };
    si.paymentMethod = null;
    ctx.emit('setup_intent.setup_failed', renderSetupIntent(ctx.state, si), opts.request);
    throw new StripeApiError(402, {
      type: 'card_error', code: 'card_declined', decline_code: declineCode, message: declineMessage(declineCode),
      setup_intent: renderSetupIntent(ctx.state, si), payment_method: renderPaymentMethod(pm),
    });
  }
  if (si.customer !== null) attachPaymentMethod(ctx, pm, si.customer, opts.request);
  si.status = 'succeeded';
  si.lastError = null;
  ctx.emit('setup_intent.succeeded', renderSetupIntent(ctx.state, si), opts.request);
}
