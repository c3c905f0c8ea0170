import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { DataArea, MESSAGE_PAGE_SIZE, SEARCH_PAGE_SIZE, THREAD_PAGE_SIZE, type ChannelInput, type ChannelOutput, type ThreadFilter, type ThreadView } from '../../../shared/contract';
import { expectEcho } from './messenger-echoes';
import { callChannel, QueryScope, useChannelMutation, useChannelQuery, type InputArgs } from './use-channel';

const scope = QueryScope.messengerCenter;

/**
 * Under their own scope, not `messenger`: main's messenger.changed says which conversations
 * changed (see messenger-events.ts), and only those are read again.
 */
export const messengerKeys = {
  lists: [scope, 'threads'] as const,
  threads: (filter: ThreadFilter) => [scope, 'threads', filter] as const,
  searches: [scope, 'search'] as const,
  search: (query: string) => [scope, 'search', query] as const,
  threadViews: [scope, 'thread'] as const,
  thread: (phone: string) => [scope, 'thread', phone] as const,
  unread: [scope, 'unread'] as const,
  assignees: [scope, 'assignees'] as const,
};

export type ThreadPage = ChannelOutput<'messenger.threads'>;
export type SearchPage = ChannelOutput<'messenger.search'>;

/** How long typing must pause before a search goes to main. */
export const SEARCH_PAUSE_MS = 250;

/** Resolves after `ms`, or rejects as soon as react-query gives the query up (a newer key replaced it). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}

/** The conversations matching a filter, one keyset page at a time, latest reply first. */
export const useThreadPages = (filter: ThreadFilter) =>
  useInfiniteQuery({
    queryKey: messengerKeys.threads(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => callChannel('messenger.threads', { filter, cursor: pageParam, limit: THREAD_PAGE_SIZE }),
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

/**
 * Every message matching what was typed. Each keystroke makes a new query that first waits for a
 * pause; the one it replaces is aborted during its wait, so only the last words reach main.
 */
export const useSearch = (query: string) => {
  const words = query.trim();
  return useInfiniteQuery({
    queryKey: messengerKeys.search(words),
    enabled: words !== '',
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      if (pageParam === null) await pause(SEARCH_PAUSE_MS, signal);
      return callChannel('messenger.search', { query: words, cursor: pageParam, limit: SEARCH_PAGE_SIZE });
    },
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
};

/** The latest texts to and from a number (a contact's page); under the conversation's key, so its changes reach it. */
export const useThread = (phone: string) => useChannelQuery('messenger.thread', [...messengerKeys.thread(phone), 'latest'], { phone, limit: 20 });

/** One conversation: its newest page first, older pages as the person scrolls back. */
export const useConversation = (phone: string) =>
  useInfiniteQuery({
    queryKey: messengerKeys.thread(phone),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => callChannel('messenger.thread', { phone, before: pageParam, limit: MESSAGE_PAGE_SIZE }),
    getNextPageParam: (page) => page.olderCursor,
  });

/** Kept current by main's messenger.changed, which carries the new total: no call per change. */
export const useUnreadReplies = (enabled: boolean) => useChannelQuery('messenger.unreadCount', messengerKeys.unread, undefined, { enabled, staleTime: 60_000 });

export const useAssignees = (enabled: boolean) => useChannelQuery('messenger.assignees', messengerKeys.assignees, undefined, { enabled, staleTime: 60_000 });

/** Writes a conversation's new state (the answer of handled, assign, note) over its newest page. */
function storeView(client: QueryClient, view: ThreadView) {
  client.setQueryData<InfiniteData<ThreadView, string | null>>(messengerKeys.thread(view.phone), (data) =>
    data ? { ...data, pages: [view, ...data.pages.slice(1)] } : { pages: [view], pageParams: [null] },
  );
}

/** Sets one conversation's unread count to 0 in every list already on screen, without asking main. */
function markRowRead(client: QueryClient, phone: string) {
  client.setQueriesData<InfiniteData<ThreadPage, string | null>>({ queryKey: messengerKeys.lists }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, threads: page.threads.map((t) => (t.phone === phone ? { ...t, unread: 0 } : t)) })) } : data,
  );
}

/**
 * Reading a conversation: its row and the badge change in place and nothing is asked again; main's
 * messenger.changed about it is expected (it may arrive before the answer) and skipped.
 */
export const useMarkRead = () => {
  const client = useQueryClient();
  return useMutation<ChannelOutput<'messenger.markRead'>, Error, string>({
    mutationFn: (phone) => {
      expectEcho(phone);
      markRowRead(client, phone);
      return callChannel('messenger.markRead', { phone });
    },
    onSuccess: (output) => client.setQueryData(messengerKeys.unread, output),
  });
};

type ViewChannel = 'messenger.setHandled' | 'messenger.assign' | 'messenger.addNote';

/**
 * A change to one conversation made here: main answers with its new state, which is stored as is;
 * the lists are read once (a row's label or filter changed) and main's echo of it is skipped.
 */
function useConversationChange<C extends ViewChannel>(channel: C, refreshLists: boolean) {
  const client = useQueryClient();
  return useMutation<ThreadView, Error, ChannelInput<C>>({
    mutationFn: (input) => {
      expectEcho(input.phone);
      return callChannel(channel, ...([input] as InputArgs<C>));
    },
    onSuccess: (view) => {
      storeView(client, view);
      if (refreshLists) {
        void client.invalidateQueries({ queryKey: messengerKeys.lists });
        void client.invalidateQueries({ queryKey: messengerKeys.searches });
      }
    },
  });
}

export const useSetHandled = () => useConversationChange('messenger.setHandled', true);
export const useAssign = () => useConversationChange('messenger.assign', true);
export const useAddNote = () => useConversationChange('messenger.addNote', false);
// A reply is a send: the credits and the list of sends change too.
export const useReplyInThread = () => useChannelMutation('messenger.reply', { refresh: [messengerKeys.lists, [DataArea.sends], [DataArea.credits]] });
// A text that came in may be a STOP or START: consent changes with it.
const refreshAfterIncoming = { refresh: [messengerKeys.lists, messengerKeys.threadViews, [DataArea.consent]] };
export const useCheckNow = () => useChannelMutation('messenger.checkNow', refreshAfterIncoming);
export const useSimulateReply = () => useChannelMutation('messenger.simulateReply', refreshAfterIncoming);
/** Tells main a conversation is open (replies are then checked for often); the answer does not matter. */
export const useViewing = () => useChannelMutation('messenger.viewing');
