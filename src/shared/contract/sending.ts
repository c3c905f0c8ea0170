import { z } from 'zod';
import { defineChannels } from './define';
import { modeSchema } from './mode';
import { audienceSelectionSchema } from './audience-selection';

/** Longest body staff may type; Twilio refuses more than 1,600 characters once header and footer are added. */
export const MAX_BODY_CHARS = 1600;
/** One send reaches at most this many phone numbers (SPEC §5: a whole school, with room). */
export const MAX_RECIPIENTS = 20_000;

export const creditBalanceSchema = z.object({
  mode: modeSchema,
  /** Credits that can be spent now: purchases, grants and adjustments minus debits and holds. */
  available: z.number().int(),
  /** Held for messages queued but not yet taken by the carrier. */
  reserved: z.number().int(),
});
export type CreditBalance = z.infer<typeof creditBalanceSchema>;

/** A reason kept in the audit log (an adjustment, sending outside hours): screens check it with this same schema. */
export const REASON_MAX_CHARS = 200;
export const reasonSchema = z.string().trim().min(3, 'Say why in a few words.').max(REASON_MAX_CHARS, `Keep the reason under ${REASON_MAX_CHARS} characters.`);
const reason = reasonSchema;

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

/** A send may be scheduled at most a year ahead; main checks it against its own clock. */
export const MAX_SCHEDULE_AHEAD_MS = 365 * 24 * 60 * 60 * 1000;
export const SCHEDULE_TOO_FAR = 'A send can be scheduled at most a year ahead. Choose an earlier date.';
/**
 * Any scheduled time lies in this window whatever the clock says. Without it a time such as 9e15
 * (past the last date a computer can show) was stored, and every screen listing the send broke.
 */
const EARLIEST_SCHEDULE = Date.UTC(2020, 0, 1);
const LATEST_SCHEDULE = Date.UTC(2100, 0, 1);

/** When a mass send goes out. `next_opening` waits for Available SMS Hours; `at` is UTC ms. */
export const sendTimingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }).strict(),
  z.object({ kind: z.literal('next_opening') }).strict(),
  z.object({
    kind: z.literal('at'),
    at: z.number().int().min(EARLIEST_SCHEDULE, 'That time has passed. Choose a later one, or send it now.').max(LATEST_SCHEDULE, SCHEDULE_TOO_FAR),
  }).strict(),
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
  /** The start of the message as staff wrote it (without header and footer), to recognise the send. */
  preview: z.string(),
  createdAt: z.number().int(),
  /** Not before this time (scheduled, or waiting for Available SMS Hours); null = as soon as possible. */
  notBefore: z.number().int().nullable(),
  recipients: z.number().int(),
  creditsPerRecipient: z.number().int(),
  counts: z.record(z.enum(outboxStates), z.number().int()),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const sendFailureSchema = z.object({
  to: z.string(),
  state: z.enum(['failed', 'undelivered', 'canceled']),
  errorCode: z.number().int().nullable(),
  /** In words a front desk understands; null when the carrier gave none. */
  reason: z.string().nullable(),
});
export type SendFailure = z.infer<typeof sendFailureSchema>;
/** A send's report lists at most this many failures; the counts cover all of them. */
export const MAX_FAILURES_LISTED = 500;

export const queuedSendSchema = z.object({
  batch: batchSummarySchema,
  /** Numbers left out, each with the reason (invalid, duplicate merged, opted out). */
  skipped: z.array(z.object({ input: z.string(), reason: z.string() })),
  balance: creditBalanceSchema,
});
export type QueuedSend = z.infer<typeof queuedSendSchema>;

export const sendEstimateInputSchema = z.object({
  recipients: z.array(z.string().max(40)).max(MAX_RECIPIENTS),
  body: z.string().max(MAX_BODY_CHARS),
}).strict();

/**
 * An estimate lists this many of the entries left out, the most Compose shows; `skippedCount`
 * counts them all. The composer asks again each time typing pauses, and a list of 20,000 with
 * nobody opted in would otherwise carry 20,000 reasons to the window every time (11-28 ms of
 * copying on main for the window's IPC alone).
 */
export const SKIPPED_SHOWN = 200;

/**
 * What a mass send would do if sent now, worked out by main with the same rules `sends.create`
 * applies: who is reached, who is left out and why, what it costs, and whether it is within hours.
 */
export const sendEstimateSchema = z.object({
  recipients: z.number().int(),
  /** The first entries left out, each with why: at most SKIPPED_SHOWN for pasted numbers (an audience's preflight lists more). */
  skipped: queuedSendSchema.shape.skipped,
  /** How many entries are left out in all. */
  skippedCount: z.number().int(),
  segmentsPerRecipient: z.number().int(),
  credits: z.number().int(),
  balance: creditBalanceSchema,
  /** Null when texts may go out now; otherwise when they next can (null inside: no hours set at all). */
  outsideHours: z.object({ nextOpening: z.number().int().nullable(), description: z.string() }).nullable(),
  canOverrideHours: z.boolean(),
});
export type SendEstimate = z.infer<typeof sendEstimateSchema>;

/** Why texts are not going out right now, if they are not (offline, no texting number, an account problem). */
export const sendingStatusSchema = z.object({
  paused: z.object({ reason: z.string(), until: z.number().int() }).nullable(),
  /** Texts waiting to be handed to the carrier in the current mode, counted exactly (main always says; absent reads as none). */
  waiting: z.number().int().optional(),
});
export type SendingStatus = z.infer<typeof sendingStatusSchema>;

export const consentStates = ['opted_in', 'opted_out'] as const;
/** A number's consent: 'never' until staff, a START reply or an import with consent opts it in. */
export const consentStateSchema = z.enum([...consentStates, 'never']);
export type ConsentState = z.infer<typeof consentStateSchema>;
export const consentSources = ['staff', 'import', 'keyword', 'carrier'] as const;

export const consentEntrySchema = z.object({ phone: z.string(), state: z.enum(consentStates), updatedAt: z.number().int() });
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

export const consentEventSchema = z.object({
  state: z.enum(consentStates),
  source: z.enum(consentSources),
  /** Who changed it, when a staff member did. */
  staffName: z.string().nullable(),
  at: z.number().int(),
});
export type ConsentEvent = z.infer<typeof consentEventSchema>;

export const CONSENT_PAGE = 50;

/** What staff typed in the To box: room for MAX_RECIPIENTS numbers written out long-hand. */
export const MAX_DRAFT_RECIPIENTS_CHARS = MAX_RECIPIENTS * 30;

export const draftSchema = z.object({
  to: z.string().max(MAX_DRAFT_RECIPIENTS_CHARS, 'The list of numbers is too long for one send.'),
  body: z.string().max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`),
  /** The classes, tags and families picked in Compose; left out when none are. */
  selection: audienceSelectionSchema.optional(),
}).strict();
export type Draft = z.infer<typeof draftSchema>;

export const sendingChannels = defineChannels({
  'credits.balance': { access: 'signedIn', input: z.void(), output: creditBalanceSchema },
  'credits.adjust': { access: 'adminAccess', audited: true, input: creditAdjustmentSchema, output: creditBalanceSchema },
  'sends.estimate': { access: 'sendMassSms', input: sendEstimateInputSchema, output: sendEstimateSchema },
  'sends.create': { access: 'sendMassSms', audited: true, input: massSendInputSchema, output: queuedSendSchema },
  'sends.list': { access: 'signedIn', input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(), output: z.array(batchSummarySchema) },
  'sends.failures': { access: 'signedIn', input: z.object({ batchId: z.number().int().positive() }).strict(), output: z.array(sendFailureSchema) },
  /** Sends the same message again, as a new send, to the numbers it failed to reach. */
  'sends.retryFailed': {
    access: 'sendMassSms',
    audited: true,
    input: z.object({ batchId: z.number().int().positive(), overrideReason: reason.optional() }).strict(),
    output: queuedSendSchema,
  },
  'sends.status': { access: 'signedIn', input: z.void(), output: sendingStatusSchema },
  'sends.cancel': { access: 'sendMassSms', audited: true, input: z.object({ batchId: z.number().int().positive() }).strict(), output: batchSummarySchema },
  /**
   * Needs Send Mass SMS (SPEC §1): opting in sends the signup text at once, spending a credit, and
   * puts the number in every mass send's reach. That is sending to families, not answering them in
   * a conversation (Messenger Center); a START reply opts a number in without anyone's permission.
   */
  'consent.optIn': {
    access: 'sendMassSms',
    input: z.object({ phone: z.string().max(40) }).strict(),
    output: z.object({ phone: z.string(), signupQueued: z.boolean() }),
  },
  /** The signed-in staff member's unsent text, kept as they type; an empty draft is removed. */
  'drafts.get': { access: 'sendMassSms', input: z.void(), output: draftSchema.extend({ updatedAt: z.number().int() }).nullable() },
  'drafts.save': { access: 'sendMassSms', input: draftSchema, output: z.object({ updatedAt: z.number().int().nullable() }) },
  'consent.list': {
    access: 'signedIn',
    input: z.object({
      /** Digits to look for anywhere in the number; other characters are ignored. */
      search: z.string().max(40).default(''),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    }).strict(),
    output: z.object({ entries: z.array(consentEntrySchema), total: z.number().int() }),
  },
  'consent.history': {
    access: 'signedIn',
    input: z.object({ phone: z.string().max(40) }).strict(),
    output: z.array(consentEventSchema),
  },
  'consent.optOut': { access: 'signedIn', input: z.object({ phone: z.string().max(40) }).strict(), output: z.object({ phone: z.string() }) },
});
