import { z } from 'zod';
import { defineChannels } from './define';
import { consentStateSchema, MAX_BODY_CHARS, outboxStates, queuedSendSchema } from './sending';

export const threadFilters = ['all', 'unread', 'needs_reply', 'assigned_to_me', 'handled'] as const;
export type ThreadFilter = (typeof threadFilters)[number];
/** One page of the thread list; the next page is asked for with `nextCursor`. */
export const THREAD_PAGE_SIZE = 50;
export const MAX_THREAD_PAGE = 200;
/** One page of a conversation's messages, newest page first; older ones with `olderCursor`. */
export const MESSAGE_PAGE_SIZE = 100;
export const MAX_MESSAGE_PAGE = 500;
export const SEARCH_PAGE_SIZE = 30;
export const MAX_SEARCH_CHARS = 200;
export const MAX_NOTE_CHARS = 1000;
/** Kept for older callers: the first page of a conversation holds at most this many messages. */
export const MAX_THREAD_MESSAGES = MAX_MESSAGE_PAGE;

/** Where the next page starts: opaque to the screen, handed back as it came. */
const cursor = z.string().max(300);

const staffRefSchema = z.object({ id: z.string(), name: z.string() });
export type StaffRef = z.infer<typeof staffRefSchema>;

export const threadSummarySchema = z.object({
  phone: z.string(),
  /** The contacts using this number (several when a family shares it); empty when none is known. */
  names: z.array(z.string()),
  lastAt: z.number().int(),
  /** The family's latest message. */
  lastBody: z.string(),
  unread: z.number().int(),
  /** The family's latest message is not handled yet. */
  needsReply: z.boolean(),
  /** Handled after the family's latest message: nothing waits for an answer. */
  handled: z.boolean(),
  handledBy: z.string().nullable(),
  handledAt: z.number().int().nullable(),
  assignedTo: staffRefSchema.nullable(),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadMessageSchema = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('inbound'),
    id: z.number().int(),
    body: z.string(),
    at: z.number().int(),
    keyword: z.enum(['opt_out', 'opt_in', 'help']).nullable(),
  }),
  z.object({
    direction: z.literal('outbound'),
    id: z.number().int(),
    body: z.string(),
    at: z.number().int(),
    kind: z.enum(['mass', 'reply', 'signup', 'automated']),
    state: z.enum(outboxStates),
    /** The carrier's reason when it failed. */
    problem: z.string().nullable(),
    staffName: z.string().nullable(),
  }),
]);
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const threadNoteSchema = z.object({ id: z.number().int(), body: z.string(), at: z.number().int(), staffName: z.string().nullable() });
export type ThreadNote = z.infer<typeof threadNoteSchema>;

export const threadViewSchema = z.object({
  phone: z.string(),
  names: z.array(z.string()),
  consent: consentStateSchema,
  handled: z.boolean(),
  handledBy: z.string().nullable(),
  handledAt: z.number().int().nullable(),
  assignedTo: staffRefSchema.nullable(),
  /** Oldest first: the newest page, or the page before `before`. */
  messages: z.array(threadMessageSchema),
  /** Hand back as `before` for the messages older than these; null when these reach the first. */
  olderCursor: cursor.nullable(),
  notes: z.array(threadNoteSchema),
});
export type ThreadView = z.infer<typeof threadViewSchema>;

/** A piece of a message around a search hit; `hit` pieces are the words that matched. */
export const snippetPartSchema = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof snippetPartSchema>;

export const searchHitSchema = z.object({
  phone: z.string(),
  names: z.array(z.string()),
  /** Which message matched: the family's reply or a text sent to them; null when the number itself matched. */
  direction: z.enum(['inbound', 'outbound']).nullable(),
  messageId: z.number().int().nullable(),
  at: z.number().int(),
  snippet: z.array(snippetPartSchema),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

const phone = z.string().max(40);
const body = z
  .string()
  .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`)
  .refine((text) => text.trim().length > 0, 'Write a message first.');

export const messengerChannels = defineChannels({
  /** Conversations matching the filter, latest reply first, one page at a time. */
  'messenger.threads': {
    access: 'messengerCenter',
    input: z.object({
      filter: z.enum(threadFilters).default('all'),
      cursor: cursor.nullable().default(null),
      limit: z.number().int().min(1).max(MAX_THREAD_PAGE).default(THREAD_PAGE_SIZE),
      /** Older callers: digits of the number, or words from the conversation. Prefer `messenger.search`. */
      search: z.string().max(MAX_SEARCH_CHARS).default(''),
    }).strict(),
    output: z.object({ threads: z.array(threadSummarySchema), nextCursor: cursor.nullable(), total: z.number().int() }),
  },
  /**
   * Every message, the family's and ours, matching all the words typed (each as the start of a
   * word), best match first. Digits alone also find the numbers that contain them. What was typed
   * is only ever words to find, never search syntax.
   */
  'messenger.search': {
    access: 'messengerCenter',
    input: z.object({ query: z.string().max(MAX_SEARCH_CHARS), cursor: cursor.nullable().default(null), limit: z.number().int().min(1).max(100).default(SEARCH_PAGE_SIZE) }).strict(),
    output: z.object({ hits: z.array(searchHitSchema), nextCursor: cursor.nullable() }),
  },
  'messenger.unreadCount': { access: 'signedIn', input: z.void(), output: z.object({ unread: z.number().int() }) },
  'messenger.thread': {
    access: 'messengerCenter',
    input: z.object({ phone, before: cursor.nullable().default(null), limit: z.number().int().min(1).max(MAX_MESSAGE_PAGE).default(MESSAGE_PAGE_SIZE) }).strict(),
    output: threadViewSchema,
  },
  'messenger.markRead': { access: 'messengerCenter', input: z.object({ phone }).strict(), output: z.object({ unread: z.number().int() }) },
  /** Handled (true) or reopened (false), with who and when. */
  'messenger.setHandled': { access: 'messengerCenter', input: z.object({ phone, handled: z.boolean() }).strict(), output: threadViewSchema },
  /**
   * Gives the conversation to a staff member with Messenger Center access, or to nobody (null).
   * Anyone with Messenger Center access may take one or let go of their own; Admin Access may give any to anyone.
   */
  'messenger.assign': { access: 'messengerCenter', audited: true, input: z.object({ phone, staffId: z.string().max(100).nullable() }).strict(), output: threadViewSchema },
  /** The staff a conversation can be given to: active, with Messenger Center access. */
  'messenger.assignees': { access: 'messengerCenter', input: z.void(), output: z.object({ staff: z.array(staffRefSchema) }) },
  'messenger.addNote': {
    access: 'messengerCenter',
    input: z.object({
      phone,
      body: z.string().trim().min(1, 'Write the note first.').max(MAX_NOTE_CHARS, `A note can be at most ${MAX_NOTE_CHARS.toLocaleString('en-US')} characters.`),
    }).strict(),
    output: threadViewSchema,
  },
  /**
   * Answers inside the conversation: never held back by Available SMS Hours; marks it handled.
   * Goes only to a number that texted in or opted in, never to one that opted out (FAILED_PRECONDITION with the reason).
   */
  'messenger.reply': { access: 'messengerCenter', input: z.object({ phone, body }).strict(), output: queuedSendSchema },
  /** Reads the carrier's log for replies now instead of at the next regular check. */
  'messenger.checkNow': { access: 'messengerCenter', input: z.void(), output: z.object({ received: z.number().int() }) },
  /**
   * The screen says which conversation is open (null: none): while one is, replies are checked
   * for often. Send again every minute or so while it stays open; it lapses after two minutes.
   */
  'messenger.viewing': { access: 'messengerCenter', input: z.object({ phone: phone.nullable() }).strict(), output: z.object({}) },
  /** Sandbox only: a family's reply, as if texted from `from`, to try the Messenger Center. */
  'messenger.simulateReply': {
    access: 'messengerCenter',
    input: z.object({ from: phone, body: z.string().min(1).max(MAX_BODY_CHARS) }).strict(),
    output: z.object({ received: z.number().int() }),
  },
});
