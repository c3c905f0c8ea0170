// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignIn } from '../../../src/renderer/src/features/auth/sign-in';
import { fakeApi as typedFakeApi, type Answers } from './harness';

afterEach(cleanup);

/** The shared fake bridge (answers typed and parsed against the contract); the calls it saw. */
const fakeApi = (answers: Answers) => typedFakeApi(answers).calls;

const renderWithQueries = (ui: React.ReactNode) =>
  render(<QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{ui}</QueryClientProvider>);

describe('sign-in screen', () => {
  it('signs in the chosen person and shows main’s refusal in plain words', async () => {
    const calls = fakeApi({
      'staff.directory': { ok: true, value: [{ id: 's1', name: 'Dana' }, { id: 's2', name: 'Sam' }] },
      'session.signIn': { ok: false, error: { code: 'BAD_CREDENTIALS', message: 'That PIN or password is not right. 2 tries left.' } },
    });
    renderWithQueries(<SignIn />);
    const who = await screen.findByLabelText('Who is signing in?');
    await screen.findByRole('option', { name: 'Sam' });
    fireEvent.change(who, { target: { value: 's2' } });
    fireEvent.change(screen.getByLabelText('PIN or password'), { target: { value: '1234' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'That PIN or password is not right. 2 tries left.');
    expect(calls.find((c) => c.channel === 'session.signIn')?.input).toEqual({ staffId: 's2', secret: '1234' });
    // The field is cleared so the next try starts fresh.
    expect((screen.getByLabelText('PIN or password') as HTMLInputElement).value).toBe('');
  });
});
