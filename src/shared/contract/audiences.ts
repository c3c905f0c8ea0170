import { z } from 'zod';
import { audienceSelectionSchema, classSummarySchema, familySummarySchema, tagSummarySchema } from './contacts';
import { defineChannels } from './define';
import { MAX_BODY_CHARS, MAX_RECIPIENTS, queuedSendSchema, reasonSchema, sendEstimateSchema, sendTimingSchema } from './sending';
import { mergeFieldNames } from '../sms/merge-fields';

/** Who a text from Compose goes to: people chosen from the contact book, numbers pasted, or both. */
export const composeAudienceSchema = z.object({
  selection: audienceSelectionSchema.default({}),
  pasted: z.array(z.string().max(40)).max(MAX_RECIPIENTS).default([]),
}).strict();
export type ComposeAudience = z.input<typeof composeAudienceSchema>;

export const exclusionReasons = ['opted_out', 'never_opted_in', 'invalid', 'duplicate'] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

const person = z.object({ name: z.string(), phone: z.string() });
/** Lists of people in a preflight stop at this many; each count covers everyone. */
export const PREFLIGHT_NAMES = 50;
/** Recipients whose text the preview can show. */
export const PREVIEW_RECIPIENTS = 200;

export const personalPreviewSchema = z.object({
  phone: z.string(),
  name: z.string(),
  /** Exactly what the carrier receives: header, the message with its fields filled in, footer. */
  text: z.string(),
  segments: z.number().int(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  characters: z.number().int(),
  empty: z.array(z.enum(mergeFieldNames)),
});
export type PersonalPreview = z.infer<typeof personalPreviewSchema>;

/**
 * Everything Compose shows before a send with an audience or merge fields, worked out by main
 * with the rules and the `measureSms` the send uses. `segmentsPerRecipient` is the longest text.
 */
export const preflightSchema = sendEstimateSchema.extend({
  excluded: z.array(z.object({ reason: z.enum(exclusionReasons), count: z.number().int(), people: z.array(person) })),
  histogram: z.array(z.object({ segments: z.number().int(), count: z.number().int() })),
  maxParts: z.number().int(),
  tooLong: z.object({ count: z.number().int(), people: z.array(person.extend({ segments: z.number().int() })) }),
  ucs2: z.object({ inMessage: z.array(z.string()), inNames: z.array(z.string()), recipients: z.number().int() }),
  emptyFields: z.array(z.object({ field: z.enum(mergeFieldNames), count: z.number().int(), people: z.array(person) })),
  unknownFields: z.array(z.string()),
  /** Credits if look-alike characters in the message were made plain (the one-click fix); null when there are none. */
  plainCredits: z.number().int().nullable(),
  /** The first recipients' texts, and the asked-for one (`previewPhone`) first when it is among them. */
  previews: z.array(personalPreviewSchema),
});
export type Preflight = z.infer<typeof preflightSchema>;

const messageBody = z
  .string()
  .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`);

export const savedAudienceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  selection: audienceSelectionSchema,
  updatedAt: z.number().int(),
});
export type SavedAudience = z.infer<typeof savedAudienceSchema>;

const audienceName = z.string().trim().min(1, 'Give the audience a name.').max(80, 'Keep the name under 80 characters.');

export const audienceChannels = defineChannels({
  /** What the pickers offer: classes, tags and families from the contact book, and saved audiences. */
  'audiences.choices': {
    access: 'sendMassSms',
    input: z.void(),
    output: z.object({ classes: z.array(classSummarySchema), tags: z.array(tagSummarySchema), families: z.array(familySummarySchema), saved: z.array(savedAudienceSchema) }),
  },
  'audiences.preflight': {
    access: 'sendMassSms',
    input: z.object({ audience: composeAudienceSchema, body: messageBody, previewPhone: z.string().max(40).optional() }).strict(),
    output: preflightSchema,
  },
  /** Sends each recipient their own text; refused while a text is too long or a `{field}` is unknown. */
  'audiences.send': {
    access: 'sendMassSms',
    audited: true,
    input: z.object({
      audience: composeAudienceSchema,
      body: messageBody.refine((text) => text.trim().length > 0, 'Write a message first.'),
      timing: sendTimingSchema.default({ kind: 'now' }),
      overrideReason: reasonSchema.optional(),
    }).strict(),
    output: queuedSendSchema,
  },
  'audiences.save': {
    access: 'sendMassSms',
    audited: true,
    input: z.object({ id: z.number().int().positive().max(1e12).optional(), name: audienceName, selection: audienceSelectionSchema }).strict(),
    output: savedAudienceSchema,
  },
  'audiences.remove': { access: 'sendMassSms', audited: true, input: z.object({ id: z.number().int().positive().max(1e12) }).strict(), output: z.object({ removed: z.boolean() }) },
});
