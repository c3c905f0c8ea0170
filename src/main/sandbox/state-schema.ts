import { z } from 'zod';

/**
 * Everything the simulator remembers, as zod schemas: the types come from here and a state
 * file read back from disk is parsed with the same schemas.
 */

const ms = z.number();
const attrs = z.record(z.string(), z.unknown());

export const finalStatusSchema = z.enum(['delivered', 'undelivered', 'failed']);
export type FinalStatus = z.infer<typeof finalStatusSchema>;

/** The whole future of an outbound message, fixed when it is accepted; status is derived from it. */
export const outboundPlanSchema = z.object({
  scheduledFor: ms.nullable(),
  canceledAt: ms.nullable(),
  /** Set when Twilio gives up before sending (30001 queue overflow, 30036 validity expired). */
  dropAt: ms.nullable(),
  dropCode: z.number().nullable(),
  /** When the sender's queue reaches this message (per-sender pacing). */
  slotAt: ms,
  sentAt: ms,
  finalAt: ms,
  finalStatus: finalStatusSchema,
  finalErrorCode: z.number().nullable(),
  sender: z.string().nullable(),
});
export type OutboundPlan = z.infer<typeof outboundPlanSchema>;

export const messageSchema = z.object({
  sid: z.string(),
  direction: z.enum(['inbound', 'outbound-api', 'outbound-reply']),
  to: z.string(),
  /** For Messaging Service sends Twilio fills `from` only once a sender picks the message up. */
  from: z.string().nullable(),
  body: z.string(),
  numSegments: z.number(),
  messagingServiceSid: z.string().nullable(),
  dateCreated: ms,
  plan: outboundPlanSchema.nullable(),
});
export type SimMessage = z.infer<typeof messageSchema>;

export const incomingNumberSchema = z.object({
  sid: z.string(),
  phoneNumber: z.string(),
  friendlyName: z.string(),
  smsUrl: z.string(),
  serviceSid: z.string().nullable(),
  serviceAttachedAt: ms.nullable(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type IncomingNumber = z.infer<typeof incomingNumberSchema>;

export const serviceSchema = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  inboundRequestUrl: z.string().nullable(),
  inboundMethod: z.string(),
  fallbackUrl: z.string().nullable(),
  fallbackMethod: z.string(),
  statusCallback: z.string().nullable(),
  stickySender: z.boolean(),
  mmsConverter: z.boolean(),
  smartEncoding: z.boolean(),
  fallbackToLongCode: z.boolean(),
  areaCodeGeomatch: z.boolean(),
  validityPeriod: z.number(),
  synchronousValidation: z.boolean(),
  usecase: z.string(),
  useInboundWebhookOnNumber: z.boolean(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type Service = z.infer<typeof serviceSchema>;

export const addressSchema = z.object({
  sid: z.string(),
  customerName: z.string(),
  friendlyName: z.string().nullable(),
  street: z.string(),
  streetSecondary: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  isoCountry: z.string(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type Address = z.infer<typeof addressSchema>;

export const bundleStatusSchema = z.enum(['draft', 'pending-review', 'in-review', 'twilio-rejected', 'twilio-approved']);
export type BundleStatus = z.infer<typeof bundleStatusSchema>;

/** Customer profiles (BU…) and trust products (BU…) share Twilio's "bundle" lifecycle. */
export const bundleSchema = z.object({
  sid: z.string(),
  kind: z.enum(['customer_profile', 'trust_product']),
  policySid: z.string(),
  friendlyName: z.string(),
  email: z.string(),
  statusCallback: z.string().nullable(),
  status: bundleStatusSchema,
  submittedAt: ms.nullable(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type Bundle = z.infer<typeof bundleSchema>;

export const endUserSchema = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  type: z.string(),
  attributes: attrs,
  dateCreated: ms,
  dateUpdated: ms,
});
export type EndUser = z.infer<typeof endUserSchema>;

export const supportingDocumentSchema = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  type: z.string(),
  attributes: attrs,
  dateCreated: ms,
  dateUpdated: ms,
});
export type SupportingDocument = z.infer<typeof supportingDocumentSchema>;

export const assignmentSchema = z.object({ sid: z.string(), bundleSid: z.string(), objectSid: z.string(), dateCreated: ms });
export type Assignment = z.infer<typeof assignmentSchema>;

export const evaluationSchema = z.object({
  sid: z.string(),
  bundleSid: z.string(),
  policySid: z.string(),
  compliant: z.boolean(),
  results: z.array(z.unknown()),
  dateCreated: ms,
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const brandErrorSchema = z.object({ code: z.number(), description: z.string(), fields: z.array(z.string()) });

export const brandSchema = z.object({
  sid: z.string(),
  customerProfileBundleSid: z.string(),
  a2pProfileBundleSid: z.string(),
  brandType: z.string(),
  mock: z.boolean(),
  skipAutomaticSecVet: z.boolean(),
  submittedAt: ms,
  /** Self-service resubmissions so far (POST /v1/a2p/BrandRegistrations/{BN}); Twilio allows three. */
  updates: z.number().int().min(0).default(0),
  /** Settled once, at the first look after the review delay, from the profile as it is then. */
  outcome: z
    .object({ status: z.enum(['APPROVED', 'FAILED', 'PENDING']), errors: z.array(brandErrorSchema), tcrId: z.string().nullable(), at: ms })
    .nullable(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type Brand = z.infer<typeof brandSchema>;

/** A US A2P campaign (QE…) on a Messaging Service: `Compliance/Usa2p`. */
export const campaignSchema = z.object({
  sid: z.string(),
  serviceSid: z.string(),
  brandSid: z.string(),
  usecase: z.string(),
  description: z.string(),
  messageFlow: z.string(),
  messageSamples: z.array(z.string()),
  hasEmbeddedLinks: z.boolean(),
  hasEmbeddedPhone: z.boolean(),
  optInMessage: z.string().nullable(),
  optOutMessage: z.string().nullable(),
  helpMessage: z.string().nullable(),
  optInKeywords: z.array(z.string()).nullable(),
  optOutKeywords: z.array(z.string()).nullable(),
  helpKeywords: z.array(z.string()).nullable(),
  subscriberOptIn: z.boolean().nullable(),
  ageGated: z.boolean(),
  directLending: z.boolean(),
  privacyPolicyUrl: z.string().nullable(),
  termsAndConditionsUrl: z.string().nullable(),
  submittedAt: ms,
  /** Settled once the review time has passed, like a brand's verdict. */
  outcome: z.object({ status: z.enum(['VERIFIED', 'FAILED']), errors: z.array(brandErrorSchema), at: ms }).nullable(),
  dateCreated: ms,
  dateUpdated: ms,
});
export type Campaign = z.infer<typeof campaignSchema>;

export const forcedOutcomeSchema = z.object({ status: finalStatusSchema, errorCode: z.number().nullable() });
export type ForcedOutcome = z.infer<typeof forcedOutcomeSchema>;
