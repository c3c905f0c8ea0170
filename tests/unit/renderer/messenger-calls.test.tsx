// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectEvents } from '../../../src/renderer/src/api/queries';
import { useAttention } from '../../../src/renderer/src/features/attention/use-attention';
import { MessengerPage } from '../../../src/renderer/src/features/messenger/messenger-page';
import type { Channel, StaffSummary, ThreadSummary, ThreadView } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, newClient, renderWithQueries, type Answers } from './harness';

// jsdom lays nothing out: give the scrolling lists a screenful of height, as a window would.
beforeEach(() => void vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const NOW = Date.UTC(2026, 10, 25, 15, 0);
const ANA = '+15125550123';
const SAM = '+15125550199';
const admin: StaffSummary = { id: 's1', name: 'Dana', permissions: ['adminAccess', 'messengerCenter', 'sendMassSms'], active: true, lockedOutUntil: null, createdAt: 0 };

const row = (phone: string, names: string[], unread: number, lastBody: string): ThreadSummary => ({
  phone, names, lastAt: NOW, lastBody, unread, needsReply: unread > 0, handled: false, handledBy: null, handledAt: null, assignedTo: null,
});
const view = (phone: string): ThreadView => ({
  phone, names: ['Ana Lopez'], consent: 'opted_in', handled: false, handledBy: null, handledAt: null, assignedTo: null,
  messages: [{ direction: 'inbound', id: 1, body: 'Is practice on tonight?', at: NOW, keyword: null }], olderCursor: null, notes: [],
});

const answers: Answers = {
  'app.status': { ok: true, value: { needsFirstAdmin: false, mode: 'sandbox', country: 'US', version: '0.1.0' } },
  'messenger.threads': { ok: true, value: { threads: [row(ANA, ['Ana Lopez'], 2, 'Is practice on tonight?'), row(SAM, [], 0, 'Thanks!')], nextCursor: null, total: 2 } },
  'messenger.thread': (input) => ({ ok: true, value: view(input.phone) }),
  'messenger.markRead': { ok: true, value: { unread: 0 } },
  'messenger.unreadCount': { ok: true, value: { unread: 2 } },
  'messenger.search': (input) => ({ ok: true, value: { hits: [{ phone: ANA, names: ['Ana Lopez'], direction: 'inbound', messageId: 1, at: NOW, snippet: [{ text: 'Is ', hit: false }, { text: input.query, hit: true }] }], nextCursor: null } }),
  'messageOptions.get': { ok: true, value: defaultMessageOptions },
  'credits.balance': { ok: true, value: { mode: 'sandbox', available: 100, reserved: 0 } },
};

/** The Messenger Center on a fake main that counts every call, with main's events connected. */
function openMessenger() {
  const api = fakeApi(answers);
  const client = newClient();
  connectEvents(client);
  renderWithQueries(<MessengerPage staff={admin} />, client);
  const count = (channel: Channel) => api.calls.filter((call) => call.channel === channel).length;
  return { ...api, count };
}

/** Lets whatever a change would set off run: pending promises and a few timer turns. */
const settle = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 50))));

describe('calls the Messenger Center makes', () => {
  it('opening a conversation reads it and marks it read — two calls, the list is not read again', async () => {
    const { count, emit } = openMessenger();
    fireEvent.click(await screen.findByRole('button', { name: /Ana Lopez/ }));
    expect(await screen.findByText('Is practice on tonight?', { selector: '.bubble p' })).toBeTruthy();
    await waitFor(() => expect(count('messenger.markRead')).toBe(1));
    // main's echo of that mark-read: this window already shows it.
    act(() => emit('messenger.changed', { phones: [ANA], many: false, unread: 0, arrived: [] }));
    await settle();
    expect({ threads: count('messenger.threads'), thread: count('messenger.thread'), markRead: count('messenger.markRead') }).toEqual({ threads: 1, thread: 1, markRead: 1 });
    // The row shows it read without asking main.
    expect(screen.getByRole('button', { name: /Ana Lopez/ }).textContent).not.toMatch(/unread/);
  });

  it('opening a conversation the list shows as read does not mark it again', async () => {
    const { count } = openMessenger();
    fireEvent.click(await screen.findByRole('button', { name: /\(512\) 555-0199/ }));
    expect(await screen.findByText('Is practice on tonight?', { selector: '.bubble p' })).toBeTruthy();
    await settle();
    expect(count('messenger.markRead')).toBe(0);
  });

  it('a search waits for typing to pause: one call for the last words, none for the keystrokes before', async () => {
    const { calls, count } = openMessenger();
    await screen.findByRole('button', { name: /Ana Lopez/ });
    const box = screen.getByLabelText('Search');
    for (const typed of ['p', 'pr', 'pra', 'prac', 'pract']) fireEvent.change(box, { target: { value: typed } });
    expect(await screen.findByText('1 message found')).toBeTruthy();
    expect(calls.filter((call) => call.channel === 'messenger.search').map((call) => call.input)).toEqual([{ query: 'pract', cursor: null, limit: 30 }]);
    expect(screen.getByRole('list', { name: 'Messages found' }).querySelector('mark')?.textContent).toBe('pract');
    // The thread list is not read again per keystroke either.
    expect(count('messenger.threads')).toBe(1);
  });

  it('a reply arriving for another conversation reads the list again, not the open conversation', async () => {
    const { count, emit } = openMessenger();
    fireEvent.click(await screen.findByRole('button', { name: /Ana Lopez/ }));
    await screen.findByText('Is practice on tonight?', { selector: '.bubble p' });
    await waitFor(() => expect(count('messenger.markRead')).toBe(1));
    act(() => emit('messenger.changed', { phones: [SAM], many: false, unread: 1, arrived: [{ phone: SAM, at: NOW + 1 }] }));
    await waitFor(() => expect(count('messenger.threads')).toBe(2));
    await settle();
    expect(count('messenger.thread')).toBe(1);
  });

  it('a send’s progress never reads the list, the open conversation or the unread count again', async () => {
    const { count, emit } = openMessenger();
    fireEvent.click(await screen.findByRole('button', { name: /Ana Lopez/ }));
    await screen.findByText('Is practice on tonight?', { selector: '.bubble p' });
    await settle();
    const before = { threads: count('messenger.threads'), thread: count('messenger.thread') };
    for (let i = 0; i < 20; i += 1) act(() => emit('data.changed', { areas: ['sends', 'credits', 'consent', 'messenger'] }));
    await settle();
    expect({ threads: count('messenger.threads'), thread: count('messenger.thread') }).toEqual(before);
  });
});

function Badge({ staff }: { staff: StaffSummary }) {
  return <p data-testid="unread">{useAttention(staff)}</p>;
}

describe('the unread badge and the window title', () => {
  it('follow main’s events without asking again, and ignore a send’s progress', async () => {
    const { calls, emit } = fakeApi(answers);
    const client = newClient();
    connectEvents(client);
    renderWithQueries(<Badge staff={admin} />, client);
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('2'));
    expect(document.title).toBe('(2) SMS Desk');
    for (let i = 0; i < 20; i += 1) act(() => emit('data.changed', { areas: ['sends', 'credits', 'consent', 'messenger'] }));
    act(() => emit('messenger.changed', { phones: [ANA], many: false, unread: 3, arrived: [{ phone: ANA, at: NOW }] }));
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('3'));
    expect(document.title).toBe('(3) SMS Desk');
    await settle();
    expect(calls.filter((call) => call.channel === 'messenger.unreadCount')).toHaveLength(1);
    act(() => emit('messenger.changed', { phones: [ANA], many: false, unread: 0, arrived: [] }));
    await waitFor(() => expect(document.title).toBe('SMS Desk'));
  });
});
