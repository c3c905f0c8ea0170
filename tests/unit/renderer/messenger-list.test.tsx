// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessengerPage } from '../../../src/renderer/src/features/messenger/messenger-page';
import { THREAD_PAGE_SIZE, type StaffSummary, type ThreadSummary } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

// jsdom lays nothing out: give the scrolling lists a screenful of height, as a window would.
beforeEach(() => void vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const TOTAL = 20_000;
const NOW = Date.UTC(2026, 10, 25, 15, 0);
const staff: StaffSummary = { id: 's1', name: 'Dana', permissions: ['messengerCenter'], active: true, lockedOutUntil: null, createdAt: 0 };
const row = (i: number): ThreadSummary => ({
  phone: `+1512${String(2_000_000 + i).padStart(7, '0')}`, names: [`Family ${i}`], lastAt: NOW - i * 60_000, lastBody: `Reply ${i}`,
  unread: 0, needsReply: false, handled: false, handledBy: null, handledAt: null, assignedTo: null,
});

describe('the conversation list over 20,000 conversations', () => {
  it('draws only the rows in view, tells screen readers the whole size and place, and loads the next keyset page as you scroll', async () => {
    const api = fakeApi({
      'app.status': { ok: true, value: { needsFirstAdmin: false, mode: 'sandbox', country: 'US', version: '0.1.0' } },
      'messenger.threads': ({ cursor }) => {
        const start = cursor === null || cursor === undefined ? 0 : Number(cursor);
        const threads = Array.from({ length: THREAD_PAGE_SIZE }, (_, k) => row(start + k));
        return { ok: true, value: { threads, nextCursor: String(start + THREAD_PAGE_SIZE), total: TOTAL } };
      },
    });
    renderWithQueries(<MessengerPage staff={staff} />);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    expect(screen.getByText('20,000 conversations')).toBeTruthy();
    await waitFor(() => expect(within(list).getAllByRole('listitem').length).toBeGreaterThan(1));
    const drawn = within(list).getAllByRole('listitem');
    expect(drawn.length).toBeLessThan(30);
    expect(drawn[0]?.getAttribute('aria-setsize')).toBe(String(TOTAL));
    expect(drawn[0]?.getAttribute('aria-posinset')).toBe('1');
    const pages = () => api.calls.filter((c) => c.channel === 'messenger.threads').map((c) => (c.input as { cursor: string | null }).cursor);
    expect(pages()).toEqual([null]);

    // Scrolled near the end of what is loaded: the next page is asked for after the last row.
    act(() => {
      list.scrollTop = 40 * 76;
      fireEvent.scroll(list);
    });
    await waitFor(() => expect(pages()).toEqual([null, String(THREAD_PAGE_SIZE)]));
    await waitFor(() => expect(within(list).getAllByRole('listitem').some((item) => item.getAttribute('aria-posinset') === '45')).toBe(true));
  });
});
