import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { DataArea, type EventPayload, type ThreadView } from '../../../shared/contract';
import { bridge } from './bridge';
import { isOwnEcho } from './messenger-echoes';
import { messengerKeys } from './messenger-queries';

/** An open conversation with a text still on its way follows a send's progress at most this often. */
const OUTBOUND_FOLLOW_MS = 2_000;
const finalStates = new Set(['delivered', 'undelivered', 'failed', 'canceled']);

/** What one messenger.changed refreshes: the badge from the event itself, then only what it names. */
export function applyMessengerChange(client: QueryClient, change: EventPayload<'messenger.changed'>): void {
  client.setQueryData(messengerKeys.unread, { unread: change.unread });
  // This window made the change and already shows it.
  if (!change.many && change.arrived.length === 0 && isOwnEcho(change.phones)) return;
  // Only lists and conversations on screen are read again; the others when next shown.
  void client.invalidateQueries({ queryKey: messengerKeys.lists });
  void client.invalidateQueries({ queryKey: messengerKeys.searches });
  if (change.many) void client.invalidateQueries({ queryKey: messengerKeys.threadViews });
  else for (const phone of change.phones) void client.invalidateQueries({ queryKey: messengerKeys.thread(phone) });
}

const inFlight = (data: InfiniteData<ThreadView> | undefined) =>
  data?.pages[0]?.messages.some((m) => m.direction === 'outbound' && !finalStates.has(m.state)) ?? false;

const lastFollow = new WeakMap<QueryClient, Map<string, number>>();

/**
 * A send's progress (data.changed for sends) reaches an open conversation only while one of its
 * own texts is still on its way, and then at most every OUTBOUND_FOLLOW_MS: a mass send of
 * thousands never makes the Messenger Center ask main again and again.
 */
export function followSendsInOpenThreads(client: QueryClient, areas: readonly string[], now = Date.now()): void {
  if (!areas.includes(DataArea.sends)) return;
  const last = lastFollow.get(client) ?? new Map<string, number>();
  lastFollow.set(client, last);
  for (const query of client.getQueryCache().findAll({ queryKey: messengerKeys.threadViews, type: 'active' })) {
    const key = query.queryHash;
    if (!inFlight(query.state.data as InfiniteData<ThreadView> | undefined) || now - (last.get(key) ?? 0) < OUTBOUND_FOLLOW_MS) continue;
    last.set(key, now);
    void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }
}

/** Main's pushes for the Messenger Center. */
export function connectMessengerEvents(client: QueryClient): () => void {
  return bridge().on('messenger.changed', (change) => applyMessengerChange(client, change));
}

export interface ReplyNoticeHandlers {
  /** New replies, worded by main for this window (no words while its desk is locked). */
  notice(notice: EventPayload<'messenger.notice'>): void;
  /** The desktop notice was clicked: open this conversation. */
  open(phone: string): void;
}

/** Hands main's reply notices to the screen while `enabled`; pass handlers that do not change. */
export function useReplyNotices(enabled: boolean, handlers: ReplyNoticeHandlers): void {
  useEffect(() => {
    if (!enabled) return;
    const offNotice = bridge().on('messenger.notice', handlers.notice);
    const offOpen = bridge().on('messenger.open', ({ phone }) => handlers.open(phone));
    return () => {
      offNotice();
      offOpen();
    };
  }, [enabled, handlers]);
}
