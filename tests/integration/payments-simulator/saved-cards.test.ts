import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPayHarness } from './harness';
import type { PayHarness } from './harness';

let h: PayHarness;
beforeEach(async () => {
  h = await startPayHarness();
});
afterEach(() => h.stop());

/** A setup-mode session for a customer, paid on the simulator with `card`: the card auto-renew will charge. */
async function saveCard(card: string): Promise<{ customer: Stripe.Customer; pm: string }> {
  const customer = await h.stripe.customers.create({ email: 'owner@gym.example', name: 'Tumble Town', metadata: { businessId: 'b-1' } });
  const s = await h.stripe.checkout.sessions.create({
    mode: 'setup', customer: customer.id, currency: 'usd', success_url: 'http://127.0.0.1:9/saved', setup_intent_data: { metadata: { purpose: 'auto-renew' } },
  });
  expect(s).toMatchObject({ mode: 'setup', status: 'open', payment_status: 'no_payment_required', amount_total: null, setup_intent: null });
  const out = await h.control('POST', `checkout/${s.id}/pay`, { card });
  expect(out.body).toMatchObject({ outcome: 'paid' });
  const done = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['setup_intent'] });
  const si = done.setup_intent as Stripe.SetupIntent;
  expect(done.status).toBe('complete');
  expect(si).toMatchObject({ status: 'succeeded', customer: customer.id, usage: 'off_session', metadata: { purpose: 'auto-renew' } });
  return { customer, pm: si.payment_method as string };
}

const offSession = (customer: string, pm: string, key?: string): Promise<Stripe.PaymentIntent> =>
  h.stripe.paymentIntents.create({
    amount: 3000, currency: 'usd', customer, payment_method: pm, off_session: true, confirm: true, description: 'Auto-renew: 1,000 credits',
    metadata: { renewalKey: 'r-1' },
  }, key === undefined ? {} : { idempotencyKey: key });

describe('setup mode and off-session charges', () => {
  it('setup mode saves a card on the customer, which becomes its default and is charged off-session', async () => {
    const { customer, pm } = await saveCard('pm_card_visa');
    expect(pm).toMatch(/^pm_/);
    const cards = await h.stripe.customers.listPaymentMethods(customer.id);
    expect(cards.data.map((c) => c.id)).toEqual([pm]);
    expect((await h.stripe.paymentMethods.list({ customer: customer.id })).data.map((c) => c.id)).toEqual([pm]);
    const updated = await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm } });
    expect(updated.invoice_settings.default_payment_method).toBe(pm);
    const pi = await offSession(customer.id, pm);
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 3000, customer: customer.id, payment_method: pm, metadata: { renewalKey: 'r-1' } });
    const events = await h.stripe.events.list({ types: ['setup_intent.succeeded', 'checkout.session.completed'] });
    expect(events.data.map((e) => e.type)).toEqual(['checkout.session.completed', 'setup_intent.succeeded']);
  });

  it('a saved card that declines later: 402 card_declined carrying the PaymentIntent, which stays unpaid', async () => {
    const { customer, pm } = await saveCard('pm_card_chargeCustomerFail');
    const error = await offSession(customer.id, pm).then(() => null, (e: unknown) => e as Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ type: 'StripeCardError', statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    const pi = error?.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', payment_method: null });
    expect(pi.last_payment_error).toMatchObject({ code: 'card_declined', type: 'card_error' });
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
    expect((await h.stripe.events.list({ type: 'payment_intent.payment_failed' })).data[0]?.data.object).toMatchObject({ id: pi.id });
  });

  it('a saved card that must authenticate: 402 authentication_required off-session, requires_action on-session', async () => {
    const { customer, pm } = await saveCard('pm_card_authenticationRequired');
    await expect(offSession(customer.id, pm)).rejects.toMatchObject({ statusCode: 402, code: 'authentication_required', type: 'StripeCardError' });
    const onSession = await h.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', customer: customer.id, payment_method: pm, confirm: true });
    expect(onSession).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
  });

  it("Stripe's test payment methods work directly and each makes a new PaymentMethod", async () => {
    const visa = await h.stripe.paymentIntents.create({ amount: 800, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(visa.status).toBe('succeeded');
    expect(visa.payment_method).toMatch(/^pm_(?!card_)/);
    await expect(h.stripe.paymentIntents.create({ amount: 800, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }))
      .rejects.toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    // Created, then confirmed: requires_confirmation → succeeded; a second confirm is refused.
    const later = await h.stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_mastercard' });
    expect(later.status).toBe('requires_confirmation');
    const confirmed = await h.stripe.paymentIntents.confirm(later.id, { expand: ['latest_charge'] });
    expect(confirmed.status).toBe('succeeded');
    expect((confirmed.latest_charge as Stripe.Charge).payment_method_details?.card?.brand).toBe('mastercard');
    await expect(h.stripe.paymentIntents.confirm(later.id)).rejects.toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    // A declining card is refused when it is attached to a customer, as on Stripe.
    const customer = await h.stripe.customers.create({ email: 'a@b.example' });
    await expect(h.stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id })).rejects.toMatchObject({ statusCode: 402, code: 'card_declined' });
    const attached = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    expect(attached.customer).toBe(customer.id);
  });

  it('SetupIntents over the API: create, confirm, retrieve', async () => {
    const customer = await h.stripe.customers.create({ email: 'a@b.example' });
    const si = await h.stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa' });
    expect(si).toMatchObject({ status: 'requires_confirmation', usage: 'off_session' });
    const confirmed = await h.stripe.setupIntents.confirm(si.id);
    expect(confirmed.status).toBe('succeeded');
    expect((await h.stripe.paymentMethods.retrieve(confirmed.payment_method as string)).customer).toBe(customer.id);
    expect((await h.stripe.setupIntents.retrieve(si.id)).status).toBe('succeeded');
  });

  it('a card declined while being saved leaves the setup session open, with or without a customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'owner@gym.example' });
    for (const extra of [{ customer: customer.id }, {}]) {
      const s = await h.stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', success_url: 'http://127.0.0.1:9/saved', ...extra });
      expect((await h.control('POST', `checkout/${s.id}/decline`)).body).toMatchObject({ outcome: 'declined', message: 'Your card was declined.' });
      const open = await h.stripe.checkout.sessions.retrieve(s.id, { expand: ['setup_intent'] });
      expect(open.status).toBe('open');
      expect((open.setup_intent as Stripe.SetupIntent).last_setup_error).toMatchObject({ code: 'card_declined', type: 'card_error' });
    }
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
  });

  it('customers are found by email', async () => {
    const a = await h.stripe.customers.create({ email: 'one@gym.example' });
    await h.stripe.customers.create({ email: 'two@gym.example' });
    expect((await h.stripe.customers.list({ email: 'one@gym.example' })).data.map((c) => c.id)).toEqual([a.id]);
    expect((await h.stripe.customers.retrieve(a.id)) as Stripe.Customer).toMatchObject({ email: 'one@gym.example', object: 'customer' });
  });
});
