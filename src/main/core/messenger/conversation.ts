import { AppError, type SnippetPart, type ThreadMessage } from '../../../shared/contract';
import { HIT_END, HIT_START, type KeptReply, type MessageCursor, type SearchCursor, type SentText, type ThreadCursor } from '../ports/stores/messenger-store';

/**
 * One page of a conversation, oldest first: the newest `limit` of the family's replies and the
 * texts sent to them (each side read `limit + 1` deep, newest first), and where the page before starts.
 */
export function bothSides(replies: readonly KeptReply[], sent: readonly SentText[], limit: number): { messages: ThreadMessage[]; older: MessageCursor | null } {
  const newestFirst: ThreadMessage[] = [
    ...replies.map((m): ThreadMessage => ({ direction: 'inbound', ...m })),
    ...sent.map((m): ThreadMessage => ({ direction: 'outbound', ...m })),
  ].sort((a, b) => b.at - a.at || rank(b) - rank(a) || b.id - a.id);
  const page = newestFirst.slice(0, limit);
  const oldest = page.at(-1);
  const older = newestFirst.length > limit && oldest !== undefined ? { at: oldest.at, direction: oldest.direction, id: oldest.id } : null;
  return { messages: page.reverse(), older };
}

/** At one time, a family's reply comes before the answer to it. */
const rank = (m: ThreadMessage): number => (m.direction === 'inbound' ? 0 : 1);

/** At most this many words of a search are used; each at most this long. */
const MAX_SEARCH_WORDS = 8;
const MAX_WORD_CHARS = 40;

/**
 * What staff typed in a search box, as the words to find: runs of letters, digits and accents,
 * lower case. Everything else separates words, so quotes, `*`, brackets and the like never reach
 * the search as syntax (the search index splits message text the same way).
 */
export function searchWords(typed: string): string[] {
  const words = typed.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS).map((w) => w.slice(0, MAX_WORD_CHARS));
}

/** The digits of a search that looks like part of a phone number ("617 555", "(617)"): 3 or more; '' otherwise. */
export function searchDigits(typed: string): string {
  const digits = typed.replace(/\D/g, '');
  return /^[\d\s()+.-]+$/.test(typed.trim()) && digits.length >= 3 ? digits : '';
}

/** A snippet with its hit marks, as plain pieces the screen shows without ever reading markup. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of snippet.split(HIT_START).entries()) {
    const [hit, rest] = i === 0 ? [null, piece] : splitOnce(piece, HIT_END);
    if (hit !== null && hit !== '') parts.push({ text: hit, hit: true });
    if (rest !== '') parts.push({ text: rest, hit: false });
  }
  return parts;
}

function splitOnce(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + mark.length)];
}

/*
 * Cursors go to the screen and come back as opaque strings; a tampered one is refused, never trusted.
 */
const badCursor = () => new AppError('INVALID_INPUT', 'That page is no longer available. Start from the top.');

export const threadCursor = {
  encode: (c: ThreadCursor): string => `${c.lastAt}|${c.phone}`,
  decode(text: string | null): ThreadCursor | null {
    if (text === null) return null;
    const match = /^(\d{1,16})\|(\+?\d{1,20})$/.exec(text);
    if (match === null) throw badCursor();
    return { lastAt: Number(match[1]), phone: match[2]! };
  },
};

export const messageCursor = {
  encode: (c: MessageCursor): string => `${c.at}|${c.direction === 'inbound' ? 'i' : 'o'}|${c.id}`,
  decode(text: string | null): MessageCursor | null {
    if (text === null) return null;
    const match = /^(\d{1,16})\|([io])\|(\d{1,16})$/.exec(text);
    if (match === null) throw badCursor();
    return { at: Number(match[1]), direction: match[2] === 'i' ? 'inbound' : 'outbound', id: Number(match[3]) };
  },
};

export const searchCursor = {
  encode: (c: SearchCursor): string => `${c.score}|${c.row}`,
  decode(text: string | null): SearchCursor | null {
    if (text === null) return null;
    const [score, row] = text.split('|').map(Number);
    if (score === undefined || row === undefined || !Number.isFinite(score) || !Number.isSafeInteger(row) || text.split('|').length !== 2) throw badCursor();
    return { score, row };
  },
};
