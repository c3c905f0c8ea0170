import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { createApp, type App } from '../../../src/main/app/create-app';
import type { AutoRenewView, BillingOverview, PurchaseView, Result } from '../../../src/shared/contract';
import { startBillingService } from '../../../src/billing/start';
import { PaymentSimulator } from '../../../src/main/sandbox/payments/simulator';
import { until } from '../../support/wait';
import { submitCheckoutPage } from '../billing/with-simulator';

/**
 * The desk's whole purchase path in Sandbox, all over HTTP: createApp's billing module → the
 * HTTP adapter → the in-process billing service → the official `stripe` SDK → the payment
 * simulator, whose checkout page a person pays or declines.
 */
const opened: App[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

async function openDesk(dataDir = mkdtempSync(join(tmpdir(), 'desk-billing-')), secrets = new MemorySecretStore(), settings = new MemorySettingsStore()) {
  const app = await createApp({ dataDir, settings, secrets, env: {}, logError: () => undefined });
  opened.push(app);
  const call = async <T,>(channel: string, input?: unknown): Promise<T> => {
    const result = (await app.router({ sessionId: 'admin-window', trustedSender: true }, channel, input)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const signIn = async (first: boolean) => {
    if (first) return call('session.createFirstAdmin', { name: 'Dana', secret: '482913' });
    const [dana] = await call<{ id: string }[]>('staff.directory');
    return call('session.signIn', { staffId: dana!.id, secret: '482913' });
  };
  const available = async () => (await call<BillingOverview>('billing.overview')).available;
  const close = async () => {
    opened.splice(opened.indexOf(app), 1);
    await app.close();
  };
  return { app, call, signIn, available, close, dataDir, secrets, settings };
}

describe('buying credits through the Sandbox billing service', () => {
  it('paid on the checkout page: granted once, however often asked', async () => {
    const desk = await openDesk();
    await desk.signIn(true);
    const start = await desk.available();
    const open = await desk.call<PurchaseView>('billing.createPurchase', { credits: 1000 });
    expect(open).toMatchObject({ status: 'open', credits: 1000, total: { minor: 3000, currency: 'USD' } });
    expect(new URL(open.checkoutUrl!).hostname).toBe('127.0.0.1');
    expect(desk.app.paymentPageOrigins()).toContain(new URL(open.checkoutUrl!).origin);
    expect(await submitCheckoutPage(open.checkoutUrl!, 'pay')).toBe(303);

    const answers = await Promise.all([1, 2, 3].map(() => desk.call<PurchaseView>('billing.purchase', { purchaseId: open.purchaseId })));
    expect(answers.every((a) => a.status === 'paid' && a.granted)).toBe(true);
    expect(await desk.available()).toBe(start + 1000);
    const history = await desk.call<{ lines: { kind: string; credits: number }[] }>('billing.history', { kinds: ['purchase'] });
    expect(history.lines).toEqual([expect.objectContaining({ kind: 'purchase', credits: 1000 })]);
  });

  it('declined on the page: nothing granted, and it says so', async () => {
    const desk = await openDesk();
    await desk.signIn(true);
    const start = await desk.available();
    const open = await desk.call<PurchaseView>('billing.createPurchase', { credits: 500 });
    expect(await submitCheckoutPage(open.checkoutUrl!, 'decline')).toBe(402);
    expect(await desk.call<PurchaseView>('billing.purchase', { purchaseId: open.purchaseId })).toMatchObject({ status: 'declined', granted: false, failure: expect.stringContaining('declined') });
    expect(await desk.available()).toBe(start);
  });

  it('paid while the desk is down: the next start grants it, once', async () => {
    const first = await openDesk();
    await first.signIn(true);
    const start = await first.available();
    const open = await first.call<PurchaseView>('billing.createPurchase', { credits: 2500 });
    // The desk stops before it learns of the payment.
    await first.close();
    // The simulator's page belongs to the stopped desk: the person paid just before it stopped.
    const second = await openDesk(first.dataDir, first.secrets, first.settings);
    // The checkout page is served by the (restarted) simulator from its saved state.
    const page = new URL(open.checkoutUrl!);
    const origin = second.app.paymentPageOrigins()[0] ?? (await until('the Sandbox payment pages', () => second.app.paymentPageOrigins(), (o) => o.length > 0))[0]!;
    expect(await submitCheckoutPage(`${origin}${page.pathname}`, 'pay')).toBe(303);
    await second.close();

    const third = await openDesk(first.dataDir, first.secrets, first.settings);
    await third.signIn(false);
    await until('the paid purchase to be granted at start-up', () => third.available(), (n) => n === start + 2500);
    await third.close();
    const fourth = await openDesk(first.dataDir, first.secrets, first.settings);
    await fourth.signIn(false);
    await until('start-up recovery to finish', () => fourth.call<PurchaseView[]>('billing.purchases'), (list) => list.length === 1);
    expect(await fourth.available()).toBe(start + 2500);
  });

  it('auto-renew: one off-session charge when a change takes the balance under the threshold', async () => {
    const desk = await openDesk();
    await desk.signIn(true);
    const start = await desk.available();
    const set = await desk.call<{ setupUrl: string; autoRenew: AutoRenewView }>('billing.setAutoRenew', { thresholdCredits: start - 10, packCredits: 500 });
    expect(await submitCheckoutPage(set.setupUrl, 'pay')).toBe(303);
    expect(await desk.call<AutoRenewView>('billing.refreshAutoRenew')).toMatchObject({ status: 'on' });

    await desk.call('credits.adjust', { credits: -20, reason: 'Crossing the threshold' });
    await until('the renewal to be granted', () => desk.available(), (n) => n === start - 20 + 500);
    // Checks again and again: still one renewal for that crossing.
    await desk.call('credits.adjust', { credits: 1, reason: 'Another change' });
    await until('no second renewal', () => desk.call<{ lines: { kind: string }[] }>('billing.history', { kinds: ['renewal'] }), (h) => h.lines.length === 1);
    expect(await desk.available()).toBe(start - 19 + 500);
    const notices = await desk.call<{ message: string }[]>('billing.notices');
    expect(notices[0]?.message).toContain('added 500 credits');
  });

  it('auto-renew with a card that is declined off-session: nothing added, auto-renew off, admins told, no retry', async () => {
    const desk = await openDesk();
    await desk.signIn(true);
    const start = await desk.available();
    const set = await desk.call<{ setupUrl: string }>('billing.setAutoRenew', { thresholdCredits: start - 10, packCredits: 500 });
    expect(await submitCheckoutPage(set.setupUrl, 'pay', 'pm_card_chargeCustomerFail')).toBe(303);
    expect(await desk.call<AutoRenewView>('billing.refreshAutoRenew')).toMatchObject({ status: 'on' });

    await desk.call('credits.adjust', { credits: -20, reason: 'Crossing the threshold' });
    const notices = await until('admins to be told', () => desk.call<{ tone: string; message: string }[]>('billing.notices'), (n) => n.length > 0);
    expect(notices[0]).toMatchObject({ tone: 'problem', message: expect.stringContaining('until an admin saves a card again') });
    expect((await desk.call<BillingOverview>('billing.overview')).autoRenew.status).toBe('disabled');
    await desk.call('credits.adjust', { credits: -1, reason: 'Another change' });
    await desk.call('credits.adjust', { credits: -1, reason: 'And another' });
    expect(await desk.available()).toBe(start - 22);
    expect(await desk.call<{ message: string }[]>('billing.notices')).toHaveLength(1);
  });
});

describe('live mode', () => {
  it('without a billing service it says buying is not set up; with SMS_DESK_BILLING_URL and the admin\'s token it buys for live', async () => {
    const secretKey = 'sk_test_desk_live_path_0123456789';
    const simulator = await new PaymentSimulator().start({ secretKey });
    const stripe = new URL(simulator.baseUrl);
    const service = await startBillingService({
      dataFile: join(mkdtempSync(join(tmpdir(), 'provider-billing-')), 'billing.sqlite'),
      stripe: { secretKey, host: stripe.hostname, port: Number(stripe.port), protocol: 'http' },
      log: () => undefined,
    });
    try {
      const settings = new MemorySettingsStore();
      settings.update({ mode: 'live' });
      const bare = await openDesk(undefined, undefined, settings);
      await bare.signIn(true);
      expect((await bare.call<BillingOverview>('billing.overview')).billingReady).toBe(false);
      const refused = await bare.app.router({ sessionId: 'admin-window', trustedSender: true }, 'billing.createPurchase', { credits: 500 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('not set up on this computer') } });
      await bare.close();

      const app = await createApp({ dataDir: bare.dataDir, settings, secrets: bare.secrets, env: { SMS_DESK_BILLING_URL: service.url }, logError: () => undefined });
      opened.push(app);
      const call = async <T,>(channel: string, input?: unknown): Promise<T> => {
        const result = (await app.router({ sessionId: 'admin-window', trustedSender: true }, channel, input)) as Result<T>;
        if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
        return result.value;
      };
      const [dana] = await call<{ id: string }[]>('staff.directory');
      await call('session.signIn', { staffId: dana!.id, secret: '482913' });
      // The provider gave the business a token; the admin pastes it once. It is kept, never shown back.
      expect(await call('billing.setConnection', { url: null, token: await service.issueToken('Tumble Town Gym') })).toEqual({ billingReady: true });
      const audit = await call<{ action: string; detail: string }[]>('audit.list', { limit: 10 });
      expect(audit.find((e) => e.action === 'billing.setConnection')?.detail).toContain('[redacted]');
      const open = await call<PurchaseView>('billing.createPurchase', { credits: 500 });
      expect(await submitCheckoutPage(open.checkoutUrl!, 'pay')).toBe(303);
      expect(await call<PurchaseView>('billing.purchase', { purchaseId: open.purchaseId })).toMatchObject({ status: 'paid', granted: true });
      expect((await call<BillingOverview>('billing.overview')).available).toBe(500);
    } finally {
      await service.close();
      await simulator.stop();
    }
  });
});
