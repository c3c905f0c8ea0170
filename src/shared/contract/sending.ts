import { z } from 'zod';
import { defineChannels } from './define';

/** Longest body staff may type; Twilio refuses more than 1,600 characters once header and footer are added. */
export const MAX_BODY_CHARS = 1600;
/** One send reaches at most this many phone numbers (SPEC §5: a whole school, with room). */
export const MAX_RECIPIENTS = 20_000;

export const creditBalanceSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  /** Credits that can be spent now: purchases, grants and adjustments minus debits and holds. */
  available: z.number().int(),
  /** Held for messages queued but not yet taken by the carrier. */
  reserved: z.number().int(),
});
export type CreditBalance = z.infer<typeof creditBalanceSchema>;

const reason = z.string().trim().min(3, 'Say why in a few words.').max(200, 'Keep the reason under 200 characters.');

export const creditAdjustmentSchema = z.object({
  credits: z
    .number()
    .int('Whole credits only.')
    .min(-1_000_000, 'At most 1,000,000 credits at once.')
    .max(1_000_000, 'At most 1,000,000 credits at once.')
    .refine((n) => n !== 0, 'Enter a number of credits other than zero.'),
  reason,
}).strict();

const body = z
  .string()
  .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`)
  .refine((text) => text.trim().length > 0, 'Write a message first.');

/** When a mass send goes out. `next_opening` waits for Available SMS Hours; `at` is UTC ms. */
export const sendTimingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }).strict(),
  z.object({ kind: z.literal('next_opening') }).strict(),
  z.object({ kind: z.literal('at'), at: z.number().int().positive() }).strict(),
]);
export type SendTiming = z.infer<typeof sendTimingSchema>;

export const massSendInputSchema = z.object({
  recipients: z.array(z.string().max(40)).min(1, 'Choose at least one recipient.').max(MAX_RECIPIENTS),
  body,
  timing: sendTimingSchema.default({ kind: 'now' }),
  /** Sending outside Available SMS Hours: needs Mass Text Availability Override; logged with this reason. */
  overrideReason: reason.optional(),
}).strict();
export type MassSendInput = z.input<typeof massSendInputSchema>;

export const sendBatchKinds = ['mass', 'reply', 'signup', 'automated'] as const;
export const outboxStates = ['queued', 'claimed', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'canceled'] as const;
export type OutboxState = (typeof outboxStates)[number];

export const batchSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(sendBatchKinds),
  createdAt: z.number().int(),
  /** Not before this time (scheduled, or waiting for Available SMS Hours); null = as soon as possible. */
  notBefore: z.number().int().nullable(),
  recipients: z.number().int(),
  creditsPerRecipient: z.number().int(),
  counts: z.record(z.enum(outboxStates), z.number().int()),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const queuedSendSchema = z.object({
  batch: batchSummarySchema,
  /** Numbers left out, each with the reason (invalid, duplicate merged, opted out). */
  skipped: z.array(z.object({ input: z.string(), reason: z.string() })),
  balance: creditBalanceSchema,
});
export type QueuedSend = z.infer<typeof queuedSendSchema>;

export const sendingChannels = defineChannels({
  'credits.balance': { access: 'signedIn', input: z.void(), output: creditBalanceSchema },
  'credits.adjust': { access: 'adminAccess', audited: true, input: creditAdjustmentSchema, output: creditBalanceSchema },
  'sends.create': { access: 'sendMassSms', input: massSendInputSchema, output: queuedSendSchema },
  'sends.reply': {
    access: 'messengerCenter',
    input: z.object({ to: z.string().max(40), body }).strict(),
    output: queuedSendSchema,
  },
  'sends.list': { access: 'signedIn', input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(), output: z.array(batchSummarySchema) },
  'sends.cancel': { access: 'sendMassSms', audited: true, input: z.object({ batchId: z.number().int().positive() }).strict(), output: batchSummarySchema },
  'consent.optIn': {
    access: 'signedIn',
    input: z.object({ phone: z.string().max(40) }).strict(),
    output: z.object({ phone: z.string(), signupQueued: z.boolean() }),
  },
  'consent.optOut': { access: 'signedIn', input: z.object({ phone: z.string().max(40) }).strict(), output: z.object({ phone: z.string() }) },
});
