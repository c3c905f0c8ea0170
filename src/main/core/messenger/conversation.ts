import { AppError, type SnippetPart, type ThreadMessage } from '../../../shared/contract';
import { type KeptReply, type MessageCursor, type SearchCursor, type SentText, type ThreadCursor } from '../ports/stores/messenger-store';

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

/** Letters, digits and accents, as the search index splits words (unicode61, accents folded). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Words shown either side of the first hit. */
const CONTEXT_WORDS = 8;

/**
 * The part of a message around the words searched for, as plain pieces with the matching words
 * marked (a word matches when it starts with one searched for, accents and case aside, as the
 * search did). Long messages are cut around the first hit with "…".
 */
export function snippetParts(body: string, words: readonly string[]): SnippetPart[] {
  const wanted = words.map(fold).filter((w) => w !== '');
  const spans = [...body.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: wanted.some((w) => fold(m[0]).startsWith(w)) }));
  const first = Math.max(0, spans.findIndex((w) => w.hit));
  const from = Math.max(0, first - CONTEXT_WORDS);
  const to = Math.min(spans.length, first + CONTEXT_WORDS * 2);
  const start = from === 0 ? 0 : spans[from]!.start;
  const end = to >= spans.length ? body.length : spans[to - 1]!.end;
  const parts: SnippetPart[] = from === 0 ? [] : [{ text: '…', hit: false }];
  let at = start;
  for (const span of spans.slice(from, to).filter((w) => w.hit)) {
    if (span.start > at) parts.push({ text: body.slice(at, span.start), hit: false });
    parts.push({ text: body.slice(span.start, span.end), hit: true });
    at = span.end;
  }
  if (end > at) parts.push({ text: body.slice(at, end), hit: false });
  if (end < body.length) parts.push({ text: '…', hit: false });
  return mergePlain(parts);
}

/** Neighbouring plain pieces as one. */
function mergePlain(parts: SnippetPart[]): SnippetPart[] {
  const merged: SnippetPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last !== undefined && !last.hit && !part.hit) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
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
