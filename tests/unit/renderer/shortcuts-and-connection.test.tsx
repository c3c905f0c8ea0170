// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEvents } from '../../../src/renderer/src/api/events';
import { ConnectionIndicator } from '../../../src/renderer/src/features/shell/connection-indicator';
import { useDesktopActions } from '../../../src/renderer/src/features/shell/desktop-action-store';
import { TopBar } from '../../../src/renderer/src/features/shell/top-bar';
import { useUi } from '../../../src/renderer/src/stores/ui-store';
import { outboxStates, type BatchSummary } from '../../../src/shared/contract';
import { fakeApi, newClient, renderWithQueries, type Answers } from './harness';

const idle: Answers = {
  'sends.status': { ok: true, value: { paused: null, waiting: 0 } },
  'sends.list': { ok: true, value: [] },
  'credits.balance': undefined,
  'session.lock': { ok: true, value: { staff: null, locked: true, idleLockMinutes: 10 } },
};

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  act(() => void window.dispatchEvent(new Event(online ? 'online' : 'offline')));
}

beforeEach(() => {
  setOnline(true);
  useDesktopActions.setState({ asked: null, sheetOpen: false });
  useUi.setState({ area: 'Autopilot' });
});
afterEach(cleanup);

const press = (key: string, modifiers: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'metaKey'>> = {}, target: Element = document.body) =>
  fireEvent.keyDown(target, { key, ...modifiers });

describe('the keyboard shortcuts sheet', () => {
  it('opens with Ctrl+K or ?, lists every shortcut with its keys, and closes with Escape', async () => {
    fakeApi(idle);
    renderWithQueries(<TopBar name="Dana" />);
    expect(screen.queryByRole('dialog')).toBeNull();
    press('k', { ctrlKey: true });
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(sheet).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual([
      'Compose a textCtrl+Shift+E',
      'Open Messenger CenterCtrl+Shift+H',
      'Lock the deskCtrl+L',
      'Show keyboard shortcutsCtrl+K or ?',
    ]);
    fireEvent.keyDown(sheet, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    press('?');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });

  it('lets ? be typed in a text box without opening the sheet', () => {
    fakeApi(idle);
    renderWithQueries(
      <>
        <TopBar name="Dana" />
        <input aria-label="Message" />
      </>,
    );
    press('?', {}, screen.getByLabelText('Message'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('goes to Compose and Messenger Center and locks the desk from the keys', async () => {
    const api = fakeApi(idle);
    renderWithQueries(<TopBar name="Dana" />);
    press('E', { ctrlKey: true, shiftKey: true });
    expect(useUi.getState().area).toBe('Compose');
    press('H', { ctrlKey: true, shiftKey: true });
    expect(useUi.getState().area).toBe('Messenger Center');
    press('e', { ctrlKey: true });
    expect(useUi.getState().area).toBe('Messenger Center');
    press('l', { ctrlKey: true });
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'session.lock')).toHaveLength(1));
  });

  it('does what the desktop tray and menu ask for', async () => {
    const api = fakeApi(idle);
    const client = newClient();
    const off = connectEvents(client);
    renderWithQueries(<TopBar name="Dana" />, client);
    act(() => api.emit('desktop.action', { action: 'shortcuts' }));
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    act(() => api.emit('desktop.action', { action: 'messenger' }));
    expect(useUi.getState().area).toBe('Messenger Center');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    act(() => api.emit('desktop.action', { action: 'compose' }));
    expect(useUi.getState().area).toBe('Compose');
    off();
  });

  it('has a button for people who do not know the keys', async () => {
    fakeApi(idle);
    renderWithQueries(<TopBar name="Dana" />);
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
  });
});

const batch = (id: number, counts: Partial<BatchSummary['counts']>): BatchSummary => ({
  id, kind: 'mass', preview: 'Pool closed', createdAt: 0, notBefore: null, recipients: 10, creditsPerRecipient: 1,
  counts: { ...Object.fromEntries(outboxStates.map((state) => [state, 0])), ...counts } as BatchSummary['counts'],
});

describe('the online indicator', () => {
  it('says online, and how many texts wait to go out: main\'s exact count, not only those of the recent sends', async () => {
    // The recent sends list shows 6 waiting; older sends hold the rest of main's 1,250.
    fakeApi({
      ...idle,
      'sends.status': { ok: true, value: { paused: null, waiting: 1250 } },
      'sends.list': { ok: true, value: [batch(1, { queued: 3, claimed: 2, delivered: 5 }), batch(2, { queued: 1, sent: 9 })] },
    });
    renderWithQueries(<ConnectionIndicator />);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status.textContent).toContain('Online · 1,250 texts waiting'));
    expect(status.getAttribute('data-state')).toBe('online');
  });

  it('says offline when the computer loses its connection, and that the waiting texts go out once it is back', async () => {
    fakeApi({ ...idle, 'sends.status': { ok: true, value: { paused: null, waiting: 1 } }, 'sends.list': { ok: true, value: [batch(1, { queued: 1 })] } });
    renderWithQueries(<ConnectionIndicator />);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status.textContent).toContain('1 text waiting'));
    setOnline(false);
    expect(status.getAttribute('data-state')).toBe('offline');
    expect(status.textContent).toContain('Offline · 1 text waiting');
    expect(status.textContent).toContain('1 text will go out once it is back.');
    setOnline(true);
    expect(status.textContent).toContain('Online');
  });

  it('says the carrier cannot be reached when main has paused sending, in main\'s words', async () => {
    fakeApi({ ...idle, 'sends.status': { ok: true, value: { paused: { reason: 'the carrier did not answer', until: Date.now() + 30_000 }, waiting: 0 } } });
    renderWithQueries(<ConnectionIndicator />);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status.getAttribute('data-state')).toBe('carrier'));
    expect(status.textContent).toContain('Carrier not reachable');
    expect(status.textContent).toContain('Sending is paused: the carrier did not answer.');
    expect(status.textContent).not.toContain('waiting');
  });
});
