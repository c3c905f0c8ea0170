import { z } from 'zod';
import { sandboxTriggers } from '../../shared/sandbox/trigger-values.ts';

/**
 * Behaviour knobs. Defaults aim at a believable sandbox for a person clicking around; tests
 * and benchmarks change them through `start()` options or `POST /__sim/settings`.
 */
export const simSettingsSchema = z.object({
  /** Message segments per second per sender (a US long code does about 1). */
  mps: z.number().positive().default(1),
  /** Requests handled at once before Twilio-style 429 / 20429. */
  maxConcurrency: z.number().int().positive().default(100),
  /** Added to every API request before it is processed (makes concurrency limits reachable). */
  latencyMs: z.number().int().min(0).default(0),
  /** Share of outbound messages that end `undelivered` / `failed` (the rest are delivered). */
  undeliveredRate: z.number().min(0).max(1).default(0),
  failedRate: z.number().min(0).max(1).default(0),
  undeliveredErrorCodes: z.array(z.number().int()).min(1).default([30003, 30005, 30006, 30007]),
  failedErrorCodes: z.array(z.number().int()).min(1).default([30008]),
  /** Least time a message stays accepted/queued, even when its sender is idle. */
  queueMs: z.number().int().min(0).default(200),
  /** From leaving the queue (status `sending`) to `sent`, and from `sent` to the final status. */
  sendingMs: z.number().int().min(0).default(300),
  deliveryMs: z.number().int().min(0).default(1500),
  /**
   * How long a new message stays out of Messages *list* answers (fetching it by SID works at
   * once): Twilio's log is not instantly consistent, and reconciliation must survive that.
   */
  listLagMs: z.number().int().min(0).default(0),
  /** Backlog per sender beyond which Twilio refuses (21611) or drops (30001) messages: ~10 h. */
  maxQueueMs: z.number().int().positive().default(10 * 3600_000),
  /** Delay before a brand and the Trust Hub bundles behind it get their verdict. */
  brandReviewMs: z.number().int().min(0).default(20_000),
  profileReviewMs: z.number().int().min(0).default(10_000),
  /** EINs that fail with a Tax ID mismatch, and EINs whose brand never leaves PENDING. */
  taxIdMismatchEins: z.array(z.string()).default([sandboxTriggers.failingEin]),
  pendingForeverEins: z.array(z.string()).default([sandboxTriggers.undecidedEin]),
  /** Area codes with no numbers in stock. */
  emptyAreaCodes: z.array(z.string()).default([sandboxTriggers.emptyAreaCode]),
  numbersPerAreaCode: z.number().int().min(0).max(100).default(20),
  /** Extra `To` numbers answered with 21614 (besides `sandboxTriggers.landlineNumber`). */
  landlineNumbers: z.array(z.string()).default([]),
  /** Country calling codes the account may text (Geo Permissions); others get 21408. */
  allowedCallingCodes: z.array(z.string()).default(['1']),
  /**
   * When true, an outbound SMS whose sender is not in a Messaging Service with a VERIFIED US A2P
   * campaign fails with 30034, as Twilio has done for all US 10DLC traffic since 31 August 2023
   * (https://www.twilio.com/docs/api/errors/30034). The `isv` start option turns it on; off
   * otherwise so tests of sending mechanics need no registration.
   */
  enforceA2p: z.boolean().default(false),
  /** Delay before a campaign (Compliance/Usa2p) leaves IN_PROGRESS for VERIFIED or FAILED. */
  campaignReviewMs: z.number().int().min(0).default(20_000),
  /** A campaign whose MessageFlow contains one of these phrases fails with 30896 (opt-in not clear). */
  failingCampaignFlows: z.array(z.string()).default([sandboxTriggers.failingCampaignFlow]),
  /** Mixed into outcome draws so a run can be replayed. */
  seed: z.string().default('sms-desk'),
});

export type SimSettings = z.infer<typeof simSettingsSchema>;
export type SimSettingsInput = z.input<typeof simSettingsSchema>;

/**
 * Validates a partial update. Zod applies defaults even to optional keys, so only the keys the
 * caller actually sent are kept.
 */
export function parseSettingsPatch(raw: unknown): Partial<SimSettings> {
  const parsed = simSettingsSchema.partial().strict().parse(raw);
  const sent = new Set(typeof raw === 'object' && raw !== null ? Object.keys(raw) : []);
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.has(key))) as Partial<SimSettings>;
}
