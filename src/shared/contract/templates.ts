import { z } from 'zod';
import { defineChannels } from './define';
import { MAX_BODY_CHARS } from './sending';

export const templateSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The message with its merge fields, as staff wrote it (header and footer are added when sent). */
  body: z.string(),
  updatedAt: z.number().int(),
  updatedBy: z.string().nullable(),
});
export type Template = z.infer<typeof templateSchema>;

export const templateInputSchema = z.object({
  id: z.number().int().positive().max(1e12).optional(),
  name: z.string().trim().min(1, 'Give the template a name.').max(80, 'Keep the name under 80 characters.'),
  body: z
    .string()
    .max(MAX_BODY_CHARS, `A message can be at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`)
    .refine((text) => text.trim().length > 0, 'Write the message.'),
}).strict();

/** Policy texts are long enough for a web page and short enough to read at the desk. */
export const MAX_POLICY_CHARS = 8000;

export const smsPolicySchema = z.object({
  /** For families: what is sent, how often, how to opt out, rates. Shown where staff opt a number in; published on the website. */
  familyPolicy: z.string(),
  /** For staff: how to text families. Shown beside the composer. */
  staffGuidelines: z.string(),
  /** Null while the starter texts have not been saved by an admin. */
  updatedAt: z.number().int().nullable(),
  updatedBy: z.string().nullable(),
});
export type SmsPolicy = z.infer<typeof smsPolicySchema>;

const policyText = (what: string) =>
  z.string().trim().min(1, `Write the ${what}.`).max(MAX_POLICY_CHARS, `Keep the ${what} under ${MAX_POLICY_CHARS.toLocaleString('en-US')} characters.`);

export const templateChannels = defineChannels({
  /** Shared by every staff member. */
  'templates.list': { access: 'signedIn', input: z.void(), output: z.array(templateSchema) },
  'templates.save': { access: 'sendMassSms', audited: true, input: templateInputSchema, output: templateSchema },
  'templates.remove': { access: 'sendMassSms', audited: true, input: z.object({ id: z.number().int().positive().max(1e12) }).strict(), output: z.object({ removed: z.boolean() }) },
  'policy.get': { access: 'signedIn', input: z.void(), output: smsPolicySchema },
  'policy.save': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ familyPolicy: policyText('family SMS policy'), staffGuidelines: policyText('staff guidelines') }).strict(),
    output: smsPolicySchema,
  },
  /** The family SMS policy for the website: plain text and a small HTML page. */
  'policy.export': { access: 'signedIn', input: z.void(), output: z.object({ text: z.string(), html: z.string() }) },
});
