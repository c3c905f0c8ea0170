import type { Mode, ThreadFilter, ThreadMessage, ThreadNote, ThreadSummary } from '../../../../shared/contract';
import type { Keyword } from '../../../../shared/sms/keywords';

/** A family's text as read from the carrier's log. */
export interface InboundReply {
  /** The carrier's id for the message: a reply read twice is kept once. */
  sid: string;
  phone: string;
  body: string;
  at: number;
  keyword: Keyword | null;
}

/** A conversation as the store keeps it; contact names are added by the caller. */
export type ThreadRecord = Omit<ThreadSummary, 'names'>;

/** Where a page of the thread list starts: after this conversation, newest first. */
export interface ThreadCursor {
  lastAt: number;
  phone: string;
}

export interface ThreadListQuery {
  filter: ThreadFilter;
  /** Whose conversations `assigned_to_me` means. */
  staffId: string;
  /** Only conversations with a message matching these words (see SearchQuery); empty: no such limit. */
  words: readonly string[];
  /** Only numbers containing these digits; '' for any. */
  phoneDigits: string;
}

/** Where a page of a conversation starts: messages older than this one (time, then inbound before outbound, then id). */
export interface MessageCursor {
  at: number;
  direction: 'inbound' | 'outbound';
  id: number;
}

/** What to find: every word, each as the start of a word; never search syntax. */
export interface SearchQuery {
  words: readonly string[];
  /** Also numbers containing these digits (first page only); '' for none. */
  phoneDigits: string;
}

/** Where a page of search hits starts: after this hit in rank order. */
export interface SearchCursor {
  score: number;
  row: number;
}

export interface SearchRecord {
  phone: string;
  direction: 'inbound' | 'outbound' | null;
  messageId: number | null;
  at: number;
  /** The message that matched (the family's latest one when the number matched). */
  body: string;
  cursor: SearchCursor | null;
}

/** Who handled a conversation, and when: it covers the replies kept so far. */
export interface Handling {
  staffId: string;
  at: number;
}

export type SentText = Omit<Extract<ThreadMessage, { direction: 'outbound' }>, 'direction'>;
export type KeptReply = Omit<Extract<ThreadMessage, { direction: 'inbound' }>, 'direction'>;

/**
 * The Messenger Center's records, per mode: families' replies, one conversation per number
 * (kept summary: latest reply, unread count, read, handled and assigned marks), staff notes, a
 * search index over every message, and how far the carrier's log has been read.
 */
export interface MessengerStore {
  /**
   * Keeps each reply not kept already (same carrier id), in the order given, and moves the
   * sync cursor to the newest of those newly kept. Returns the ones that were new.
   */
  recordReplies(mode: Mode, replies: readonly InboundReply[]): Promise<InboundReply[]>;
  /** Which of these carrier ids are kept already: a reader off main sends only the new ones over. */
  keptSids(sids: readonly string[]): Promise<string[]>;
  /** The time of the newest reply kept from the carrier's log, or null before the first. */
  syncCursor(mode: Mode): Promise<number | null>;

  /** One page of conversations, latest reply first, starting after `cursor`; and how many match in all. */
  threads(mode: Mode, query: ThreadListQuery, cursor: ThreadCursor | null, limit: number): Promise<{ threads: ThreadRecord[]; next: ThreadCursor | null; total: number }>;
  /** One conversation's summary, or null if the number never texted in this mode. */
  thread(mode: Mode, phone: string): Promise<ThreadRecord | null>;
  /** The family's replies older than `before` (all when null), the newest `limit` of them, newest first. */
  replies(mode: Mode, phone: string, before: MessageCursor | null, limit: number): Promise<KeptReply[]>;
  /** The texts sent to the number older than `before`, the newest `limit` of them, newest first. */
  sentTexts(mode: Mode, phone: string, before: MessageCursor | null, limit: number): Promise<SentText[]>;
  /** True once the number has texted the business in this mode: there is a conversation to answer. */
  hasTextedIn(mode: Mode, phone: string): Promise<boolean>;
  unreadTotal(mode: Mode): Promise<number>;
  /** Messages matching every word, best first, after `cursor`. */
  search(mode: Mode, query: SearchQuery, cursor: SearchCursor | null, limit: number): Promise<SearchRecord[]>;

  /** Everything the family wrote so far is read. */
  markRead(mode: Mode, phone: string): Promise<void>;
  /** Handled covers the replies kept so far (one arriving later needs an answer again); null reopens it. */
  setHandled(mode: Mode, phone: string, handling: Handling | null): Promise<void>;
  /** Gives the conversation to a staff member, or to nobody (null). */
  assign(mode: Mode, phone: string, assignment: { staffId: string; at: number } | null): Promise<void>;

  notes(mode: Mode, phone: string): Promise<ThreadNote[]>;
  /** Notes are never changed or removed once written. */
  addNote(mode: Mode, phone: string, note: { staffId: string; body: string; at: number }): Promise<void>;
}
