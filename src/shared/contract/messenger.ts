import { z } from 'zod';
import { defineChannels } from './define';
import { consentStateSchema, MAX_BODY_CHARS, outboxStates, queuedSendSchema } from './sending';

export const threadFilters = ['all', 'unread', 'needs_reply', 'handled'] as const;
export type ThreadFilter = (typeof threadFilters)[number];
/** The thread list shows the most recent conversations that match, up to this many. */
export const MAX_THREADS_LISTED = 500;
export const MAX_NOTE_CHARS = 1000;

export const threadSummarySchema = z.object({
  phone: z.string(),
  lastAt: z.number().int(),
  /** The family's latest message. */
  lastBody: z.string(),
  unread: z.number().int(),
  /** Handled after the family's latest message: nothing waits for an answer. */
  handled: z.boolean(),
  handledBy: z.string().nullable(),
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
  consent: consentStateSchema,
  handled: z.boolean(),
  handledBy: z.string().nullable(),
  handledAt: z.number().int().nullable(),
  /** Oldest first; the most recent MAX_THREAD_MESSAGES of them. */
  messages: z.array(threadMessageSchema),
  notes: z.array(threadNoteSchema),
});
export type ThreadView = z.infer<typeof threadViewSchema>;
export const MAX_THREAD_MESSAGES = 1000;

const phone = z.string().max(40);
const body = z
  .string()
  .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`)
  .refine((text) => text.trim().length > 0, 'Write a message first.');

export const messengerChannels = defineChannels({
  'messenger.threads': {
    access: 'messengerCenter',
    input: z.object({
      filter: z.enum(threadFilters).default('all'),
      /** Digits of the number, or words from any message in the conversation. */
      search: z.string().max(100).default(''),
    }).strict(),
    output: z.object({ threads: z.array(threadSummarySchema), total: z.number().int() }),
  },
  'messenger.unreadCount': { access: 'signedIn', input: z.void(), output: z.object({ unread: z.number().int() }) },
  'messenger.thread': { access: 'messengerCenter', input: z.object({ phone }).strict(), output: threadViewSchema },
  'messenger.markRead': { access: 'messengerCenter', input: z.object({ phone }).strict(), output: z.object({ unread: z.number().int() }) },
  'messenger.setHandled': { access: 'messengerCenter', input: z.object({ phone, handled: z.boolean() }).strict(), output: threadViewSchema },
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
  /** Sandbox only: a family's reply, as if texted from `from`, to try the Messenger Center. */
  'messenger.simulateReply': {
    access: 'messengerCenter',
    input: z.object({ from: phone, body: z.string().min(1).max(MAX_BODY_CHARS) }).strict(),
    output: z.object({ received: z.number().int() }),
  },
});
