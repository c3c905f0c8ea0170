// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEvents } from '../../../src/renderer/src/api/queries';
import { CreditIndicator } from '../../../src/renderer/src/features/credits/credit-indicator';
import { CreditsPage } from '../../../src/renderer/src/features/credits/credits-page';
import { CreditsSettingsTab } from '../../../src/renderer/src/features/credits/credits-settings-tab';
import type { ChannelOutput, Result } from '../../../src/shared/contract';
import { fakeApi, newClient, renderWithQueries } from './harness';

afterEach(cleanup);

const balance = (available: number, reserved = 0): Result<ChannelOutput<'credits.balance'>> => ({ ok: true, value: { mode: 'sandbox', available, reserved } });


async function fillAndSubmit(credits: string, reason: string) {
  fireEvent.change(await screen.findByLabelText('Credits to add or remove'), { target: { value: credits } });
  fireEvent.change(screen.getByLabelText('Reason'), { target: { value: reason } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Adjust balance' }));
  });
}

describe('credit indicator', () => {
  it('shows the formatted balance and explains held credits', async () => {
    fakeApi({ 'credits.balance': balance(1234, 56) });
    const { container } = renderWithQueries(<CreditIndicator />);
    const indicator = await screen.findByTitle('56 credits are held for messages waiting to send');
    expect(indicator.textContent).toContain('Credits: 1,234');
    expect(indicator.textContent).toContain('· 56 held');
    expect(container.querySelector('.visually-hidden')?.textContent).toContain('56 credits are held for messages waiting to send');
  });

  it('leaves out the held part when nothing is held', async () => {
    fakeApi({ 'credits.balance': balance(20_000) });
    renderWithQueries(<CreditIndicator />);
    expect((await screen.findByText('Credits: 20,000')).textContent).toBe('Credits: 20,000');
  });

  it('shows nothing when the balance cannot be read', async () => {
    const { calls } = fakeApi({ 'credits.balance': { ok: false, error: { code: 'INTERNAL', message: 'Database is busy.' } } });
    const { container } = renderWithQueries(<CreditIndicator />);
    await waitFor(() => expect(calls.some((c) => c.channel === 'credits.balance')).toBe(true));
    await act(async () => undefined);
    expect(container.textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refreshes when main says credits changed', async () => {
    let available = 100;
    const { emit } = fakeApi({ 'credits.balance': () => balance(available) });
    const client = newClient();
    const disconnect = connectEvents(client);
    renderWithQueries(<CreditIndicator />, client);
    await screen.findByText('Credits: 100');
    available = 90;
    act(() => emit('data.changed', { areas: ['credits'] }));
    await screen.findByText('Credits: 90');
    disconnect();
  });
});

describe('Settings → Credits', () => {
  it('shows the balance with formatting and the purchase note', async () => {
    fakeApi({ 'credits.balance': balance(1234, 56) });
    renderWithQueries(<CreditsSettingsTab />);
    expect(await screen.findByText('1,234')).toBeTruthy();
    expect(screen.getByText('56')).toBeTruthy();
    expect(screen.queryByText('Buying credits arrives in a later version.')).toBeNull();
  });

  it('sends the adjustment to main and reports the new balance', async () => {
    const { calls } = fakeApi({ 'credits.balance': balance(100), 'credits.adjust': balance(1234) });
    renderWithQueries(<CreditsSettingsTab />);
    await fillAndSubmit('-20', 'Refund for a failed send');
    expect(calls.find((c) => c.channel === 'credits.adjust')?.input).toEqual({ credits: -20, reason: 'Refund for a failed send' });
    expect((await screen.findByRole('status')).textContent).toBe('Balance is now 1,234 credits.');
    // Cleared so the same correction is not applied twice by accident.
    expect((screen.getByLabelText('Credits to add or remove') as HTMLInputElement).value).toBe('');
  });

  it('shows main’s refusal in its own words', async () => {
    fakeApi({
      'credits.balance': balance(10),
      'credits.adjust': { ok: false, error: { code: 'CONFLICT', message: 'That would leave the balance below zero.' } },
    });
    renderWithQueries(<CreditsSettingsTab />);
    await fillAndSubmit('-500', 'Correcting a double grant');
    // Settings → Credits has other forms now; the refusal is the adjustment form's own.
    await waitFor(() => expect(within(screen.getByRole('form', { name: 'Adjust credits' })).getByRole('alert').textContent).toBe('That would leave the balance below zero.'));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it.each([
    ['1.5', 'Enter a whole number of credits, like 500 to add or -20 to remove.'],
    ['abc', 'Enter a whole number of credits, like 500 to add or -20 to remove.'],
    ['', 'Enter a whole number of credits, like 500 to add or -20 to remove.'],
    ['0', 'Enter a number of credits other than zero.'],
  ])('refuses %j without calling main', async (credits, message) => {
    const { calls } = fakeApi({ 'credits.balance': balance(10) });
    renderWithQueries(<CreditsSettingsTab />);
    await fillAndSubmit(credits, 'Goodwill grant');
    const field = screen.getByLabelText('Credits to add or remove');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(message)).toBeTruthy();
    expect(calls.some((c) => c.channel === 'credits.adjust')).toBe(false);
  });

  it('asks for a reason', async () => {
    const { calls } = fakeApi({ 'credits.balance': balance(10) });
    renderWithQueries(<CreditsSettingsTab />);
    await fillAndSubmit('50', '');
    expect(screen.getByText('Say why in a few words.')).toBeTruthy();
    expect(calls.some((c) => c.channel === 'credits.adjust')).toBe(false);
  });
});

describe('Credits area', () => {
  const person = (permissions: ('adminAccess' | 'sendMassSms')[]) => ({
    id: 'staff-1', name: 'Sam Desk', permissions, active: true, lockedOutUntil: null, createdAt: 0,
  });

  it('shows everyone the balance, and the adjustment form only to admins', async () => {
    fakeApi({ 'credits.balance': balance(740, 12) });
    renderWithQueries(<CreditsPage staff={person(['sendMassSms'])} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Credits' })).toBeTruthy();
    expect(await screen.findByText('740')).toBeTruthy();
    expect(screen.queryByLabelText('Credits to add or remove')).toBeNull();
    cleanup();

    renderWithQueries(<CreditsPage staff={person(['adminAccess'])} />);
    expect(await screen.findByLabelText('Credits to add or remove')).toBeTruthy();
  });
});
