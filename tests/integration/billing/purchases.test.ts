import { DatabaseSync } from 'node:sqlite';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../support/wait';
import { call, WEBHOOK_SECRET } from './service-harness';
import { SECRET_KEY, startBilling, submitCheckoutPage } from './with-simulator';
import type { Billing } from './with-simulator';

/** Buying credits, all over HTTP: desk adapter → billing service → `stripe` SDK → payment simulator. */
let billing: Billing;
let token: string;

beforeEach(async () => {
  billing = await startBilling();
  token = await billing.running.service.issueToken('Tumble Town Gym');
});
afterEach(async () => {
  await billing.dispose();
});

function statusInServiceFile(purchaseId: string): { status: string; paid_at: number | null } | undefined {
  const db = new DatabaseSync(billing.running.dataFile, { readOnly: true });
  try {
    return db.prepare('SELECT status, paid_at FROM purchases WHERE id = ?').get(purchaseId) as { status: string; paid_at: number | null } | undefined;
  } finally {
    db.close();
  }
}

describe('purchases through the payment simulator', () => {
  it('paid on the checkout page → paid once, at the service\'s price; asking again changes nothing', async () => {
    const gateway = billing.running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 500, country: 'US', description: 'Credits bought at the front desk' });
    expect(purchase).toMatchObject({ status: 'open', credits: 500, total: { minor: 1500, currency: 'USD' }, kind: 'checkout', paidAt: null });
    const page = await fetch(purchase.checkoutUrl ?? '');
    expect(await page.text()).toContain('$15.00');
    const submitted = await fetch(`${purchase.checkoutUrl}/pay`, { method: 'POST', body: new URLSearchParams({ card: 'pm_card_visa' }), redirect: 'manual' });
    expect(submitted.status).toBe(303);
    // Stripe sends the person back to the service's own page, which says what happened in plain words.
    const back = submitted.headers.get('location') ?? '';
    expect(back.startsWith(`${billing.running.service.url}/checkout/return`)).toBe(true);
    expect(await (await fetch(back)).text()).toContain('Payment received');

    const paid = await gateway.purchase(purchase.purchaseId);
    expect(paid).toMatchObject({ status: 'paid', checkoutUrl: null, failure: null });
    expect(paid.paidAt).not.toBeNull();
    await expect(gateway.purchase(purchase.purchaseId)).resolves.toEqual(paid);
    await expect(gateway.recentPurchases(0)).resolves.toEqual([paid]);
    const balance = await call(billing.running.service.url, '/v1/balance', { token });
    expect(balance.body).toEqual({ paidPurchases: 1, paidCredits: 500, paidTotals: [{ minor: 1500, currency: 'USD' }] });
  });

  it('declined, then paid with another card on the same page → declined says so, then paid once', async () => {
    const gateway = billing.running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 1000, country: 'GB' });
    expect(await submitCheckoutPage(purchase.checkoutUrl ?? '', 'decline')).toBe(402);
    const declined = await gateway.purchase(purchase.purchaseId);
    expect(declined).toMatchObject({ status: 'declined', paidAt: null, failure: expect.stringMatching(/declined\. Nothing was charged/) });
    expect(declined.checkoutUrl).toBe(purchase.checkoutUrl);

    expect(await submitCheckoutPage(purchase.checkoutUrl ?? '', 'pay', 'pm_card_mastercard')).toBe(303);
    await expect(gateway.purchase(purchase.purchaseId)).resolves.toMatchObject({ status: 'paid', failure: null, total: { minor: 6000 } });
    expect((await call(billing.running.service.url, '/v1/balance', { token })).body).toMatchObject({ paidPurchases: 1, paidCredits: 1000 });
  });

  it('abandoned: the page closed without paying stays open, then expires and grants nothing', async () => {
    const gateway = billing.running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 500, country: 'US' });
    await expect(gateway.purchase(purchase.purchaseId)).resolves.toMatchObject({ status: 'open', paidAt: null });
    billing.simulator.advanceClock(25 * 60 * 60 * 1000);
    const expired = await gateway.purchase(purchase.purchaseId);
    expect(expired).toMatchObject({ status: 'expired', checkoutUrl: null, paidAt: null, failure: expect.stringMatching(/Nothing was charged/) });
    expect((await call(billing.running.service.url, '/v1/balance', { token })).body).toMatchObject({ paidPurchases: 0, paidCredits: 0 });
  });

  it('double confirmation: the signed webhook settles it alone, a status check and a replayed event change nothing', async () => {
    const gateway = billing.running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 500, country: 'US' });
    expect(await submitCheckoutPage(purchase.checkoutUrl ?? '', 'pay')).toBe(303);
    // Nobody asks: Stripe's checkout.session.completed event reaches the service by itself.
    const byWebhook = await until('the webhook to settle the purchase', () => statusInServiceFile(purchase.purchaseId), (row) => row?.status === 'paid');
    const checked = await gateway.purchase(purchase.purchaseId);
    expect(checked.status).toBe('paid');
    expect(checked.paidAt).toBe(byWebhook?.paid_at);

    const completed = billing.simulator.events.find((e) => e.type === 'checkout.session.completed');
    const payload = JSON.stringify(completed);
    const header = new Stripe(SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    for (let i = 0; i < 2; i += 1) {
      const replay = await call(billing.running.service.url, '/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header } });
      expect(replay.status).toBe(200);
    }
    await expect(gateway.purchase(purchase.purchaseId)).resolves.toEqual(checked);
    expect((await call(billing.running.service.url, '/v1/balance', { token })).body).toMatchObject({ paidPurchases: 1, paidCredits: 500 });
  });

  it('the service down between payment and confirmation: after its restart, recent purchases show it paid', async () => {
    const gateway = billing.running.gateway(token);
    const purchase = await gateway.createPurchase({ credits: 2500, country: 'NZ' });
    await billing.running.service.close();
    expect(await submitCheckoutPage(purchase.checkoutUrl ?? '', 'pay')).toBe(303);
    await billing.running.restart();
    billing.connectWebhook();
    const recovered = await billing.running.gateway(token).recentPurchases(Date.now() - 60 * 60 * 1000);
    expect(recovered).toEqual([expect.objectContaining({ purchaseId: purchase.purchaseId, status: 'paid', credits: 2500, total: { minor: 30000, currency: 'USD' } })]);
  });

  it('Australia: the monthly fee is charged with the month\'s first paid purchase only', async () => {
    const gateway = billing.running.gateway(token);
    const first = await gateway.createPurchase({ credits: 500, country: 'AU' });
    expect(first.total.minor).toBe(500 * 8 + 1000);
    await submitCheckoutPage(first.checkoutUrl ?? '', 'pay');
    await expect(gateway.purchase(first.purchaseId)).resolves.toMatchObject({ status: 'paid' });
    const second = await gateway.createPurchase({ credits: 500, country: 'AU' });
    expect(second.total.minor).toBe(500 * 8);
  });

  it('one business never sees another\'s purchase', async () => {
    const purchase = await billing.running.gateway(token).createPurchase({ credits: 500, country: 'US' });
    const other = await billing.running.service.issueToken('Splash Swim School');
    expect((await call(billing.running.service.url, `/v1/purchases/${purchase.purchaseId}`, { token: other })).status).toBe(404);
    await expect(billing.running.gateway(other).recentPurchases(0)).resolves.toEqual([]);
  });
});
