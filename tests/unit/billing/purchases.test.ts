import { describe, expect, it } from 'vitest';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import { billingDesk, unwrap } from './billing-harness';

describe('buying credits', () => {
  it('grants a paid purchase once, however often its status is asked', async () => {
    const h = await billingDesk();
    const open = await h.buy(1_000);
    expect(open).toMatchObject({ status: 'open', credits: 1_000, total: { minor: 3_000, currency: 'USD' }, granted: false });
    expect(open.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:9\/checkout\//);
    expect(await h.status(open.purchaseId)).toMatchObject({ status: 'open', granted: false });
    expect(h.available()).toBe(SANDBOX_GRANT);

    h.payments.pay(open.purchaseId);
    expect(await h.status(open.purchaseId)).toMatchObject({ status: 'paid', granted: true, checkoutUrl: null });
    expect(await h.status(open.purchaseId)).toMatchObject({ status: 'paid', granted: true });
    expect(h.available()).toBe(SANDBOX_GRANT + 1_000);
    expect(h.purchaseEntries()).toEqual([{ purchaseId: open.purchaseId, credits: 1_000 }]);
    expect(h.audit('billing.granted')).toHaveLength(1);
  });

  it('two windows asking at the same moment grant once', async () => {
    const h = await billingDesk();
    const { purchaseId } = await h.buy(500);
    h.payments.pay(purchaseId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.status(purchaseId)));
    expect(answers.every((a) => a.granted)).toBe(true);
    expect(h.available()).toBe(SANDBOX_GRANT + 500);
    expect(h.purchaseEntries()).toHaveLength(1);
  });

  it('a restart between payment and grant is recovered at start-up, once', async () => {
    const h = await billingDesk();
    const { purchaseId } = await h.buy(2_500);
    // The person pays and closes the page; the desk stops before it asks again.
    h.payments.pay(purchaseId);
    // A purchase the desk never wrote down (it stopped right after asking for it) is recovered too.
    const unknown = await h.payments.createPurchase({ credits: 500, country: 'US' });
    h.payments.pay(unknown.purchaseId);

    await h.billing.recover();
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT + 3_000);
    expect(h.purchaseEntries().map((e) => e.purchaseId).sort()).toEqual([purchaseId, unknown.purchaseId].sort());
    expect(await h.status(purchaseId)).toMatchObject({ status: 'paid', granted: true });
  });

  it('a declined or abandoned purchase grants nothing and says why', async () => {
    const h = await billingDesk();
    const declined = await h.buy(1_000);
    const abandoned = await h.buy(1_000);
    h.payments.decline(declined.purchaseId);
    h.payments.expire(abandoned.purchaseId);

    expect(await h.status(declined.purchaseId)).toMatchObject({ status: 'declined', granted: false, failure: 'The card was declined.' });
    expect(await h.status(abandoned.purchaseId)).toMatchObject({ status: 'expired', granted: false, failure: expect.stringContaining('closed') });
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT);
    expect(h.purchaseEntries()).toEqual([]);
  });

  it('declined then paid with another card on the same page grants once; expired never comes back', async () => {
    const h = await billingDesk();
    const { purchaseId } = await h.buy(1_000);
    h.payments.decline(purchaseId);
    expect(await h.status(purchaseId)).toMatchObject({ status: 'declined', granted: false, checkoutUrl: expect.stringContaining('/checkout/') });
    h.payments.pay(purchaseId);
    expect(await h.status(purchaseId)).toMatchObject({ status: 'paid', granted: true, failure: null });
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT + 1_000);

    const late = await h.buy(500);
    h.payments.expire(late.purchaseId);
    await h.status(late.purchaseId);
    h.payments.pay(late.purchaseId);
    await h.billing.recover();
    expect(await h.status(late.purchaseId)).toMatchObject({ status: 'expired', granted: false });
    expect(h.available()).toBe(SANDBOX_GRANT + 1_000);
  });

  it('only Admin Access may buy: the clerk is refused in main, audited, and nothing is asked of the service', async () => {
    const h = await billingDesk();
    const before = h.payments.purchases.size;
    expect(await h.call('clerk-window', 'billing.createPurchase', { credits: 1_000 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await h.call('clerk-window', 'billing.setAutoRenew', { thresholdCredits: 100, packCredits: 1_000 })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(h.payments.purchases.size).toBe(before);
    expect(h.db.prepare("SELECT detail FROM audit_log WHERE action = 'access.refused'").all()).not.toHaveLength(0);
    // Reading the balance and the history follows the credits permission: any signed-in staff.
    expect(unwrap<{ available: number }>(await h.call('clerk-window', 'billing.overview')).available).toBe(SANDBOX_GRANT);
    // The admin's purchase is audited with who asked.
    await h.buy(500);
    expect(h.audit('billing.createPurchase')).toEqual([expect.objectContaining({ staffId: expect.any(String), detail: '{"credits":500}' })]);
  });

  it('refuses amounts out of range and countries not sold online, before asking the service', async () => {
    const h = await billingDesk();
    expect(await h.call('admin-window', 'billing.createPurchase', { credits: 99 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.call('admin-window', 'billing.createPurchase', { credits: 12.5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    unwrap(await h.call('admin-window', 'billing.setCountry', { country: 'DE' }));
    expect(await h.call('admin-window', 'billing.createPurchase', { credits: 1_000 })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('contact support') } });
    expect(h.payments.purchases.size).toBe(0);
  });

  it('quotes Australia with its monthly fee before paying', async () => {
    const h = await billingDesk();
    unwrap(await h.call('admin-window', 'billing.setCountry', { country: 'AU' }));
    expect(unwrap(await h.call('clerk-window', 'billing.quote', { credits: 1_000 }))).toMatchObject({
      kind: 'priced', creditsCost: { minor: 8_000 }, monthlyFee: { minor: 1_000 }, total: { minor: 9_000, currency: 'USD' },
    });
    expect(await h.call('clerk-window', 'billing.setCountry', { country: 'US' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('says so calmly when the billing service cannot be reached, and nothing changes', async () => {
    const h = await billingDesk();
    h.payments.unavailable = true;
    expect(await h.call('admin-window', 'billing.createPurchase', { credits: 1_000 })).toMatchObject({
      ok: false, error: { code: 'OFFLINE', message: expect.stringContaining('Nothing was charged') },
    });
    await h.billing.recover();
    expect(h.available()).toBe(SANDBOX_GRANT);
  });
});

describe('own Twilio account', () => {
  it('shows the Twilio balance instead of selling credits', async () => {
    const h = await billingDesk();
    expect(await h.call('clerk-window', 'billing.twilioBalance')).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    h.settings.update({ accountModel: 'own_account' });
    expect(await h.call('clerk-window', 'billing.twilioBalance')).toEqual({ ok: true, value: { amount: '12.34', currency: 'USD' } });
    expect(unwrap<{ accountModel: string }>(await h.call('clerk-window', 'billing.overview')).accountModel).toBe('own_account');
  });
});

describe('following open purchases in the background', () => {
  it('grants a purchase paid while nobody has the Credits screen open, once', async () => {
    const h = await billingDesk();
    const open = await h.buy(1_000);
    const declined = await h.buy(500);
    h.payments.decline(declined.purchaseId);
    await h.billing.follow();
    expect(h.available()).toBe(SANDBOX_GRANT);
    h.payments.pay(open.purchaseId);
    h.payments.pay(declined.purchaseId);
    await Promise.all([h.billing.follow(), h.billing.follow()]);
    await h.billing.follow();
    expect(h.available()).toBe(SANDBOX_GRANT + 1_500);
    expect(h.purchaseEntries()).toHaveLength(2);
    // Nothing left to ask about: the service is not asked again.
    h.payments.unavailable = true;
    await h.billing.follow();
    expect(h.errors).toEqual([]);
  });
});
