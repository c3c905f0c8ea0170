// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreditsPage } from '../../../src/renderer/src/features/credits/credits-page';
import { CreditsSettingsTab } from '../../../src/renderer/src/features/credits/credits-settings-tab';
import { LowBalanceWarning } from '../../../src/renderer/src/features/credits/low-balance-warning';
import { parseCustomCredits } from '../../../src/renderer/src/features/credits/buy-credits';
import { quote } from '../../../src/shared/billing/rates';
import type { BillingOverview, ChannelInput, PurchaseView, Result } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

const admin = { id: 'staff-1', name: 'Dana', permissions: ['adminAccess' as const], active: true, lockedOutUntil: null, createdAt: 0 };
const clerk = { ...admin, id: 'staff-2', name: 'Sam', permissions: ['sendMassSms' as const] };

const overview = (patch: Partial<BillingOverview> = {}): BillingOverview => ({
  mode: 'sandbox',
  country: 'US',
  accountModel: 'provider',
  rate: { kind: 'priced', perCredit: { minor: 3, currency: 'USD' }, monthlyFee: null },
  packs: [500, 1000, 2500, 5000, 10000],
  available: 1000,
  lowBalance: { low: false, threshold: 100 },
  autoRenew: { status: 'off', thresholdCredits: null, packCredits: null, card: null, reason: null },
  billingReady: true,
  ...patch,
});
const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const quoteAnswer = (country: string) => (input: ChannelInput<'billing.quote'>) => {
  const q = quote(country, input.credits);
  return ok(q.kind === 'priced' ? q : { kind: 'contactSupport' as const, credits: q.credits, supportEmail: 'support@smsdesk.app' });
};
const purchase = (patch: Partial<PurchaseView> = {}): PurchaseView => ({
  purchaseId: 'pur_test0001', status: 'open', kind: 'checkout', credits: 1000, total: { minor: 3000, currency: 'USD' },
  checkoutUrl: 'http://127.0.0.1:4242/checkout/cs_1', createdAt: 1, granted: false, failure: null, ...patch,
});
const common = {
  'credits.balance': ok({ mode: 'sandbox' as const, available: 1000, reserved: 0 }),
  'billing.purchases': ok([] as PurchaseView[]),
  'billing.notices': ok([]),
  'billing.history': ok({ lines: [], truncated: false, timeZone: 'America/New_York' }),
};

let opened: string[] = [];
beforeEach(() => {
  opened = [];
  vi.spyOn(window, 'open').mockImplementation((url) => {
    opened.push(String(url));
    return null;
  });
});

describe('buying credits', () => {
  it('shows the total before paying, opens the checkout page, and follows the purchase to paid', async () => {
    let status: PurchaseView = purchase();
    const { calls } = fakeApi({
      ...common,
      'billing.overview': ok(overview()),
      'billing.quote': quoteAnswer('US'),
      'billing.createPurchase': ok(purchase()),
      'billing.purchase': () => ok(status),
    });
    renderWithQueries(<CreditsPage staff={admin} />);
    // The second pack is picked first: 1,000 credits for $30.00. This is the file's first render of
    // the page, which waits on the overview, then the quote, on components not yet warmed: 1-2 s on a
    // busy 2-core machine, past testing-library's 1 s default; later finds are quick.
    expect(await screen.findByRole('button', { name: 'Buy 1,000 credits for $30.00' }, { timeout: 10_000 })).toBeTruthy();
    fireEvent.click(screen.getByLabelText('2,500 credits'));
    const buy = await screen.findByRole('button', { name: 'Buy 2,500 credits for $75.00' });
    expect(screen.getByText('Total to pay').nextSibling?.textContent).toBe('$75.00');
    await act(async () => fireEvent.click(buy));
    expect(calls.find((c) => c.channel === 'billing.createPurchase')?.input).toEqual({ credits: 2500 });
    expect(opened).toEqual(['http://127.0.0.1:4242/checkout/cs_1']);
    expect((await screen.findByText(/Waiting for payment of \$30\.00/)).getAttribute('role')).toBe('status');

    status = purchase({ status: 'paid', granted: true, checkoutUrl: null });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check now' })));
    expect(await screen.findByText('Paid: 1,000 credits added to your balance.')).toBeTruthy();
  });

  it('a declined card says nothing was charged', async () => {
    fakeApi({
      ...common,
      'billing.overview': ok(overview()),
      'billing.quote': quoteAnswer('US'),
      'billing.purchases': ok([purchase({ status: 'open' })]),
      'billing.purchase': ok(purchase({ status: 'declined', failure: 'The card was declined.' })),
    });
    renderWithQueries(<CreditsPage staff={admin} />);
    expect(await screen.findByText('The card was declined. Nothing was charged. No credits were added. You can try another card on the same payment page.')).toBeTruthy();
  });

  it('Australia shows its monthly fee in the total; a custom amount is checked before asking main', async () => {
    const { calls } = fakeApi({
      ...common,
      'billing.overview': ok(overview({ country: 'AU', rate: { kind: 'priced', perCredit: { minor: 8, currency: 'USD' }, monthlyFee: { minor: 1000, currency: 'USD' } } })),
      'billing.quote': quoteAnswer('AU'),
    });
    renderWithQueries(<CreditsPage staff={admin} />);
    expect(await screen.findByRole('button', { name: 'Buy 1,000 credits for $90.00' })).toBeTruthy();
    expect(screen.getByText('Monthly fee').nextSibling?.textContent).toBe('$10.00');
    fireEvent.click(screen.getByLabelText('Another amount'));
    fireEvent.change(screen.getByLabelText('Credits to buy'), { target: { value: '12.5' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Buy credits' })));
    expect(screen.getByText('Whole credits only, e.g. 1500.')).toBeTruthy();
    expect(calls.some((c) => c.channel === 'billing.createPurchase')).toBe(false);
  });

  it('parses custom amounts with thousands separators and bounds', () => {
    expect(parseCustomCredits('1,500')).toEqual({ ok: true, credits: 1500 });
    expect(parseCustomCredits('50')).toMatchObject({ ok: false });
    expect(parseCustomCredits('200000')).toMatchObject({ ok: false });
  });

  it('a clerk sees the balance and history but no purchase form', async () => {
    fakeApi({ ...common, 'billing.overview': ok(overview()) });
    renderWithQueries(<CreditsPage staff={clerk} />);
    expect(await screen.findByText(/Only staff with Admin Access can buy credits/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Buy/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Credit history' })).toBeTruthy();
  });

  it('a business on its own Twilio account is not offered a purchase', async () => {
    fakeApi({ ...common, 'billing.overview': ok(overview({ accountModel: 'own_account' })), 'billing.twilioBalance': ok({ amount: '12.34', currency: 'USD' }) });
    renderWithQueries(<CreditsPage staff={admin} />);
    expect(await screen.findByText('Paid through your own Twilio account')).toBeTruthy();
    expect(await screen.findByText('$12.34')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Buy/ })).toBeNull();
  });

  it('suggests Auto Renew Credits while it is off', async () => {
    fakeApi({ ...common, 'billing.overview': ok(overview()), 'billing.quote': quoteAnswer('US') });
    renderWithQueries(<CreditsPage staff={admin} />);
    expect(await screen.findByText(/Recommended, especially for Autopilot messages/)).toBeTruthy();
  });
});

describe('credit history', () => {
  it('filters by kind and day, and exports the CSV main builds', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:history';
    });
    URL.revokeObjectURL = vi.fn();
    const { calls } = fakeApi({
      ...common,
      'billing.overview': ok(overview()),
      'billing.quote': quoteAnswer('US'),
      'billing.history': ok({
        lines: [{ id: 2, kind: 'purchase', credits: 1000, at: Date.UTC(2026, 0, 5, 15), note: 'Credits bought', staffName: 'Dana' }],
        truncated: false,
        // A zone no test machine runs in, so the note about the business's zone always shows.
        timeZone: 'Pacific/Chatham',
      }),
      'billing.exportHistory': ok({ csv: 'Date,Kind\n', fileName: 'sms-credits-history.csv', lines: 1 }),
    });
    renderWithQueries(<CreditsPage staff={admin} />);
    const table = await screen.findByRole('table');
    expect(screen.getByText('Dates and times are in the business’s time zone (Chatham time).')).toBeTruthy();
    expect(within(table).getByText('+1,000')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Texts sent'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'billing.history').at(-1)?.input).toEqual({ fromDay: '2026-01-01', toDay: null, kinds: ['purchase', 'renewal', 'refund', 'adjustment'] }),
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export to CSV' })));
    expect(calls.find((c) => c.channel === 'billing.exportHistory')?.input).toEqual({ fromDay: '2026-01-01', toDay: null, kinds: ['purchase', 'renewal', 'refund', 'adjustment'] });
    await waitFor(() => expect(created).toHaveLength(1));
  });
});

describe('low balance', () => {
  it('warns with the numbers and a link to buy for admins; others are told to ask', async () => {
    fakeApi({ 'billing.overview': ok(overview({ available: 42, lowBalance: { low: true, threshold: 100 } })) });
    renderWithQueries(<LowBalanceWarning canBuy />);
    const warning = await screen.findByText(/Credits are running low/);
    expect(warning.parentElement?.textContent).toContain('42 credits left (warning below 100 credits)');
    expect(screen.getByRole('link', { name: 'Buy credits' })).toBeTruthy();
    cleanup();
    renderWithQueries(<LowBalanceWarning canBuy={false} />);
    expect((await screen.findByRole('status')).textContent).toContain('Ask an admin to buy more.');
  });

  it('says nothing while the balance is above the warning level', async () => {
    const { calls } = fakeApi({ 'billing.overview': ok(overview()) });
    const { container } = renderWithQueries(<LowBalanceWarning canBuy />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => undefined);
    expect(container.textContent).toBe('');
  });
});

describe('Settings → Credits', () => {
  it('saves the country and shows the US-only self-signup note for other countries', async () => {
    const { calls } = fakeApi({ ...common, 'billing.overview': ok(overview()), 'billing.setCountry': ok({ country: 'NZ' }) });
    renderWithQueries(<CreditsSettingsTab />);
    const select = await screen.findByLabelText('Country');
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('US'));
    expect(screen.queryByText(/only available for customers in the United States/)).toBeNull();
    fireEvent.change(select, { target: { value: 'NZ' } });
    expect(screen.getByText(/only available for customers in the United States/)).toBeTruthy();
    expect(screen.getByText('$0.12 per credit.')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save country' })));
    expect(calls.find((c) => c.channel === 'billing.setCountry')?.input).toEqual({ country: 'NZ' });
  });
});

describe('following a purchase', () => {
  it('asks often while the person is paying, then less and less', async () => {
    const { purchasePollMs } = await import('../../../src/renderer/src/api/billing-queries');
    expect(purchasePollMs(0, 60_000)).toBe(4_000);
    expect(purchasePollMs(0, 10 * 60_000)).toBe(15_000);
    expect(purchasePollMs(0, 5 * 60 * 60_000)).toBe(60_000);
  });

  it('a page closed without paying can be set aside: nothing was charged', async () => {
    fakeApi({
      ...common,
      'billing.overview': ok(overview()),
      'billing.quote': quoteAnswer('US'),
      'billing.purchases': ok([purchase({ createdAt: Date.now() })]),
      'billing.purchase': ok(purchase({ createdAt: Date.now() })),
    });
    renderWithQueries(<CreditsPage staff={admin} />);
    expect(await screen.findByText(/Waiting for payment/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    await waitFor(() => expect(screen.queryByText(/Waiting for payment/)).toBeNull());
  });
});

describe('Auto Renew suggestion for Autopilot', () => {
  it('shows while workflows are on and auto-renew is not, and not otherwise', async () => {
    const { AutoRenewSuggestion } = await import('../../../src/renderer/src/features/credits/auto-renew-suggestion');
    fakeApi({ 'billing.overview': ok(overview()) });
    renderWithQueries(<AutoRenewSuggestion workflowsOn isAdmin />);
    expect(await screen.findByText('Turn on Auto Renew Credits.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Set it up on the Credits screen' })).toBeTruthy();
    cleanup();

    const { calls } = fakeApi({ 'billing.overview': ok(overview({ autoRenew: { status: 'on', thresholdCredits: 100, packCredits: 1000, card: 'Visa ending 4242', reason: null } })) });
    const { container } = renderWithQueries(<AutoRenewSuggestion workflowsOn isAdmin={false} />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => undefined);
    expect(container.textContent).toBe('');
  });
});
