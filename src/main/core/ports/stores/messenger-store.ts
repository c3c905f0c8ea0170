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

/** Which conversations to list: by the family's number, or by words in what they wrote. */
export interface ThreadQuery {
  filter: ThreadFilter;
  /** Digits anywhere in the number; '' matches no number. */
  phoneDigits: string;
  /** Words anywhere in the family's messages, lower case; '' matches no message. With both '', every conversation. */
  words: string;
}

export interface ThreadState extends ThreadSummary {
  handledAt: number | null;
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
 * (read and handled marks), staff notes, and how far the carrier's log has been read.
 */
export interface MessengerStore {
  /**
   * Keeps each reply not kept already (same carrier id), in the order given, and moves the
   * sync cursor to the newest of those newly kept. Returns the ones that were new.
   */
  recordReplies(mode: Mode, replies: readonly InboundReply[]): Promise<InboundReply[]>;
  /** The time of the newest reply kept from the carrier's log, or null before the first. */
  syncCursor(mode: Mode): Promise<number | null>;

  /** Conversations matching the query, latest first: at most `limit`, and how many matched. */
  threads(mode: Mode, query: ThreadQuery, limit: number): Promise<{ threads: ThreadSummary[]; total: number }>;
  /** One conversation's summary, or null if the number never texted in this mode. */
  thread(mode: Mode, phone: string): Promise<ThreadState | null>;
  /** The family's replies, the most recent `limit` of them, newest first. */
  replies(mode: Mode, phone: string, limit: number): Promise<KeptReply[]>;
  /** True once the number has texted the business in this mode: there is a conversation to answer. */
  hasTextedIn(mode: Mode, phone: string): Promise<boolean>;
  unreadTotal(mode: Mode): Promise<number>;

  /** Everything the family wrote so far is read. */
  markRead(mode: Mode, phone: string): Promise<void>;
  /** Handled covers the replies kept so far (one arriving later needs an answer again); null clears it. */
  setHandled(mode: Mode, phone: string, handling: Handling | null): Promise<void>;

  notes(mode: Mode, phone: string): Promise<ThreadNote[]>;
  /** Notes are never changed or removed once written. */
  addNote(mode: Mode, phone: string, note: { staffId: string; body: string; at: number }): Promise<void>;
}
