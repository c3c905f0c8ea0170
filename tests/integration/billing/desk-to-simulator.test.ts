import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import type { AutoRenewView, PurchaseView, Result } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { withAdminAndClerk } from '../../unit/staff/harness';
import { startBilling, submitCheckoutPage } from './with-simulator';
import type { Billing } from './with-simulator';

/**
 * The whole purchase path with nothing faked: the desk's core (router, permissions, ledger) →
 * HttpPaymentGateway → the billing service → the official `stripe` SDK → the payment simulator,
 * every hop over HTTP, the person's part done on the simulator's checkout page.
 */
let billing: Billing | null = null;
afterEach(async () => {
  await billing?.dispose();
  billing = null;
});

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function deskWithBilling() {
  billing = await startBilling();
  const token = await billing.running.service.issueToken('Tumble Town Gym');
  const gateway = billing.running.gateway(token);
  const h = await withAdminAndClerk({ gateway });
  await h.sending.ready;
  const available = () => Number((h.db.prepare("SELECT available FROM credit_balance WHERE mode = 'sandbox'").get() as { available: number }).available);
  const granted = () => h.db.prepare("SELECT purchase_id AS purchaseId, credits FROM credit_ledger WHERE kind IN ('purchase', 'renewal')").all() as { purchaseId: string; credits: number }[];
  const buy = async (credits: number) => unwrap<PurchaseView>(await h.call('admin-window', 'billing.createPurchase', { credits }));
  const status = async (purchaseId: string) => unwrap<PurchaseView>(await h.call('admin-window', 'billing.purchase', { purchaseId }));
  return { ...h, sim: billing, gateway, available, granted, buy, status };
}

describe('desk → billing service → stripe SDK → payment simulator', () => {
  it('a pack paid on the checkout page is granted once, however often the desk asks', async () => {
    const h = await deskWithBilling();
    const open = await h.buy(1_000);
    expect(open).toMatchObject({ status: 'open', credits: 1_000, total: { minor: 3_000, currency: 'USD' }, granted: false });
    expect(open.checkoutUrl?.startsWith(h.sim.stripeUrl)).toBe(true);
    expect(await submitCheckoutPage(open.checkoutUrl ?? '', 'pay')).toBe(303);

    const answers = await Promise.all(Array.from({ length: 4 }, () => h.status(open.purchaseId)));
    expect(answers.every((a) => a.status === 'paid' && a.granted)).toBe(true);
    await expect(h.status(open.purchaseId)).resolves.toMatchObject({ status: 'paid', granted: true });
    expect(h.available()).toBe(SANDBOX_GRANT + 1_000);
    expect(h.granted()).toEqual([{ purchaseId: open.purchaseId, credits: 1_000 }]);
  });

  it('declined, then abandoned: nothing granted, and the desk says why', async () => {
    const h = await deskWithBilling();
    const declined = await h.buy(1_000);
    expect(await submitCheckoutPage(declined.checkoutUrl ?? '', 'decline')).toBe(402);
    await expect(h.status(declined.purchaseId)).resolves.toMatchObject({ status: 'declined', granted: false, failure: expect.stringMatching(/declined/) });
    h.sim.simulator.advanceClock(25 * 60 * 60 * 1000);
    await expect(h.status(declined.purchaseId)).resolves.toMatchObject({ status: 'expired', granted: false });
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT);
    expect(h.granted()).toEqual([]);
  });

  it('paid while the desk was not looking (closed page, restart): start-up recovery grants it once', async () => {
    const h = await deskWithBilling();
    const { purchaseId } = await h.buy(2_500);
    expect(await submitCheckoutPage((await h.status(purchaseId)).checkoutUrl ?? '', 'pay')).toBe(303);
    await h.billing.recover();
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT + 2_500);
    expect(h.granted()).toEqual([{ purchaseId, credits: 2_500 }]);
  });

  it('a clerk is refused in main and nothing reaches the billing service', async () => {
    const h = await deskWithBilling();
    expect(await h.call('clerk-window', 'billing.createPurchase', { credits: 1_000 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    await expect(h.gateway.recentPurchases(0)).resolves.toEqual([]);
  });

  async function renewingDesk(card: string) {
    const h = await deskWithBilling();
    unwrap(await h.call('admin-window', 'messageOptions.update', {
      ...defaultMessageOptions,
      availableHours: { timeZone: 'UTC', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '23:59' }]) },
    }));
    const set = unwrap<{ setupUrl: string; autoRenew: AutoRenewView }>(await h.call('admin-window', 'billing.setAutoRenew', { thresholdCredits: 990, packCredits: 500 }));
    expect(set.autoRenew.status).toBe('needs_card');
    expect(await submitCheckoutPage(set.setupUrl, 'pay', card)).toBe(303);
    await expect(h.call('admin-window', 'billing.refreshAutoRenew')).resolves.toMatchObject({ ok: true, value: { status: 'on' } });
    return h;
  }
  const offSession = (h: Awaited<ReturnType<typeof deskWithBilling>>) =>
    Object.values(h.sim.simulator.ctx.state.paymentIntents).filter((pi) => pi.description?.includes('Auto Renew')).length;

  it('auto-renew: a card saved on the setup page, a balance under the threshold renews once', async () => {
    const h = await renewingDesk('pm_card_visa');
    await expect(h.call('admin-window', 'billing.overview')).resolves.toMatchObject({ ok: true, value: { autoRenew: { card: 'Visa ending 4242' } } });
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -20, reason: 'test' }));
    await Promise.all([h.billing.checkBalance(), h.billing.checkBalance(), h.billing.checkBalance()]);
    expect(h.available()).toBe(SANDBOX_GRANT - 20 + 500);
    expect(h.granted()).toHaveLength(1);
    expect(offSession(h)).toBe(1);
  });

  it('auto-renew with a card that declines later: nothing granted, auto-renew disabled, admins told, no retry', async () => {
    const h = await renewingDesk('pm_card_chargeCustomerFail');
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -20, reason: 'test' }));
    await h.billing.checkBalance();
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -20, reason: 'test' }));
    await h.billing.checkBalance();
    expect(h.available()).toBe(SANDBOX_GRANT - 40);
    expect(h.granted()).toEqual([]);
    expect(offSession(h)).toBe(1);
    await expect(h.gateway.autoRenew()).resolves.toMatchObject({ status: 'disabled', reason: expect.stringMatching(/declined/) });
    const notices = unwrap<{ tone: string; message: string }[]>(await h.call('admin-window', 'billing.notices'));
    expect(notices).toEqual([expect.objectContaining({ tone: 'problem', message: expect.stringMatching(/declined/) })]);
  });
});
