// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAttentionSettings } from '../../../src/renderer/src/features/attention/attention-store';
import { useAttention } from '../../../src/renderer/src/features/attention/use-attention';
import { AssignControl } from '../../../src/renderer/src/features/messenger/thread-actions';
import { useUi } from '../../../src/renderer/src/stores/ui-store';
import type { StaffSummary, ThreadView } from '../../../src/shared/contract';
import { fakeApi, newClient, renderWithQueries } from './harness';

const chime = vi.hoisted(() => ({ played: 0 }));
vi.mock('../../../src/renderer/src/features/attention/chime', () => ({ playChime: () => void (chime.played += 1) }));

beforeEach(() => {
  chime.played = 0;
});
afterEach(cleanup);

const ANA = '+15125550123';
const person = (id: string, name: string, permissions: StaffSummary['permissions']): StaffSummary => ({ id, name, permissions, active: true, lockedOutUntil: null, createdAt: 0 });
const admin = person('s1', 'Dana', ['adminAccess', 'messengerCenter']);
const clerk = person('s2', 'Casey', ['messengerCenter']);
const view = (assignedTo: ThreadView['assignedTo']): ThreadView => ({
  phone: ANA, names: [], consent: 'opted_in', handled: false, handledBy: null, handledAt: null, assignedTo, messages: [], olderCursor: null, notes: [],
});

describe('assigning a conversation on screen', () => {
  it('lets an admin give it to anyone with Messenger Center access, reading that list only when asked', async () => {
    const api = fakeApi({
      'messenger.assignees': { ok: true, value: { staff: [{ id: 's1', name: 'Dana' }, { id: 's2', name: 'Casey' }] } },
      'messenger.assign': (input) => ({ ok: true, value: view(input.staffId === null ? null : { id: input.staffId, name: 'Casey' }) }),
    });
    renderWithQueries(<AssignControl view={view(null)} staff={admin} />);
    expect(screen.getByText('Given to nobody')).toBeTruthy();
    expect(api.calls.filter((c) => c.channel === 'messenger.assignees')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const select = await screen.findByLabelText('Give this conversation to');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Casey' })).toBeTruthy());
    fireEvent.change(select, { target: { value: 's2' } });
    await waitFor(() => expect(api.calls.find((c) => c.channel === 'messenger.assign')?.input).toEqual({ phone: ANA, staffId: 's2' }));
  });

  it('lets anyone else take one nobody has, or let go of their own, but not move someone else’s', () => {
    fakeApi({});
    const client = newClient();
    const show = (assignedTo: ThreadView['assignedTo']) => (
      <QueryClientProvider client={client}>
        <AssignControl view={view(assignedTo)} staff={clerk} />
      </QueryClientProvider>
    );
    const { rerender } = render(show(null));
    expect(screen.getByRole('button', { name: 'Take this conversation' })).toBeTruthy();
    rerender(show({ id: 's2', name: 'Casey' }));
    expect(screen.getByText('Given to you')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Let it go' })).toBeTruthy();
    rerender(show({ id: 's1', name: 'Dana' }));
    expect(screen.getByText('Given to Dana')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

function Badge({ staff }: { staff: StaffSummary }) {
  return <p data-testid="unread">{useAttention(staff)}</p>;
}

describe('a reply notice at this window', () => {
  const notice = { phone: ANA, title: 'New reply from Ana Lopez', body: 'Unlock SMS Desk to read it.' };

  it('chimes while the sound is on, and not once it is turned off', async () => {
    const { emit } = fakeApi({ 'messenger.unreadCount': { ok: true, value: { unread: 1 } } });
    renderWithQueries(<Badge staff={admin} />);
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('1'));
    useAttentionSettings.getState().setSound(true);
    act(() => emit('messenger.notice', notice));
    expect(chime.played).toBe(1);
    useAttentionSettings.getState().setSound(false);
    act(() => emit('messenger.notice', notice));
    expect(chime.played).toBe(1);
  });

  it('opens the conversation when the desktop notice is clicked', async () => {
    const { emit } = fakeApi({ 'messenger.unreadCount': { ok: true, value: { unread: 1 } } });
    renderWithQueries(<Badge staff={admin} />);
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('1'));
    act(() => emit('messenger.open', { phone: ANA }));
    expect(useUi.getState()).toMatchObject({ area: 'Messenger Center', threadPhone: ANA });
  });

  it('is not listened to by staff without Messenger Center, and their title shows no count', async () => {
    const { emit, calls } = fakeApi({ 'messenger.unreadCount': { ok: true, value: { unread: 4 } } });
    renderWithQueries(<Badge staff={person('s3', 'Sam', ['sendMassSms'])} />);
    act(() => emit('messenger.notice', notice));
    expect(chime.played).toBe(0);
    expect(document.title).toBe('SMS Desk');
    expect(calls.filter((c) => c.channel === 'messenger.unreadCount')).toHaveLength(0);
  });
});
