import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataArea, type ChannelInput, type ThreadFilter } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { useRefreshingMutation } from './refreshing-mutation';

/** Under the messenger area: main's data.changed for it (a new reply) refreshes them all. */
export const messengerKeys = {
  threads: (filter: ThreadFilter, search: string) => [DataArea.messenger, 'threads', filter, search] as const,
  thread: (phone: string) => [DataArea.messenger, 'thread', phone] as const,
  unread: [DataArea.messenger, 'unread'] as const,
};

export const useThreads = (filter: ThreadFilter, search: string) =>
  useQuery({
    queryKey: messengerKeys.threads(filter, search),
    queryFn: () => unwrap(bridge().call['messenger.threads']({ filter, search })),
    placeholderData: keepPreviousData,
  });

export const useThread = (phone: string) =>
  useQuery({ queryKey: messengerKeys.thread(phone), queryFn: () => unwrap(bridge().call['messenger.thread']({ phone })) });

export const useUnreadReplies = (enabled: boolean) =>
  useQuery({ queryKey: messengerKeys.unread, queryFn: () => unwrap(bridge().call['messenger.unreadCount']()), enabled });

const refreshMessenger = [[DataArea.messenger]] as const;
// A reply is a send: the credits and the list of sends change too.
const refreshAfterReply = [[DataArea.messenger], [DataArea.sends], [DataArea.credits]] as const;

export const useMarkRead = () => useRefreshingMutation((phone: string) => unwrap(bridge().call['messenger.markRead']({ phone })), refreshMessenger);
export const useSetHandled = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.setHandled'>) => unwrap(bridge().call['messenger.setHandled'](input)), refreshMessenger);
export const useAddNote = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.addNote'>) => unwrap(bridge().call['messenger.addNote'](input)), refreshMessenger);
export const useReplyInThread = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.reply'>) => unwrap(bridge().call['messenger.reply'](input)), refreshAfterReply);
export const useCheckNow = () => useRefreshingMutation(() => unwrap(bridge().call['messenger.checkNow']()), [[DataArea.messenger], [DataArea.consent]]);
export const useSimulateReply = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.simulateReply'>) => unwrap(bridge().call['messenger.simulateReply'](input)), [[DataArea.messenger], [DataArea.consent]]);
