import { MAX_THREAD_MESSAGES, type ThreadFilter, type ThreadMessage } from '../../../shared/contract';
import type { KeptReply, SentText, ThreadQuery } from '../ports/stores/messenger-store';

/** What staff typed in the search box: digits of a number ("617 555"), or words the family wrote. */
export function threadQuery(filter: ThreadFilter, search: string): ThreadQuery {
  const phoneDigits = /^[\d\s()+.-]+$/.test(search.trim()) ? search.replace(/\D/g, '') : '';
  const words = phoneDigits === '' ? search.trim().toLowerCase() : '';
  return { filter, phoneDigits, words };
}

/** Both sides of a conversation, oldest first: the family's replies and the texts sent to them. */
export function bothSides(replies: readonly KeptReply[], sent: readonly SentText[]): ThreadMessage[] {
  const messages: ThreadMessage[] = [
    ...replies.map((m): ThreadMessage => ({ direction: 'inbound', ...m })),
    ...sent.map((m): ThreadMessage => ({ direction: 'outbound', ...m })),
  ];
  return messages.sort((a, b) => a.at - b.at || a.id - b.id).slice(-MAX_THREAD_MESSAGES);
}
