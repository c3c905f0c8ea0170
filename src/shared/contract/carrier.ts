import { z } from 'zod';
import { brandFormSchema } from '../registration/brand-form';
import { defineChannels } from './define';
import { modeSchema } from './mode';
import {
  accountModelSchema, adoptInputSchema, campaignFormSchema, campaignStatusSchema, findExistingSchema, sendingReadinessSchema, useCaseSchema,
} from './registration-campaign';

export * from './registration-campaign';

export const carrierStatusSchema = z.object({
  mode: modeSchema,
  liveCredentialsSaved: z.boolean(),
  liveConnectionTested: z.boolean(),
});
export type CarrierStatus = z.infer<typeof carrierStatusSchema>;

const brandStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('in_process'), submittedAt: z.number().int() }),
  z.object({ state: z.literal('approved') }),
  /** `updatesLeft`: how many more times Twilio lets this brand be fixed and resubmitted. */
  z.object({ state: z.literal('failed'), message: z.string(), updatesLeft: z.number().int().optional() }),
  z.object({ state: z.literal('timed_out') }),
  /** Twilio suspended the brand: only Twilio support can lift it. */
  z.object({ state: z.literal('suspended'), message: z.string() }),
]);

const phoneStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('no_number'), areaCode: z.string() }),
  z.object({ state: z.literal('in_process'), areaCode: z.string() }),
  z.object({ state: z.literal('assigned'), number: z.string() }),
]);

export const registrationViewSchema = z.discriminatedUnion('supported', [
  z.object({ supported: z.literal(false), country: z.string(), supportContact: z.string() }),
  z.object({
    supported: z.literal(true),
    form: z.record(z.string(), z.string()).nullable(),
    brand: brandStatusSchema,
    showReset: z.boolean(),
    phone: phoneStatusSchema,
    campaign: campaignStatusSchema,
    accountModel: accountModelSchema,
    /** A plain sentence when the account cannot register as chosen (e.g. no Primary Customer Profile). */
    accountNotice: z.string().nullable().optional(),
  }),
]);
export type RegistrationView = z.infer<typeof registrationViewSchema>;

const accountSid = z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'An Account SID starts with AC followed by 32 letters and digits.');
const authToken = z.string().trim().min(16, 'That Auth Token looks too short.').max(128);

export const carrierChannels = defineChannels({
  'carrier.status': { access: 'signedIn', input: z.void(), output: carrierStatusSchema },
  'carrier.setCredentials': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ accountSid, authToken }).strict(),
    output: carrierStatusSchema,
  },
  'carrier.clearCredentials': { access: 'adminAccess', audited: true, input: z.void(), output: carrierStatusSchema },
  'carrier.testConnection': {
    access: 'adminAccess',
    input: z.void(),
    output: z.object({ ok: z.boolean(), message: z.string() }),
  },
  'carrier.setMode': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ mode: modeSchema }).strict(),
    output: carrierStatusSchema,
  },
  'registration.get': { access: 'adminAccess', input: z.void(), output: registrationViewSchema },
  'registration.submitBrand': { access: 'adminAccess', audited: true, input: brandFormSchema, output: registrationViewSchema },
  'registration.refresh': { access: 'adminAccess', input: z.void(), output: registrationViewSchema },
  'registration.resetBrand': { access: 'adminAccess', audited: true, input: z.void(), output: registrationViewSchema },
  'registration.registerPhoneNumber': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ areaCode: z.string().trim().regex(/^[2-9]\d{2}$/, 'Enter a 3-digit US area code, e.g. 512.') }).strict(),
    output: registrationViewSchema,
  },
  /** Twilio's campaign use cases for this brand (GET …/Compliance/Usa2p/Usecases). */
  'registration.useCases': { access: 'adminAccess', input: z.void(), output: z.object({ useCases: z.array(useCaseSchema) }) },
  /** Good first answers for the campaign form, from the header, footer and signup message. */
  'registration.campaignDefaults': { access: 'adminAccess', input: z.void(), output: campaignFormSchema },
  'registration.submitCampaign': { access: 'adminAccess', audited: true, input: campaignFormSchema, output: registrationViewSchema },
  'registration.setAccountModel': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ accountModel: accountModelSchema }).strict(),
    output: registrationViewSchema,
  },
  /** Own Twilio account: the Messaging Services, brands, campaigns and numbers already there. */
  'registration.findExisting': { access: 'adminAccess', input: z.void(), output: findExistingSchema },
  'registration.adopt': { access: 'adminAccess', audited: true, input: adoptInputSchema, output: registrationViewSchema },
  /** Anyone signed in: the composer shows why texts cannot go yet. */
  'registration.sendingReadiness': { access: 'signedIn', input: z.void(), output: sendingReadinessSchema },
});
