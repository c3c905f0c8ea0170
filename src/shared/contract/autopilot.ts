import { z } from 'zod';
import { composeAudienceSchema } from './audiences';
import { weekdays } from './contacts';
import { defineChannels } from './define';
import { MAX_BODY_CHARS } from './sending';

/** A row id: bounded like every input. */
const rowId = z.number().int().positive().max(1e12);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 16:30.');
/** A wall-clock date and time in the business's time zone, as a date-time field gives it. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Pick a date and a time.');

/** Who a birthday workflow texts: the student's guardians, or the person whose birthday it is. */
export const birthdayRecipients = ['guardians', 'self'] as const;
export type BirthdayRecipients = (typeof birthdayRecipients)[number];

/**
 * When a workflow runs. Times are read on the business's wall clock (Settings → SMS time zone),
 * so "Tuesdays at 9:00" stays 9:00 across daylight-saving changes.
 */
export const triggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), at: localDateTime }).strict(),
  z.object({ kind: z.literal('weekly'), days: z.array(z.enum(weekdays)).min(1, 'Pick at least one day.').max(7), time }).strict(),
  /** Before each meeting of a class (its weekly schedule in Contacts → Classes). */
  z.object({ kind: z.literal('classSession'), classId: rowId, minutesBefore: z.number().int().min(0).max(7 * 24 * 60) }).strict(),
  /**
   * On birthdays, at this time. `texts`: 'guardians' — on a student's birthday, that student's
   * guardians get one text per phone, with {student_names} naming whose birthday it is; 'self' —
   * the person whose birthday it is (staff, adult students). Left out, 'self': what a workflow
   * saved before the choice existed did.
   */
  z.object({ kind: z.literal('birthday'), time, texts: z.enum(birthdayRecipients).default('self') }).strict(),
  /** Once per contact added (by hand or by import) after the workflow was made. */
  z.object({ kind: z.literal('newContact') }).strict(),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerKind = Trigger['kind'];

export const workflowInputSchema = z.object({
  id: rowId.nullable(),
  name: z.string().trim().min(1, 'Give the workflow a name.').max(80, 'Keep the name under 80 characters.'),
  trigger: triggerSchema,
  audience: composeAudienceSchema,
  body: z
    .string()
    .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`)
    .refine((text) => text.trim().length > 0, 'Write the message.'),
  enabled: z.boolean(),
}).strict();
export type WorkflowInput = z.input<typeof workflowInputSchema>;

export const workflowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  trigger: triggerSchema,
  audience: composeAudienceSchema,
  body: z.string(),
  enabled: z.boolean(),
  /** Why it stopped by itself ('credits': the balance could not pay a run); null while it runs. */
  pausedReason: z.enum(['credits']).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.number().int(),
  /** The next run, UTC ms; null when none is coming (off, paused, a date passed, or a new-contact trigger). */
  nextRun: z.number().int().nullable(),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const runOutcomes = ['queued', 'skipped', 'failed'] as const;
export const runSchema = z.object({
  id: z.number().int(),
  /** When the trigger fell due (UTC ms). */
  occurrenceAt: z.number().int(),
  /** When the desk handled it. */
  ranAt: z.number().int(),
  outcome: z.enum(runOutcomes),
  /** Texts queued. */
  texts: z.number().int(),
  credits: z.number().int(),
  /** People left out (opted out, never opted in, no number). */
  leftOut: z.number().int(),
  /** Why it was skipped or failed, in plain words; or where the texts wait (outside Available SMS Hours). */
  note: z.string().nullable(),
  batchId: z.number().int().nullable(),
});
export type WorkflowRun = z.infer<typeof runSchema>;

export const previewRunSchema = z.object({
  at: z.number().int(),
  /** When the texts can go out: `at`, or the next opening of Available SMS Hours. */
  sendsAt: z.number().int().nullable(),
  recipients: z.number().int(),
  credits: z.number().int(),
});
export type PreviewRun = z.infer<typeof previewRunSchema>;

const idInput = z.object({ id: rowId }).strict();

export const autopilotChannels = defineChannels({
  'autopilot.list': { access: 'signedIn', input: z.void(), output: z.array(workflowSchema) },
  'autopilot.save': { access: 'sendMassSms', audited: true, input: workflowInputSchema, output: workflowSchema },
  /** Turning a workflow on also lifts a pause for credits. */
  'autopilot.setEnabled': { access: 'sendMassSms', audited: true, input: z.object({ id: rowId, enabled: z.boolean() }).strict(), output: workflowSchema },
  'autopilot.remove': { access: 'sendMassSms', audited: true, input: idInput, output: z.object({ removed: z.boolean() }) },
  /** Newest first. */
  'autopilot.runs': { access: 'signedIn', input: idInput, output: z.array(runSchema) },
  /** The next 10 runs of a saved workflow, or of the one being edited. */
  'autopilot.preview': {
    access: 'signedIn',
    input: z.object({ trigger: triggerSchema, audience: composeAudienceSchema, body: z.string().max(MAX_BODY_CHARS) }).strict(),
    output: z.array(previewRunSchema),
  },
});
