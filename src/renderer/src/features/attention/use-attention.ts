import { useEffect } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { browserMode } from '../../api/browser-transport';
import { useReplyNotices, type ReplyNoticeHandlers } from '../../api/messenger-events';
import { useUnreadReplies } from '../../api/messenger-queries';
import { useUi } from '../../stores/ui-store';
import { useAttentionSettings } from './attention-store';
import { playChime } from './chime';

const APP_TITLE = 'SMS Desk';

/** The window's (or tab's) title with the unread count first, as mail and chat apps show it: "(3) SMS Desk". */
export const titleFor = (unread: number) => (unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE);

const noticeHandlers: ReplyNoticeHandlers = {
  notice: (notice) => {
    if (useAttentionSettings.getState().sound) playChime();
    if (!browserMode || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const note = new Notification(notice.title, { body: notice.body, tag: 'sms-desk-reply' });
    note.onclick = () => {
      window.focus();
      useUi.getState().openThread(notice.phone);
      note.close();
    };
  },
  open: (phone) => useUi.getState().openThread(phone),
};

/**
 * Getting a person's attention for replies: the unread count (kept current by main's events, no
 * polling) in the title, a chime unless turned off, and in a browser the Notifications API. On the
 * desktop main shows the system notification itself (its words chosen there, locked or not) and
 * asks for the conversation to be opened when it is clicked.
 */
export function useAttention(staff: StaffSummary): number {
  const allowed = staff.permissions.includes('messengerCenter');
  const unread = useUnreadReplies(allowed).data?.unread ?? 0;
  const shown = allowed ? unread : 0;
  useEffect(() => {
    document.title = titleFor(shown);
  }, [shown]);
  useEffect(() => () => void (document.title = APP_TITLE), []);
  useReplyNotices(allowed, noticeHandlers);
  return shown;
}
