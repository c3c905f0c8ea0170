import { keepPreviousData } from '@tanstack/react-query';
import { DataArea, type ThreadFilter } from '../../../shared/contract';
import { useChannelMutation, useChannelQuery } from './use-channel';

/** Under the messenger area: main's data.changed for it (a new reply) refreshes them all. */
export const messengerKeys = {
  threads: (filter: ThreadFilter, search: string) => [DataArea.messenger, 'threads', filter, search] as const,
  thread: (phone: string) => [DataArea.messenger, 'thread', phone] as const,
  unread: [DataArea.messenger, 'unread'] as const,
};

export const useThreads = (filter: ThreadFilter, search: string) =>
  useChannelQuery('messenger.threads', messengerKeys.threads(filter, search), { filter, search }, { placeholderData: keepPreviousData });

export const useThread = (phone: string) => useChannelQuery('messenger.thread', messengerKeys.thread(phone), { phone });

export const useUnreadReplies = (enabled: boolean) => useChannelQuery('messenger.unreadCount', messengerKeys.unread, undefined, { enabled });

const refreshMessenger = { refresh: [[DataArea.messenger]] };
// A reply is a send: the credits and the list of sends change too.
const refreshAfterReply = { refresh: [[DataArea.messenger], [DataArea.sends], [DataArea.credits]] };
// A text that came in may be a STOP or START: consent changes with it.
const refreshAfterIncoming = { refresh: [[DataArea.messenger], [DataArea.consent]] };

export const useMarkRead = () => useChannelMutation('messenger.markRead', { ...refreshMessenger, input: (phone: string) => ({ phone }) });
export const useSetHandled = () => useChannelMutation('messenger.setHandled', refreshMessenger);
export const useAddNote = () => useChannelMutation('messenger.addNote', refreshMessenger);
export const useReplyInThread = () => useChannelMutation('messenger.reply', refreshAfterReply);
export const useCheckNow = () => useChannelMutation('messenger.checkNow', refreshAfterIncoming);
export const useSimulateReply = () => useChannelMutation('messenger.simulateReply', refreshAfterIncoming);
