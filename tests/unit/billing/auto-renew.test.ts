import { describe, expect, it } from 'vitest';
import { createBillingModule } from '../../../src/main/core/billing';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import type { AutoRenewView, Result } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { billingDesk, unwrap } from './billing-harness';

const ALWAYS_OPEN = { ...defaultMessageOptions, availableHours: { timeZone: 'UTC', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '23:59' }]) } };
const numbers = (count: number, from = 100): string[] => Array.from({ length: count }, (_, i) => `+1212555${String(from + i).padStart(4, '0')}`);

/** Sandbox's 1,000 credits, auto-renew on at 990 with a 500 pack and a saved card. */
async function renewingDesk() {
  const h = await billingDesk();
  unwrap(await h.call('admin-window', 'messageOptions.update', ALWAYS_OPEN));
  const optedIn = h.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', 1)");
  for (const phone of numbers(60)) optedIn.run(phone);
  const set = unwrap<{ setupUrl: string; autoRenew: AutoRenewView }>(await h.call('admin-window', 'billing.setAutoRenew', { thresholdCredits: 990, packCredits: 500 }));
  expect(set.setupUrl).toContain('/setup/');
  expect(set.autoRenew.status).toBe('needs_card');
  h.payments.saveCard();
  expect(unwrap<AutoRenewView>(await h.call('admin-window', 'billing.refreshAutoRenew'))).toMatchObject({ status: 'on', card: 'Visa ending 4242' });
  let next = 0;
  /** A mass send to `count` new numbers (one credit each): its hold takes the balance down. */
  const send = async (count: number) => {
    unwrap(await h.call('clerk-window', 'sends.create', { body: 'Open gym tonight at 6.', recipients: numbers(count, 100 + next) }));
    next += count;
    await h.billing.checkBalance();
  };
  const notices = async () => unwrap<{ tone: string; message: string }[]>(await h.call('admin-window', 'billing.notices'));
  return { ...h, send, notices };
}

describe('Auto Renew Credits', () => {
  it('a send that takes the balance under the threshold renews once; staying above asks nothing', async () => {
    const h = await renewingDesk();
    await h.send(5); // 995: above 990
    expect(h.payments.renewCalls).toEqual([]);
    await h.send(10); // 985: crossed
    expect(h.payments.renewCalls).toHaveLength(1);
    expect(h.available()).toBe(985 + 500);
    expect(await h.notices()).toEqual([expect.objectContaining({ tone: 'info', message: expect.stringContaining('added 500 credits') })]);
    // Still above after the renewal: another send does not renew.
    await h.send(5);
    expect(h.payments.renewCalls).toHaveLength(1);
  });

  it('one crossing is one charge, even when many checks run at once or a second desk looks too', async () => {
    const h = await renewingDesk();
    let release!: () => void;
    h.payments.renewGate = new Promise((resolve) => (release = resolve));
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -20, reason: 'test' }));
    // A second process on the same file (another window's host, a restart racing the first).
    const other = createBillingModule({
      storage: new SqliteStorage(h.db), settings: h.settings, clock: h.clock, gatewayFor: () => Promise.resolve(h.payments),
      billingReady: () => true, saveBillingToken: () => Promise.resolve(), carrierBalance: () => Promise.reject(new Error('none')), audit: () => undefined, changed: () => undefined, logError: () => undefined,
    });
    const checks = [...Array.from({ length: 5 }, () => h.billing.checkBalance()), ...Array.from({ length: 5 }, () => other.checkBalance())];
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all(checks);
    await other.recover();
    expect(h.payments.renewCalls).toHaveLength(1);
    expect(h.payments.renewalCharges).toBe(1);
    expect(h.available()).toBe(980 + 500);
  });

  it('checks while the balance stays under the threshold only read: the crossing is claimed once', async () => {
    const h = await renewingDesk();
    h.payments.declineRenewals = true;
    const storage = new SqliteStorage(h.db);
    let claims = 0;
    const claim = storage.billing.claimRenewal.bind(storage.billing);
    storage.billing.claimRenewal = (...args) => {
      claims += 1;
      return claim(...args);
    };
    const desk = createBillingModule({
      storage, settings: h.settings, clock: h.clock, gatewayFor: () => Promise.resolve(h.payments),
      billingReady: () => true, saveBillingToken: () => Promise.resolve(), carrierBalance: () => Promise.reject(new Error('none')),
      audit: () => undefined, changed: () => undefined, logError: () => undefined,
    });
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -20, reason: 'test' }));
    await h.billing.checkBalance();
    expect(h.payments.renewCalls).toHaveLength(1);
    // Declined: auto-renew is off, so the desk reads the state and stops. Turned back on by hand in
    // the file to see that a crossing already asked for is not claimed again on every change.
    h.db.prepare("UPDATE billing_auto_renew SET status = 'on'").run();
    for (let i = 0; i < 5; i += 1) await desk.checkBalance();
    expect(claims).toBe(0);
    expect(h.payments.renewCalls).toHaveLength(1);
  });

  it('a renewal cut short by a restart is asked again with the same key: never a second charge', async () => {
    const h = await renewingDesk();
    // The desk claimed the crossing and the service charged, but the answer never came back.
    h.db.prepare("INSERT INTO billing_renewals (renewal_key, mode, outcome, at) VALUES ('renew_sandbox_7_1', 'sandbox', 'asked', 1)").run();
    const charged = await h.payments.renew('renew_sandbox_7_1');
    expect(charged.status).toBe('paid');
    await h.billing.recover();
    await h.billing.recover();
    expect(h.payments.renewalCharges).toBe(1);
    expect(h.purchaseEntries()).toEqual([{ purchaseId: charged.purchaseId, credits: 500 }]);
  });

  it('a declined card adds nothing, turns auto-renew off, tells admins, and is not retried', async () => {
    const h = await renewingDesk();
    h.payments.declineRenewals = true;
    await h.send(15);
    expect(h.payments.renewCalls).toHaveLength(1);
    expect(h.available()).toBe(985);
    const overview = unwrap<{ autoRenew: AutoRenewView; lowBalance: { low: boolean; threshold: number } }>(await h.call('clerk-window', 'billing.overview'));
    expect(overview.autoRenew).toMatchObject({ status: 'disabled', reason: 'The card was declined.' });
    expect(overview.lowBalance).toEqual({ low: true, threshold: 990 });
    const [notice] = await h.notices();
    expect(notice).toMatchObject({ tone: 'problem', message: expect.stringContaining('until an admin saves a card again') });
    // More sends and checks while disabled: no loop of charges.
    await h.send(3);
    await Promise.all([h.billing.checkBalance(), h.billing.recover()]);
    expect(h.payments.renewCalls).toHaveLength(1);
    // The notice stays until an admin dismisses it; a clerk cannot.
    expect(await h.call('clerk-window', 'billing.notices')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const id = (unwrap<{ id: number }[]>(await h.call('admin-window', 'billing.notices')))[0]!.id;
    unwrap(await h.call('admin-window', 'billing.dismissNotice', { id }));
    expect(await h.notices()).toEqual([]);

    // The admin saves a working card: the crossing that was declined gets one fresh try.
    h.payments.saveCard();
    unwrap(await h.call('admin-window', 'billing.refreshAutoRenew'));
    await h.billing.checkBalance();
    expect(h.payments.renewCalls).toHaveLength(2);
    expect(new Set(h.payments.renewCalls).size).toBe(2);
    expect(h.available()).toBe(982 + 500);
  });

  it('turning auto-renew off stops renewals', async () => {
    const h = await renewingDesk();
    const off = (await h.call('admin-window', 'billing.clearAutoRenew')) as Result<AutoRenewView>;
    expect(off).toMatchObject({ ok: true, value: { status: 'off' } });
    await h.send(20);
    expect(h.payments.renewCalls).toEqual([]);
  });
});
