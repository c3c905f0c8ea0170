import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChannelInput, ThreadFilter } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { useRefreshingMutation } from './refreshing-mutation';

/** Under 'messenger': main's data.changed with `areas: ['messenger']` (a new reply) refreshes them all. */
export const messengerKeys = {
  threads: (filter: ThreadFilter, search: string) => ['messenger', 'threads', filter, search] as const,
  thread: (phone: string) => ['messenger', 'thread', phone] as const,
  unread: ['messenger', 'unread'] as const,
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

const refreshMessenger = [['messenger']] as const;
// A reply is a send: the credits and the list of sends change too.
const refreshAfterReply = [['messenger'], ['sends'], ['credits']] as const;

export const useMarkRead = () => useRefreshingMutation((phone: string) => unwrap(bridge().call['messenger.markRead']({ phone })), refreshMessenger);
export const useSetHandled = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.setHandled'>) => unwrap(bridge().call['messenger.setHandled'](input)), refreshMessenger);
export const useAddNote = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.addNote'>) => unwrap(bridge().call['messenger.addNote'](input)), refreshMessenger);
export const useReplyInThread = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.reply'>) => unwrap(bridge().call['messenger.reply'](input)), refreshAfterReply);
export const useCheckNow = () => useRefreshingMutation(() => unwrap(bridge().call['messenger.checkNow']()), [['messenger'], ['consent']]);
export const useSimulateReply = () =>
  useRefreshingMutation((input: ChannelInput<'messenger.simulateReply'>) => unwrap(bridge().call['messenger.simulateReply'](input)), [['messenger'], ['consent']]);
