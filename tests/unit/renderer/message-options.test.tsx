// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { MessageOptionsPanel } from '../../../src/renderer/src/features/settings-sms/message-options-panel';
import { buildApi, type Channel, type ChannelOutput } from '../../../src/shared/contract';
import { defaultMessageOptions, type MessageOptions } from '../../../src/shared/sms/message-options';
import { asMain } from './harness';

afterEach(cleanup);

const speedLabel = 'Sending speed';

function fakeApi(saved: MessageOptions = defaultMessageOptions) {
  const calls: { channel: Channel; input: unknown }[] = [];
  installApi(
    buildApi({
      invoke: async (channel, input) => {
        calls.push({ channel, input });
        // Answers go through the contract's output schemas, as main's router sends them.
        if (channel === 'messageOptions.get') return asMain(channel, { ok: true, value: saved });
        if (channel === 'messageOptions.update') return asMain(channel, { ok: true, value: input as ChannelOutput<'messageOptions.update'> });
        return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${channel}` } };
      },
      subscribe: () => () => undefined,
    }),
  );
  return calls;
}

const renderPanel = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MessageOptionsPanel />
    </QueryClientProvider>,
  );

const saveButton = () => screen.getByRole('button', { name: 'Save message options' });
const updates = (calls: { channel: Channel; input: unknown }[]) => calls.filter((c) => c.channel === 'messageOptions.update');

async function typeSpeed(value: string): Promise<HTMLInputElement> {
  const field = (await screen.findByLabelText(speedLabel)) as HTMLInputElement;
  fireEvent.change(field, { target: { value } });
  return field;
}

describe('Settings → SMS: sending speed', () => {
  it('shows the saved speed with its unit and a plain explanation', async () => {
    fakeApi({ ...defaultMessageOptions, messagesPerSecond: 3 });
    renderPanel();
    const field = (await screen.findByLabelText(speedLabel)) as HTMLInputElement;
    expect(field.value).toBe('3');
    expect(field.getAttribute('inputmode')).toBe('decimal');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    // The unit sits beside the box; screen readers hear it with the plain explanation.
    const description = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(description).toMatch(/^texts per second Your texting number’s limit: 1 per second for a regular local number/);
  });

  it.each([
    ['0', 'At least 0.1 per second.'],
    ['0.05', 'At least 0.1 per second.'],
    ['5000', 'At most 1,000 per second.'],
    ['fast', 'Enter a number, like 1 or 0.5.'],
    ['', 'Enter a number, like 1 or 0.5.'],
  ])('marks %j as wrong under the field once it is left, and saves nothing', async (value, message) => {
    const calls = fakeApi();
    renderPanel();
    const field = await typeSpeed(value);
    // Not while typing: a half-typed "0." is not a mistake yet.
    expect(screen.queryByText(message)).toBeNull();
    fireEvent.blur(field);
    const error = screen.getByText(message);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);

    await act(async () => {
      fireEvent.click(saveButton());
    });
    expect(screen.getByRole('alert').textContent).toBe('Please fix the field marked above.');
    expect(updates(calls)).toHaveLength(0);
  });

  it('shows the error on Save even if the field was never left', async () => {
    const calls = fakeApi();
    renderPanel();
    const field = await typeSpeed('0');
    await act(async () => {
      fireEvent.click(saveButton());
    });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('At least 0.1 per second.')).toBeTruthy();
    expect(updates(calls)).toHaveLength(0);
  });

  it.each([
    ['0.5', 0.5],
    [' 25 ', 25],
    ['1,000', 1000],
  ])('saves %j as %d texts per second', async (value, expected) => {
    const calls = fakeApi();
    renderPanel();
    await typeSpeed(value);
    await act(async () => {
      fireEvent.click(saveButton());
    });
    expect(await screen.findByText('Message options saved.')).toBeTruthy();
    expect(updates(calls)).toEqual([{ channel: 'messageOptions.update', input: { ...defaultMessageOptions, messagesPerSecond: expected } }]);
  });

  it('clears the error as soon as the value is put right', async () => {
    fakeApi();
    renderPanel();
    const field = await typeSpeed('0');
    fireEvent.blur(field);
    expect(screen.getByText('At least 0.1 per second.')).toBeTruthy();
    fireEvent.change(field, { target: { value: '2' } });
    expect(screen.queryByText('At least 0.1 per second.')).toBeNull();
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });
});

describe('Settings → SMS: other number fields', () => {
  it('puts a wrong part count under its own field', async () => {
    const calls = fakeApi();
    renderPanel();
    const parts = await screen.findByLabelText('Most parts per text');
    fireEvent.change(parts, { target: { value: '11' } });
    fireEvent.blur(parts);
    expect(parts.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('At most 10 parts.')).toBeTruthy();
    await act(async () => {
      fireEvent.click(saveButton());
    });
    expect(updates(calls)).toHaveLength(0);
  });
});
