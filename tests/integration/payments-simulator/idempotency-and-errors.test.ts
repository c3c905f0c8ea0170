import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_KEY, packSession, startPayHarness } from './harness';
import type { PayHarness } from './harness';

let h: PayHarness;
beforeEach(async () => {
  h = await startPayHarness();
});
afterEach(() => h.stop());

const charge = (key: string, amount = 3000): Promise<Stripe.Response<Stripe.PaymentIntent>> =>
  h.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, off_session: true }, { idempotencyKey: key });

describe('idempotency keys', () => {
  it('the same key and parameters answer the same stored object, marked Idempotent-Replayed, and charge once', async () => {
    const first = await charge('renewal-b1-000042');
    const again = await charge('renewal-b1-000042');
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect((await h.stripe.charges.list({ payment_intent: first.id })).data).toHaveLength(1);
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it('a declined charge is stored too: the retry gets the same 402, not a second attempt', async () => {
    const attempt = (): Promise<unknown> => h.stripe.paymentIntents.create(
      { amount: 3000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true, off_session: true }, { idempotencyKey: 'renewal-decline' },
    ).catch((e: unknown) => e);
    const a = (await attempt()) as Stripe.errors.StripeCardError;
    const b = (await attempt()) as Stripe.errors.StripeCardError;
    expect(a.statusCode).toBe(402);
    expect(b.statusCode).toBe(402);
    expect((b.payment_intent as Stripe.PaymentIntent).id).toBe((a.payment_intent as Stripe.PaymentIntent).id);
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it('the same key with other parameters, or on another endpoint, is a 400 idempotency_error', async () => {
    await charge('renewal-b1-000043');
    await expect(charge('renewal-b1-000043', 5000)).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    await expect(h.stripe.customers.create({ email: 'a@b.example' }, { idempotencyKey: 'renewal-b1-000043' }))
      .rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
  });

  it('a request refused for its parameters is not kept: the same key works once the parameters are fixed', async () => {
    const bad = h.raw('POST', '/v1/customers', { form: 'emial=x', headers: { 'Idempotency-Key': 'fix-me' } });
    expect((await bad).status).toBe(400);
    const ok = await h.raw('POST', '/v1/customers', { form: 'email=x%40y.example', headers: { 'Idempotency-Key': 'fix-me' } });
    expect(ok.status).toBe(200);
  });

  it('keys last 24 hours', async () => {
    const first = await charge('old-key');
    await h.control('POST', 'clock', { advanceMs: 24 * 3600 * 1000 + 1000 });
    const later = await charge('old-key');
    expect(later.id).not.toBe(first.id);
  });
});

describe("Stripe's error shapes", () => {
  it('401 authentication_error for a wrong or missing key, with a Request-Id', async () => {
    await expect(h.stripeWith('sk_test_wrongKey000000').customers.list()).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    const missing = await h.raw('GET', '/v1/customers', { headers: { Authorization: '' } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('request-id')).toMatch(/^req_/);
    expect(missing.body.error).toMatchObject({ type: 'authentication_error', message: expect.stringContaining('You did not provide an API key') });
    const wrong = await h.raw('GET', '/v1/customers', { headers: { Authorization: 'Bearer sk_test_wrongKey000000' } });
    expect(wrong.body.error).toMatchObject({ type: 'authentication_error', message: 'Invalid API Key provided: sk_test_**********0000' });
    // Basic auth with the key as the user name is accepted, as on Stripe.
    const basic = await h.raw('GET', '/v1/customers', { headers: { Authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString('base64')}` } });
    expect(basic.status).toBe(200);
  });

  it('404 resource_missing with the param, doc_url and request_log_url', async () => {
    await expect(h.stripe.checkout.sessions.retrieve('cs_test_nothing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing', param: 'id', message: "No such checkout.session: 'cs_test_nothing'",
    });
    const raw = await h.raw('GET', '/v1/payment_intents/pi_nothing');
    expect(raw.status).toBe(404);
    expect(raw.body.error).toMatchObject({
      type: 'invalid_request_error', code: 'resource_missing', param: 'id', doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
      request_log_url: expect.stringMatching(/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/),
    });
    const unknownPath = await h.raw('GET', '/v1/subscriptions');
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL') });
  });

  it('400 for missing, malformed and unknown parameters', async () => {
    await expect(h.stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams))
      .rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'amount' });
    const notInteger = await h.raw('POST', '/v1/payment_intents', { form: 'amount=12.50&currency=usd' });
    expect(notInteger.body.error).toMatchObject({ code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: 12.50' });
    const unknown = await h.raw('POST', '/v1/payment_intents', { form: 'amount=1000&currency=usd&colour=red' });
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour', message: 'Received unknown parameter: colour' });
    await expect(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', off_session: true }))
      .rejects.toMatchObject({ statusCode: 400, param: 'off_session' });
    await expect(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_nothing', confirm: true }))
      .rejects.toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method' });
  });

  it('reads nested bracket keys and expand[] as Stripe does', async () => {
    const form = [
      'mode=payment', 'success_url=http%3A%2F%2Fx%2Fok', 'line_items[0][quantity]=2', 'line_items[0][price_data][currency]=usd',
      'line_items[0][price_data][unit_amount]=600', 'line_items[0][price_data][product_data][name]=Pack', 'line_items[1][quantity]=1',
      'line_items[1][price_data][currency]=usd', 'line_items[1][price_data][unit_amount]=1500',
      'line_items[1][price_data][product_data][name]=Monthly%20fee', 'metadata[purchaseId]=p-9', 'metadata[business]=b-2', 'expand[]=line_items',
    ].join('&');
    const res = await h.raw('POST', '/v1/checkout/sessions', { form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amount_total: 2700, metadata: { purchaseId: 'p-9', business: 'b-2' } });
    expect((res.body.line_items as { data: unknown[] }).data).toHaveLength(2);
    const s = await packSession(h.stripe);
    const listed = await h.stripe.checkout.sessions.list({ limit: 1, expand: ['data.line_items'] });
    expect((listed.data[0] as Stripe.Checkout.Session).id).toBe(s.id);
    expect(listed.data[0]?.line_items?.data[0]?.description).toBe('1,000 SMS credits');
  });
});
