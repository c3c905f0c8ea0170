import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { packSession, startPayHarness, startReceiver } from './harness';
import type { PayHarness } from './harness';

const WHSEC = 'whsec_simulatorWebhookSecret0123456789';
const verifier = new Stripe('sk_test_verifyOnly0000');

let h: PayHarness | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await h?.stop();
  await receiver?.stop();
  h = undefined;
  receiver = undefined;
});

const typesOf = (r: { body: string }[]): string[] => r.map((x) => (JSON.parse(x.body) as { type: string }).type);

describe('events and webhooks', () => {
  it('POSTs every event signed so that stripe.webhooks.constructEvent accepts it', async () => {
    receiver = await startReceiver();
    h = await startPayHarness({ webhook: { url: receiver.url, secret: WHSEC } });
    const s = await packSession(h.stripe);
    await h.control('POST', `checkout/${s.id}/pay`);
    await receiver.waitFor((r) => typesOf(r).includes('checkout.session.completed') && typesOf(r).includes('payment_intent.succeeded'));
    for (const delivery of receiver.received) {
      const event = verifier.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature'] as string, WHSEC);
      expect(event.id).toMatch(/^evt_/);
      expect(event.object).toBe('event');
    }
    const completed = receiver.received.map((d) => JSON.parse(d.body) as Stripe.Event).find((e) => e.type === 'checkout.session.completed');
    expect(completed?.data.object).toMatchObject({ id: s.id, status: 'complete', payment_status: 'paid', metadata: { purchaseId: 'purchase-1' } });
    // A wrong secret or a changed body is refused by the SDK.
    const first = receiver.received[0] as { body: string; headers: Record<string, unknown> };
    expect(() => verifier.webhooks.constructEvent(first.body, first.headers['stripe-signature'] as string, 'whsec_other')).toThrow();
    expect(() => verifier.webhooks.constructEvent(`${first.body} `, first.headers['stripe-signature'] as string, WHSEC)).toThrow();
  });

  it('tries a failed delivery again with a pause, and the event says when nothing is pending', async () => {
    receiver = await startReceiver(2);
    h = await startPayHarness({ webhook: { url: receiver.url, secret: WHSEC }, webhookRetry: { attempts: 4, firstDelayMs: 20 } });
    const customer = await h.stripe.customers.create({ email: 'owner@gym.example' });
    await receiver.waitFor((r) => r.length === 1);
    const event = verifier.webhooks.constructEvent(receiver.received[0]?.body as string, receiver.received[0]?.headers['stripe-signature'] as string, WHSEC);
    expect(event).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
    // The simulator hears the 200 just after the receiver has the body.
    await expect.poll(() => h?.sim.webhookDeliveries[0]?.delivered).toBe(true);
    expect(h.sim.webhookDeliveries).toMatchObject([{ eventId: event.id, attempts: 3, delivered: true, lastStatus: 200 }]);
    expect((await h.stripe.events.retrieve(event.id)).pending_webhooks).toBe(0);
  });

  it('never holds up the API while an endpoint keeps it waiting', async () => {
    // An endpoint that takes the request and never answers.
    const held: ServerResponse[] = [];
    const silent = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      h = await startPayHarness({ webhook: { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`, secret: WHSEC } });
      const customer = await h.stripe.customers.create({ email: 'a@b.example' });
      expect(customer.id).toMatch(/^cus_/);
      await expect.poll(() => held.length).toBe(1);
      expect(h.sim.webhookDeliveries).toMatchObject([{ attempts: 1, delivered: false }]);
    } finally {
      await h?.stop();
      h = undefined;
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('gives up after the last try', async () => {
    receiver = await startReceiver(100);
    h = await startPayHarness({ webhook: { url: receiver.url, secret: WHSEC }, webhookRetry: { attempts: 3, firstDelayMs: 10 } });
    await h.stripe.customers.create({ email: 'a@b.example' });
    const deliveries = async (): Promise<{ attempts: number; delivered: boolean }[]> =>
      (await h?.control('GET', 'webhook-deliveries'))?.body as unknown as { attempts: number; delivered: boolean }[];
    await expect.poll(async () => (await deliveries())[0]?.attempts, { timeout: 20_000 }).toBe(3);
    expect(h.sim.webhookDeliveries[0]).toMatchObject({ delivered: false, lastStatus: 500 });
  });

  it('lists and retrieves events, newest first, filtered by type; each names its request and idempotency key', async () => {
    h = await startPayHarness();
    const s = await packSession(h.stripe);
    await h.control('POST', `checkout/${s.id}/decline`);
    await h.control('POST', `checkout/${s.id}/pay`);
    const all = await h.stripe.events.list({ limit: 100 });
    expect(all.data.map((e) => e.type)).toEqual([
      'checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded',
      'payment_intent.payment_failed', 'charge.failed', 'payment_intent.created',
    ]);
    const failed = await h.stripe.events.list({ type: 'payment_intent.payment_failed' });
    expect(failed.data).toHaveLength(1);
    expect((await h.stripe.events.retrieve(failed.data[0]?.id as string)).type).toBe('payment_intent.payment_failed');
    const page = await h.stripe.events.list({ limit: 2 });
    expect(page.has_more).toBe(true);
    const next = await h.stripe.events.list({ limit: 2, starting_after: page.data[1]?.id as string });
    expect(next.data[0]?.id).toBe(all.data[2]?.id);
    const customer = await h.stripe.customers.create({ email: 'x@y.example' }, { idempotencyKey: 'make-customer-1' });
    const created = (await h.stripe.events.list({ type: 'customer.*' })).data[0];
    expect(created?.data.object).toMatchObject({ id: customer.id });
    expect(created?.request).toMatchObject({ idempotency_key: 'make-customer-1' });
    expect(created?.request?.id).toMatch(/^req_/);
  });

  it('webhook endpoints made over the API get their own secret and only the events they asked for', async () => {
    receiver = await startReceiver();
    h = await startPayHarness();
    const endpoint = await h.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ['checkout.session.completed'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const s = await packSession(h.stripe);
    await h.control('POST', `checkout/${s.id}/pay`);
    await receiver.waitFor((r) => r.length >= 1);
    const event = verifier.webhooks.constructEvent(receiver.received[0]?.body as string, receiver.received[0]?.headers['stripe-signature'] as string, endpoint.secret as string);
    expect(event.type).toBe('checkout.session.completed');
    expect(typesOf(receiver.received)).toEqual(['checkout.session.completed']);
  });
});
