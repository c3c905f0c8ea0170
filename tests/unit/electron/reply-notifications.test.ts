import { describe, expect, it, vi } from 'vitest';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { bindReplyNotifications, type NotificationLike } from '../../../src/main/electron/reply-notifications';

const ANA = '+15125550123';

function desktop(unreadAtStart = 0) {
  const shown: Array<{ title: string; body: string; silent: boolean; click(): void }> = [];
  const badges: number[] = [];
  const focused: string[] = [];
  const events = new LocalEventBus();
  const pushed: Array<{ event: string; payload: unknown; sessionId: string | undefined }> = [];
  events.subscribe((event, payload, sessionId) => pushed.push({ event, payload, sessionId }));
  bindReplyNotifications(
    { events, unreadTotal: () => Promise.resolve(unreadAtStart) },
    {
      notify: (options) => {
        let onClick = () => undefined as unknown;
        const note: NotificationLike = { on: (_event, listener) => (onClick = listener), show: () => shown.push({ ...options, click: () => onClick() }) };
        return note;
      },
      setBadgeCount: (count) => badges.push(count),
      focusWindow: (sessionId) => {
        focused.push(sessionId);
        return sessionId === 'wc-1';
      },
    },
  );
  return { events, shown, badges, focused, pushed };
}

describe('reply notifications on the desktop', () => {
  it('show the notice main worded for the window, silently (the window plays the chime)', () => {
    const { events, shown } = desktop();
    events.emit('messenger.notice', { phone: ANA, title: 'New reply from Ana Lopez', body: 'Unlock SMS Desk to read it.' }, 'wc-1');
    expect(shown.map(({ title, body, silent }) => ({ title, body, silent }))).toEqual([{ title: 'New reply from Ana Lopez', body: 'Unlock SMS Desk to read it.', silent: true }]);
  });

  it('bring the window forward on a click and open the conversation in it', () => {
    const { events, shown, focused, pushed } = desktop();
    events.emit('messenger.notice', { phone: ANA, title: 'New reply from Ana Lopez', body: 'hi' }, 'wc-1');
    shown[0]?.click();
    expect(focused).toEqual(['wc-1']);
    expect(pushed.at(-1)).toEqual({ event: 'messenger.open', payload: { phone: ANA }, sessionId: 'wc-1' });
  });

  it('put the unread total kept from before on the badge at start', async () => {
    const { badges } = desktop(5);
    await vi.waitFor(() => expect(badges).toEqual([5]));
  });

  it('put the unread total on the dock or taskbar badge as it changes', () => {
    const { events, badges } = desktop();
    events.emit('messenger.changed', { phones: [ANA], many: false, unread: 3, arrived: [{ phone: ANA, at: 1 }] });
    events.emit('messenger.changed', { phones: [ANA], many: false, unread: 0, arrived: [] });
    expect(badges).toEqual([3, 0]);
  });

  it('show nothing for a notice meant for no window in particular', () => {
    const { events, shown } = desktop();
    events.emit('messenger.notice', { phone: ANA, title: 't', body: 'b' });
    expect(shown).toEqual([]);
  });
});
