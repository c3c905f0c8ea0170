import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packSession, startPayHarness } from './harness';
import type { PayHarness } from './harness';

let h: PayHarness;
beforeEach(async () => {
  h = await startPayHarness();
});
afterEach(() => h.stop());

const expanded = (stripe: Stripe, id: string): Promise<Stripe.Checkout.Session> =>
  stripe.checkout.sessions.retrieve(id, { expand: ['payment_intent.latest_charge', 'payment_intent.payment_method'] });

describe('Checkout Sessions in payment mode, through the stripe SDK', () => {
  it('creates an open, unpaid session whose url is the simulator checkout page', async () => {
    const s = await packSession(h.stripe);
    expect(s.id).toMatch(/^cs_test_a1[A-Za-z0-9]{56}$/);
    expect(s).toMatchObject({
      object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid', amount_total: 3000, currency: 'usd',
      client_reference_id: 'business-1', metadata: { purchaseId: 'purchase-1' }, payment_intent: null, livemode: false,
    });
    expect(s.url).toBe(`${h.baseUrl}/checkout/${s.id}`);
    expect(s.expires_at - s.created).toBe(24 * 3600);
    const items = await h.stripe.checkout.sessions.listLineItems(s.id);
    expect(items.data).toMatchObject([{ description: '1,000 SMS credits', quantity: 1, amount_total: 3000, currency: 'usd' }]);
  });

  it('Pay completes the session with a succeeded PaymentIntent, a Charge and a card PaymentMethod', async () => {
    const s = await packSession(h.stripe);
    const paid = await h.control('POST', `checkout/${s.id}/pay`, { card: 'pm_card_visa' });
    expect(paid.body).toMatchObject({ outcome: 'paid' });
    const done = await expanded(h.stripe, s.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    expect(done.customer_details?.email).toBe('buyer@example.com');
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.id).toMatch(/^pi_/);
    expect(pi).toMatchObject({ status: 'succeeded', amount: 3000, amount_received: 3000, currency: 'usd' });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', status: 'succeeded', paid: true, captured: true, amount: 3000, payment_intent: pi.id });
    expect(charge.id).toMatch(/^ch_/);
    const pm = pi.payment_method as Stripe.PaymentMethod;
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242' });
    // Found again by its PaymentIntent, as a billing service recovers a purchase.
    const listed = await h.stripe.checkout.sessions.list({ payment_intent: pi.id });
    expect(listed.data.map((x) => x.id)).toEqual([s.id]);
    // Paying twice is refused: a session completes once.
    expect((await h.control('POST', `checkout/${s.id}/pay`)).status).toBe(409);
  });

  it('Decline leaves the session open with a failed attempt; a later Pay still completes it', async () => {
    const s = await packSession(h.stripe);
    const declined = await h.control('POST', `checkout/${s.id}/decline`);
    expect(declined.body).toMatchObject({ outcome: 'declined', message: 'Your card was declined.' });
    const open = await expanded(h.stripe, s.id);
    expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    const pi = open.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect((pi.latest_charge as Stripe.Charge).status).toBe('failed');

    await h.control('POST', `checkout/${s.id}/pay`, { card: 'pm_card_mastercard' });
    const done = await expanded(h.stripe, s.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect((done.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id);
    expect((done.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded');
  });

  it('expire ends an open session and cancels its PaymentIntent; a completed one cannot expire', async () => {
    const s = await packSession(h.stripe);
    await h.control('POST', `checkout/${s.id}/decline`);
    const expired = await h.stripe.checkout.sessions.expire(s.id);
    expect(expired).toMatchObject({ status: 'expired', payment_status: 'unpaid', url: null });
    const pi = await h.stripe.paymentIntents.retrieve(expired.payment_intent as string);
    expect(pi).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect((await h.control('POST', `checkout/${s.id}/pay`)).status).toBe(409);

    const other = await packSession(h.stripe);
    await h.control('POST', `checkout/${other.id}/pay`);
    await expect(h.stripe.checkout.sessions.expire(other.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
  });

  it('a session expires on its own once expires_at has passed', async () => {
    const now = Math.floor(Date.now() / 1000);
    // 31 minutes: still at least Stripe's 30 should the second tick before the simulator reads its clock.
    const s = await packSession(h.stripe, { expires_at: now + 31 * 60 });
    await h.control('POST', 'clock', { advanceMs: 32 * 60 * 1000 });
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe('expired');
    const events = await h.stripe.events.list({ type: 'checkout.session.expired' });
    expect(events.data.map((e) => (e.data.object as Stripe.Checkout.Session).id)).toEqual([s.id]);
  });

  it('refuses what Stripe refuses: no line items, a bad amount, expires_at out of range, an unknown customer', async () => {
    await expect(h.stripe.checkout.sessions.create({ mode: 'payment', success_url: 'http://x/ok' }))
      .rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'line_items' });
    await expect(packSession(h.stripe, {
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 12.5, product_data: { name: 'x' } } }],
    })).rejects.toMatchObject({ statusCode: 400, code: 'parameter_invalid_integer', param: 'line_items[0][price_data][unit_amount]' });
    await expect(packSession(h.stripe, { expires_at: Math.floor(Date.now() / 1000) + 60 }))
      .rejects.toMatchObject({ statusCode: 400, param: 'expires_at' });
    await expect(packSession(h.stripe, { customer: 'cus_nobody' }))
      .rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer' });
  });
});

describe('the checkout page', () => {
  const formOf = (html: string, action: string): string => {
    const m = new RegExp(`<form method="post" action="([^"]*/${action})">`).exec(html);
    if (m === null) throw new Error(`no ${action} form`);
    return m[1] as string;
  };

  it('shows the amount and description, and its Pay form redirects to success_url with the session id', async () => {
    const s = await packSession(h.stripe);
    const page = await fetch(s.url as string);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('1,000 SMS credits');
    expect(html).toContain('$30.00');
    expect(html).toContain('value="pm_card_visa"');
    const res = await fetch(`${h.baseUrl}${formOf(html, 'pay')}`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'card=pm_card_visa',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://127.0.0.1:9/done?session=${s.id}`);
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).payment_status).toBe('paid');
    expect(await (await fetch(s.url as string)).text()).toContain('Payment complete.');
  });

  it('its Decline button, or a declining card, says so and keeps the page open', async () => {
    const s = await packSession(h.stripe);
    const html = await (await fetch(s.url as string)).text();
    const declined = await fetch(`${h.baseUrl}${formOf(html, 'decline')}`, { method: 'POST' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    const poor = await fetch(`${h.baseUrl}${formOf(html, 'pay')}`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'card=pm_card_chargeDeclinedInsufficientFunds',
    });
    expect(await poor.text()).toContain('Your card has insufficient funds.');
    expect((await h.stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
  });

  it('says an expired page has expired', async () => {
    const s = await packSession(h.stripe);
    await h.stripe.checkout.sessions.expire(s.id);
    expect(await (await fetch(`${h.baseUrl}/checkout/${s.id}`)).text()).toContain('This payment page has expired.');
  });
});
