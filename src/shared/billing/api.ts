import { z } from 'zod';
import { MAX_PURCHASE_CREDITS, MIN_PURCHASE_CREDITS } from './rates';

/**
 * The billing service's HTTP API (docs/billing-api.md). The service parses every request with
 * these schemas and the desk's adapter parses every answer with them, so a malformed or hostile
 * answer is refused before anything is granted. The desk never sends a price: the service
 * computes the amount from the rates table itself.
 */

/** Purchases and renewal packs are MIN_PURCHASE_CREDITS..MAX_PURCHASE_CREDITS (rates.ts): the cap bounds one charge. */
/** Recent purchases answered at most: start-up recovery needs only the last few days. */
export const MAX_RECENT_PURCHASES = 500;
/** Off-session renewals one business may be charged per rolling 24 hours. */
export const MAX_RENEWALS_PER_DAY = 5;

export const billingPaths = {
  purchases: '/v1/purchases',
  purchase: (purchaseId: string): string => `/v1/purchases/${encodeURIComponent(purchaseId)}`,
  autoRenew: '/v1/auto-renew',
  autoRenewSetup: '/v1/auto-renew/setup',
  renewals: '/v1/auto-renew/renewals',
  balance: '/v1/balance',
  stripeWebhook: '/stripe/webhook',
} as const;

export const currencySchema = z.enum(['USD', 'CAD', 'AUD', 'NZD', 'GBP']);
export const moneySchema = z.strictObject({
  minor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: currencySchema,
});

export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'Country must be a two-letter code such as US.');
const credits = z.number().int('Credits must be a whole number.');
const purchaseCredits = credits
  .min(MIN_PURCHASE_CREDITS, `Buy at least ${MIN_PURCHASE_CREDITS} credits.`)
  .max(MAX_PURCHASE_CREDITS, `Buy at most ${MAX_PURCHASE_CREDITS.toLocaleString('en-US')} credits at a time.`);

export const purchaseIdSchema = z.string().regex(/^pur_[A-Za-z0-9]{8,64}$/, 'Not a purchase id.');
/** A page the desk opens in the system browser: only http(s), never javascript: or file:. */
export const pageUrlSchema = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Not a web address.');

export const purchaseSchema = z.strictObject({
  purchaseId: purchaseIdSchema,
  status: z.enum(['open', 'paid', 'declined', 'expired']),
  credits: credits.positive().max(MAX_PURCHASE_CREDITS),
  total: moneySchema,
  checkoutUrl: pageUrlSchema.nullable(),
  createdAt: z.number().int().nonnegative(),
  paidAt: z.number().int().nonnegative().nullable(),
  failure: z.string().max(500).nullable(),
  kind: z.enum(['checkout', 'renewal']),
});
export type PurchaseAnswer = z.infer<typeof purchaseSchema>;

// POST /v1/purchases
export const createPurchaseRequestSchema = z.strictObject({
  credits: purchaseCredits,
  country: countrySchema,
  description: z.string().max(200).optional(),
});
export type CreatePurchaseRequest = z.infer<typeof createPurchaseRequestSchema>;
export const createPurchaseResponseSchema = purchaseSchema;

// GET /v1/purchases/:purchaseId
export const purchaseStatusResponseSchema = purchaseSchema;

// GET /v1/purchases?since=<ms>
export const recentPurchasesQuerySchema = z.strictObject({
  since: z.coerce.number().int('since must be a time in milliseconds.').nonnegative(),
});
export const recentPurchasesResponseSchema = z.strictObject({
  purchases: z.array(purchaseSchema).max(MAX_RECENT_PURCHASES),
});

// POST /v1/auto-renew/setup
export const autoRenewSetupRequestSchema = z.strictObject({
  thresholdCredits: credits.nonnegative().max(MAX_PURCHASE_CREDITS * 10),
  packCredits: purchaseCredits,
  country: countrySchema,
});
export type AutoRenewSetupRequest = z.infer<typeof autoRenewSetupRequestSchema>;
export const autoRenewSetupResponseSchema = z.strictObject({
  setupId: z.string().regex(/^setup_[A-Za-z0-9]{8,64}$/),
  setupUrl: pageUrlSchema,
});

// GET /v1/auto-renew, and the answer of DELETE /v1/auto-renew
export const autoRenewStateSchema = z.strictObject({
  status: z.enum(['off', 'needs_card', 'on', 'disabled']),
  thresholdCredits: credits.nonnegative().nullable(),
  packCredits: credits.positive().nullable(),
  card: z.string().max(100).nullable(),
  reason: z.string().max(500).nullable(),
});
export type AutoRenewStateAnswer = z.infer<typeof autoRenewStateSchema>;

// POST /v1/auto-renew/renewals
export const renewRequestSchema = z.strictObject({
  /** Names one crossing of the threshold; the same key never charges twice. */
  renewalKey: z.string().min(1).max(200).regex(/^[A-Za-z0-9:._-]+$/, 'A renewal key is letters, digits and : . _ - only.'),
});
export const renewResponseSchema = purchaseSchema;

// GET /v1/balance
export const purchaseBalanceResponseSchema = z.strictObject({
  paidPurchases: z.number().int().nonnegative(),
  paidCredits: z.number().int().nonnegative(),
  /** What was paid, one entry per currency used. */
  paidTotals: z.array(moneySchema).max(5),
});
export type PurchaseBalance = z.infer<typeof purchaseBalanceResponseSchema>;

export const billingErrorCodes = [
  'bad_request',
  'unauthorized',
  'not_found',
  'contact_support',
  'auto_renew_off',
  'rate_limited',
  'payment_provider_unavailable',
  'internal',
] as const;
export type BillingErrorCode = (typeof billingErrorCodes)[number];
/** Every failure answer: a code to act on and a plain sentence to show. */
export const billingErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(billingErrorCodes),
    message: z.string().max(1000),
  }),
});
export type BillingErrorBody = z.infer<typeof billingErrorSchema>;

/** One line naming what is wrong with a request, from zod's issues. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
