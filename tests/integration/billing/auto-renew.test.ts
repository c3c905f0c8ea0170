import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RENEWALS_PER_DAY } from '../../../src/shared/billing/api';
import { BillingRefused } from '../../../src/main/adapters/billing/http-payment-gateway';
import type { HttpPaymentGateway } from '../../../src/main/adapters/billing/http-payment-gateway';
import { BillingUnavailable } from '../../../src/main/core/ports/payment-gateway';
import { until } from '../../support/wait';
import { flakyProxy } from './flaky-proxy';
import type { FlakyProxy } from './flaky-proxy';
import { chargesFor, startBilling, submitCheckoutPage } from './with-simulator';
import type { Billing } from './with-simulator';

/** Auto Renew Credits, all over HTTP: a card saved on a setup page, then off-session charges per renewal key. */
let billing: Billing | null = null;
let proxy: FlakyProxy | null = null;
afterEach(async () => {
  await billing?.dispose();
  await proxy?.close();
  billing = null;
  proxy = null;
});

async function withSavedCard(card: string, options: Parameters<typeof startBilling>[0] = {}): Promise<{ billing: Billing; gateway: HttpPaymentGateway; token: string }> {
  billing = await startBilling(options);
  const token = await billing.running.service.issueToken('Tumble Town Gym');
  const gateway = billing.running.gateway(token);
  const setup = await gateway.startAutoRenewSetup({ thresholdCredits: 200, packCredits: 1000, country: 'US' });
  await expect(gateway.autoRenew()).resolves.toMatchObject({ status: 'needs_card', thresholdCredits: 200, packCredits: 1000, card: null });
  expect(await submitCheckoutPage(setup.setupUrl, 'pay', card)).toBe(303);
  return { billing, gateway, token };
}

function offSessionCharges(b: Billing): number {
  return Object.values(b.simulator.ctx.state.paymentIntents).filter((pi) => pi.metadata.purchase_id !== undefined && pi.description?.includes('Auto Renew')).length;
}

describe('auto-renew through the payment simulator', () => {
  it('a saved card turns it on; a renewal charges the pack once; the same renewal key again charges nothing', async () => {
    const { billing, gateway } = await withSavedCard('pm_card_visa');
    await expect(gateway.autoRenew()).resolves.toEqual({ status: 'on', thresholdCredits: 200, packCredits: 1000, card: 'Visa ending 4242', reason: null });

    const renewal = await gateway.renew('balance-crossed-200-at-send-41');
    expect(renewal).toMatchObject({ status: 'paid', kind: 'renewal', credits: 1000, total: { minor: 3000, currency: 'USD' }, checkoutUrl: null });
    await expect(gateway.renew('balance-crossed-200-at-send-41')).resolves.toEqual(renewal);
    await expect(Promise.all([gateway.renew('balance-crossed-200-at-send-42'), gateway.renew('balance-crossed-200-at-send-42')]))
      .resolves.toSatisfy(([a, b]: Array<{ purchaseId: string }>) => a?.purchaseId === b?.purchaseId);
    expect(chargesFor(billing.simulator, renewal.purchaseId)).toBe(1);
    expect(offSessionCharges(billing)).toBe(2);
  });

  it('the same renewal key after a cut-off charge and a service restart: Stripe is asked again with the same key, one charge', async () => {
    const { billing, gateway: first } = await withSavedCard('pm_card_visa', {
      stripeUrl: async (simulatorUrl) => {
        proxy = await flakyProxy(simulatorUrl);
        return proxy.url;
      },
    });
    if (!proxy) throw new Error('the proxy did not start');
    proxy.dropAnswers = true;
    await expect(first.renew('crossing-7')).rejects.toThrow(BillingUnavailable);
    expect(offSessionCharges(billing)).toBe(1);

    await billing.running.service.close();
    proxy.dropAnswers = false;
    await billing.running.restart();
    const token = await billing.running.service.issueToken('Tumble Town Gym');
    const renewal = await billing.running.gateway(token).renew('crossing-7');
    expect(renewal).toMatchObject({ status: 'paid', credits: 1000 });
    expect(offSessionCharges(billing)).toBe(1);
    expect(chargesFor(billing.simulator, renewal.purchaseId)).toBe(1);
  });

  it('a declined card: the renewal says so, auto-renew is disabled with the reason, and nothing retries', async () => {
    const { billing, gateway } = await withSavedCard('pm_card_chargeCustomerFail');
    await expect(gateway.autoRenew()).resolves.toMatchObject({ status: 'on', card: 'Visa ending 0341' });
    const declined = await gateway.renew('crossing-1');
    expect(declined).toMatchObject({ status: 'declined', paidAt: null, failure: expect.stringMatching(/declined/) });
    const state = await gateway.autoRenew();
    expect(state).toMatchObject({ status: 'disabled', reason: expect.stringMatching(/declined.*until an admin/) });

    await expect(gateway.renew('crossing-1')).resolves.toEqual(declined);
    const next = await gateway.renew('crossing-2').catch((e: unknown) => e);
    expect(next).toBeInstanceOf(BillingRefused);
    expect(next).toMatchObject({ code: 'auto_renew_off', message: expect.stringMatching(/declined/) });
    expect(offSessionCharges(billing)).toBe(1);
  });

  it(`at most ${MAX_RENEWALS_PER_DAY} renewals a day, whatever keys are sent`, async () => {
    const { billing, gateway } = await withSavedCard('pm_card_visa');
    for (let i = 0; i < MAX_RENEWALS_PER_DAY; i += 1) await expect(gateway.renew(`k-${i}`)).resolves.toMatchObject({ status: 'paid' });
    await expect(gateway.renew('k-one-too-many')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(offSessionCharges(billing)).toBe(MAX_RENEWALS_PER_DAY);
  });

  it('cleared: off, and no renewal is charged', async () => {
    const { billing, gateway } = await withSavedCard('pm_card_visa');
    await gateway.clearAutoRenew();
    await expect(gateway.autoRenew()).resolves.toEqual({ status: 'off', thresholdCredits: null, packCredits: null, card: null, reason: null });
    await expect(gateway.renew('after-clear')).rejects.toMatchObject({ code: 'auto_renew_off' });
    expect(offSessionCharges(billing)).toBe(0);
  });

  it('the signed webhook alone turns auto-renew on once the card page is used', async () => {
    const { billing } = await withSavedCard('pm_card_visa');
    const status = (): unknown => {
      const db = new DatabaseSync(billing.running.dataFile, { readOnly: true });
      try {
        return db.prepare('SELECT status, card FROM auto_renew').get();
      } finally {
        db.close();
      }
    };
    await expect(until('the webhook to save the card', status, (row) => (row as { status?: string } | undefined)?.status === 'on')).resolves.toEqual({ status: 'on', card: 'Visa ending 4242' });
  });

  it('a setup page left to expire turns auto-renew back off with a reason', async () => {
    billing = await startBilling();
    const gateway = billing.running.gateway(await billing.running.service.issueToken('Tumble Town Gym'));
    await gateway.startAutoRenewSetup({ thresholdCredits: 200, packCredits: 1000, country: 'US' });
    billing.simulator.advanceClock(25 * 60 * 60 * 1000);
    await expect(gateway.autoRenew()).resolves.toMatchObject({ status: 'off', reason: expect.stringMatching(/closed before a card was saved/) });
  });
});
