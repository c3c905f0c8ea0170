import { afterEach, describe, expect, it } from 'vitest';
import { BillingUnavailable } from '../../../src/main/core/ports/payment-gateway';
import { fakeServer, json } from './fake-http';
import type { FakeRequest, FakeServer } from './fake-http';
import { call, runService } from './service-harness';
import type { RunningService } from './service-harness';

/**
 * Stripe's side answering what it should not: the service never records a payment it cannot
 * check, never hands the desk a page it should not open, and never passes Stripe's refusal of
 * its own key to the desk as a refused billing token.
 */
const customer = { id: 'cus_test_1', object: 'customer' };
const openSession = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id, object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid',
  url: `https://checkout.example/${id}`, amount_total: 1500, currency: 'usd', payment_intent: null, setup_intent: null, metadata: {}, ...extra,
});

let stripe: FakeServer | null = null;
let running: RunningService | null = null;
afterEach(async () => {
  await running?.dispose();
  await stripe?.close();
  running = null;
  stripe = null;
});

async function setUp(answer: (req: FakeRequest) => [number, unknown]): Promise<{ running: RunningService; token: string }> {
  stripe = await fakeServer((req, res) => {
    const [status, body] = answer(req);
    json(res, status, body);
  });
  running = await runService(stripe.url, 'sk_test_hostile');
  return { running, token: await running.service.issueToken('Tumble Town Gym') };
}

function sessionAnswers(created: Record<string, unknown>, retrieved: Record<string, unknown>): (req: FakeRequest) => [number, unknown] {
  return (req) => {
    if (req.path.startsWith('/v1/customers')) return [200, customer];
    if (req.method === 'POST' && req.path === '/v1/checkout/sessions') return [200, created];
    if (req.method === 'GET' && req.path.startsWith('/v1/checkout/sessions/')) return [200, retrieved];
    return [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such thing' } }];
  };
}

describe('billing service: hostile answers from Stripe', () => {
  it.each([
    ['a javascript: page', openSession('cs_test_a', { url: 'javascript:alert(1)' })],
    ['no page at all', openSession('cs_test_a', { url: null })],
    ['not a session', { id: 'pi_1', object: 'payment_intent' }],
    ['a setup session for a purchase', openSession('cs_test_a', { mode: 'setup' })],
  ])('a new checkout answered with %s → 502, no page for the desk', async (_what, created) => {
    const { running, token } = await setUp(sessionAnswers(created, created));
    const error = await running.gateway(token).createPurchase({ credits: 500, country: 'US' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingUnavailable);
    const recent = await call(running.service.url, '/v1/purchases?since=0', { token });
    expect(recent.body).toEqual({ purchases: [expect.objectContaining({ status: 'expired', checkoutUrl: null, failure: expect.stringMatching(/could not be opened/) })] });
  });

  it.each([
    ['paid for less than the purchase', { status: 'complete', payment_status: 'paid', amount_total: 1 }],
    ['paid in another currency', { status: 'complete', payment_status: 'paid', currency: 'eur' }],
    ['about another purchase', { status: 'complete', payment_status: 'paid', metadata: { purchase_id: 'pur_someoneelse1234' } }],
    ['another session altogether', { id: 'cs_test_other', status: 'complete', payment_status: 'paid' }],
    ['a status Stripe does not have', { status: 'paid_in_full' }],
  ])('a status check answered %s is never paid', async (_what, change) => {
    const { running, token } = await setUp(sessionAnswers(openSession('cs_test_a'), openSession('cs_test_a', change)));
    const gateway = running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 500, country: 'US' });
    expect(purchase).toMatchObject({ status: 'open', checkoutUrl: 'https://checkout.example/cs_test_a', total: { minor: 1500, currency: 'USD' } });
    await expect(gateway.purchase(purchase.purchaseId)).rejects.toThrow(BillingUnavailable);
    await expect(gateway.recentPurchases(0)).resolves.toEqual([expect.objectContaining({ purchaseId: purchase.purchaseId, status: 'open', paidAt: null })]);
    await expect(gateway.autoRenew()).resolves.toMatchObject({ status: 'off' });
  });

  it('Stripe refusing the service\'s own key is "unavailable" for the desk, not a refused billing token', async () => {
    const { running, token } = await setUp(() => [401, { error: { type: 'authentication_error', message: 'Invalid API Key provided: sk_test_***' } }]);
    const answer = await call(running.service.url, '/v1/purchases', { method: 'POST', token, body: JSON.stringify({ credits: 500, country: 'US' }) });
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: { code: 'payment_provider_unavailable', message: expect.not.stringMatching(/sk_test/) } });
  });

  it('the desk never sends a price: the service charges from the rates table, with Australia\'s monthly fee', async () => {
    const { running, token } = await setUp(sessionAnswers(openSession('cs_test_a', { amount_total: 5000 }), openSession('cs_test_a')));
    const purchase = await running.gateway(token).createPurchase({ credits: 500, country: 'AU' });
    expect(purchase.total).toEqual({ minor: 500 * 8 + 1000, currency: 'USD' });
    const create = stripe?.requests.find((r) => r.path === '/v1/checkout/sessions');
    const form = new URLSearchParams(create?.body ?? '');
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('8');
    expect(form.get('line_items[0][quantity]')).toBe('500');
    expect(form.get('line_items[1][price_data][unit_amount]')).toBe('1000');
    expect(form.get('metadata[purchase_id]')).toBe(purchase.purchaseId);
    expect(create?.headers['idempotency-key']).toBe(`purchase-${purchase.purchaseId}`);
  });
});
