import type { EventPayload } from '../../shared/contract';
import type { App } from '../app/create-app';
import { followUnreadTotal } from './unread-total';

/** The part of Electron's Notification the desk uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** What the desktop host does with replies; index.ts passes Electron's own objects. */
export interface DesktopAttention {
  notify(options: { title: string; body: string; silent: boolean }): NotificationLike;
  /** The dock / taskbar badge (macOS, Linux launchers); 0 clears it. */
  setBadgeCount(count: number): void;
  /** Brings the window of this session to the front; false when it is gone. */
  focusWindow(sessionId: string): boolean;
}

/**
 * New replies on the desktop: a system notification per notice (main chose its words for that
 * window, locked or not; the window plays its own chime, so this one is silent), a click brings
 * the window forward and opens the conversation there, and the badge follows the unread total
 * from start.
 */
export function bindReplyNotifications(core: Pick<App, 'events' | 'unreadTotal'>, desktop: DesktopAttention): () => void {
  // Kept referenced until clicked or replaced, or the system may drop the click.
  let shown: NotificationLike | null = null;
  const stopBadge = followUnreadTotal(core, (unread) => desktop.setBadgeCount(unread));
  const stopNotices = core.events.subscribe((event, payload, sessionId) => {
    if (event !== 'messenger.notice' || sessionId === undefined) return;
    const notice = payload as EventPayload<'messenger.notice'>;
    const notification = desktop.notify({ title: notice.title, body: notice.body, silent: true });
    notification.on('click', () => {
      if (desktop.focusWindow(sessionId)) core.events.emit('messenger.open', { phone: notice.phone }, sessionId);
      if (shown === notification) shown = null;
    });
    notification.show();
    shown = notification;
  });
  return () => {
    stopBadge();
    stopNotices();
  };
}
