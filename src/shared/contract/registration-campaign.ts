import { z } from 'zod';

/**
 * The A2P 10DLC campaign an admin registers on the Messaging Service, in SMS Desk's words. Limits
 * are Twilio's (twilio-node usAppToPerson.d.ts; twilio-api-notes.md §3.5 step 10): main and the
 * screen refuse what Twilio would refuse, with a sentence saying how to fix it.
 */
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `The ${label} needs at least ${min} characters.`)
    .max(max, `The ${label} can be at most ${max} characters.`);

/** Twilio: "Values must be alphanumeric. 255 character maximum." (for the whole list). */
const keywords = (label: string) =>
  z
    .array(z.string().trim().regex(/^[A-Za-z0-9]{1,30}$/, `Each ${label} keyword is one word of letters and digits.`))
    .min(1, `Add at least one ${label} keyword.`)
    .max(20, `Use at most 20 ${label} keywords.`)
    .refine((list) => list.join(',').length <= 255, `The ${label} keywords can be at most 255 characters together.`);

export const campaignFormSchema = z
  .object({
    /** A code from Twilio's list for this brand (registration.useCases), e.g. MIXED. */
    useCase: z.string().trim().regex(/^[A-Z0-9_]{2,40}$/, 'Choose what your texts are for.'),
    description: text('description', 40, 4096),
    /** How families agree to get texts (Twilio's MessageFlow). */
    messageFlow: text('description of how families sign up', 40, 2048),
    messageSamples: z
      .array(text('sample message', 20, 1024))
      .min(2, 'Add at least 2 sample messages.')
      .max(5, 'Use at most 5 sample messages.'),
    hasEmbeddedLinks: z.boolean(),
    hasEmbeddedPhone: z.boolean(),
    optInKeywords: keywords('sign-up'),
    optInMessage: text('sign-up reply', 20, 320),
    optOutKeywords: keywords('stop'),
    optOutMessage: text('stop reply', 20, 320),
    helpKeywords: keywords('help'),
    helpMessage: text('help reply', 20, 320),
  })
  .strict();
export type CampaignFormInput = z.input<typeof campaignFormSchema>;
export type CampaignFormValues = z.output<typeof campaignFormSchema>;

export const campaignStatusSchema = z.object({
  state: z.enum(['none', 'in_process', 'verified', 'failed']),
  /** Why it failed (Twilio's reason in plain words) or what is left while in review. */
  message: z.string().optional(),
  /** The campaign as last submitted, to prefill a fix-and-resubmit; null before the first. */
  form: campaignFormSchema.nullable().optional(),
});
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

/**
 * How the business meets Twilio (SPEC: account models).
 * - provider: SMS Desk's provider owns the parent account and its approved Primary Customer
 *   Profile; each business registers as a secondary profile under it.
 * - own_account: the business's own Twilio account, already registered in the Twilio Console;
 *   SMS Desk finds that registration and adopts it.
 */
export const accountModelSchema = z.enum(['provider', 'own_account']);
export type AccountModel = z.infer<typeof accountModelSchema>;

export const useCaseSchema = z.object({ code: z.string(), name: z.string(), description: z.string() });
export type UseCase = z.infer<typeof useCaseSchema>;

/** One Messaging Service found on the account, with what is registered on it. */
export const existingRegistrationSchema = z.object({
  messagingServiceSid: z.string(),
  friendlyName: z.string(),
  brand: z.object({ sid: z.string(), status: z.string() }).nullable(),
  campaign: z.object({ sid: z.string(), status: z.string(), useCase: z.string() }).nullable(),
  numbers: z.array(z.string()),
});
export type ExistingRegistration = z.infer<typeof existingRegistrationSchema>;

export const findExistingSchema = z.object({
  found: z.array(existingRegistrationSchema),
  /** What to do in the Twilio Console when nothing can be adopted yet; null when something can. */
  advice: z.string().nullable(),
});
export type FindExistingResult = z.infer<typeof findExistingSchema>;

const sid = (prefix: string) => z.string().trim().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), 'That registration was not found.');
export const adoptInputSchema = z.object({ messagingServiceSid: sid('MG') }).strict();

/** Whether texts can go out now, and if not, what is left, in words the composer can show. */
export const sendingReadinessSchema = z.object({ ready: z.boolean(), reason: z.string().nullable() });
export type SendingReadiness = z.infer<typeof sendingReadinessSchema>;
