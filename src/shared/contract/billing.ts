import { z } from 'zod';
import { MAX_PURCHASE_CREDITS, MIN_PURCHASE_CREDITS } from '../billing/rates';
import { defineChannels } from './define';
import { modeSchema } from './mode';
import { accountModelSchema } from './registration-campaign';

export const moneyViewSchema = z.object({
  minor: z.number().int(),
  currency: z.enum(['USD', 'CAD', 'AUD', 'NZD', 'GBP']),
});

const purchaseCredits = z
  .number('Enter a number of credits.')
  .int('Whole credits only.')
  .min(MIN_PURCHASE_CREDITS, `Buy at least ${MIN_PURCHASE_CREDITS} credits.`)
  .max(MAX_PURCHASE_CREDITS, `Buy at most ${MAX_PURCHASE_CREDITS.toLocaleString('en-US')} credits at a time.`);

export const purchaseViewSchema = z.object({
  purchaseId: z.string(),
  status: z.enum(['open', 'paid', 'declined', 'expired']),
  kind: z.enum(['checkout', 'renewal']),
  credits: z.number().int(),
  total: moneyViewSchema,
  /** The checkout page while the purchase is open. */
  checkoutUrl: z.string().nullable(),
  createdAt: z.number().int(),
  /** The credits are in the balance. */
  granted: z.boolean(),
  failure: z.string().nullable(),
});
export type PurchaseView = z.infer<typeof purchaseViewSchema>;

export const autoRenewViewSchema = z.object({
  status: z.enum(['off', 'needs_card', 'on', 'disabled']),
  thresholdCredits: z.number().int().nullable(),
  packCredits: z.number().int().nullable(),
  card: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AutoRenewView = z.infer<typeof autoRenewViewSchema>;

export const historyKinds = ['purchase', 'renewal', 'send', 'refund', 'adjustment'] as const;
export type HistoryKindName = (typeof historyKinds)[number];
export const historyKindLabels: Record<HistoryKindName, string> = {
  purchase: 'Bought',
  renewal: 'Auto renew',
  send: 'Texts sent',
  refund: 'Refund',
  adjustment: 'Adjustment',
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date.');
export const historyFilterSchema = z
  .object({
    /** Days in the business's time zone, inclusive. */
    fromDay: day.nullable().default(null),
    toDay: day.nullable().default(null),
    kinds: z.array(z.enum(historyKinds)).max(historyKinds.length).default([]),
  })
  .strict()
  .refine((f) => f.fromDay === null || f.toDay === null || f.fromDay <= f.toDay, { message: 'The start date is after the end date.', path: ['toDay'] });

export const historyLineSchema = z.object({
  id: z.number().int(),
  kind: z.enum(historyKinds),
  credits: z.number().int(),
  at: z.number().int(),
  note: z.string().nullable(),
  staffName: z.string().nullable(),
});
export type HistoryLineView = z.infer<typeof historyLineSchema>;
/** The screen lists this many lines at most; the export has them all, up to MAX_EXPORT_LINES. */
export const MAX_HISTORY_LINES = 1000;
export const MAX_EXPORT_LINES = 100_000;

export const billingNoticeSchema = z.object({ id: z.number().int(), tone: z.enum(['info', 'problem']), message: z.string(), at: z.number().int() });

export const rateViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('priced'), perCredit: moneyViewSchema, monthlyFee: moneyViewSchema.nullable() }),
  z.object({ kind: z.literal('contactSupport'), supportEmail: z.string() }),
]);

export const billingOverviewSchema = z.object({
  mode: modeSchema,
  country: z.string(),
  /** `own_account`: the business pays Twilio directly; the screen shows the Twilio balance instead of buying. */
  accountModel: accountModelSchema,
  rate: rateViewSchema,
  packs: z.array(z.number().int()),
  available: z.number().int(),
  lowBalance: z.object({ low: z.boolean(), threshold: z.number().int() }),
  autoRenew: autoRenewViewSchema,
  /** Whether this desk can reach a billing service (Sandbox always; live once set up). */
  billingReady: z.boolean(),
});
export type BillingOverview = z.infer<typeof billingOverviewSchema>;

export const quoteViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('priced'),
    credits: z.number().int(),
    perCredit: moneyViewSchema,
    creditsCost: moneyViewSchema,
    monthlyFee: moneyViewSchema.nullable(),
    total: moneyViewSchema,
  }),
  z.object({ kind: z.literal('contactSupport'), credits: z.number().int(), supportEmail: z.string() }),
]);

export const billingChannels = defineChannels({
  /** What the Credits screen and the low-balance warning show; reading follows credits.balance. */
  'billing.overview': { access: 'signedIn', input: z.void(), output: billingOverviewSchema },
  'billing.quote': { access: 'signedIn', input: z.object({ credits: purchaseCredits }).strict(), output: quoteViewSchema },
  /** Opens a checkout page for the business's country rate (SPEC §3: Admin Access only). */
  'billing.createPurchase': { access: 'adminAccess', audited: true, input: z.object({ credits: purchaseCredits }).strict(), output: purchaseViewSchema },
  /** Asks the billing service what became of a purchase, and grants it once if paid. */
  'billing.purchase': { access: 'adminAccess', input: z.object({ purchaseId: z.string().max(100) }).strict(), output: purchaseViewSchema },
  'billing.purchases': { access: 'adminAccess', input: z.void(), output: z.array(purchaseViewSchema) },
  'billing.history': {
    access: 'signedIn',
    input: historyFilterSchema,
    output: z.object({ lines: z.array(historyLineSchema), truncated: z.boolean(), timeZone: z.string() }),
  },
  'billing.exportHistory': { access: 'signedIn', input: historyFilterSchema, output: z.object({ csv: z.string(), fileName: z.string(), lines: z.number().int() }) },
  /** Saves the threshold and pack and opens a page to save a card; auto-renew is on once it is saved. */
  'billing.setAutoRenew': {
    access: 'adminAccess',
    audited: true,
    input: z
      .object({ thresholdCredits: z.number('Enter a number of credits.').int('Whole credits only.').min(0).max(MAX_PURCHASE_CREDITS), packCredits: purchaseCredits })
      .strict(),
    output: z.object({ setupUrl: z.string(), autoRenew: autoRenewViewSchema }),
  },
  'billing.refreshAutoRenew': { access: 'adminAccess', input: z.void(), output: autoRenewViewSchema },
  'billing.clearAutoRenew': { access: 'adminAccess', audited: true, input: z.void(), output: autoRenewViewSchema },
  /** Notices for admins (a renewal paid or declined) until one of them dismisses it. */
  'billing.notices': { access: 'adminAccess', input: z.void(), output: z.array(billingNoticeSchema) },
  'billing.dismissNotice': { access: 'adminAccess', audited: true, input: z.object({ id: z.number().int().min(1).max(2 ** 31) }).strict(), output: z.object({ ok: z.literal(true) }) },
  /**
   * Live mode: the provider's billing service and this business's billing token. The token goes to
   * the keychain and is never shown back.
   */
  'billing.setConnection': {
    access: 'adminAccess',
    audited: true,
    input: z
      .object({
        url: z.string().max(2048).regex(/^https:\/\//, 'The address starts with https://').nullable(),
        token: z.string().trim().min(10, 'Paste the whole billing token.').max(200),
      })
      .strict(),
    output: z.object({ billingReady: z.boolean() }),
  },
  /** Own Twilio account: the account's balance as Twilio states it (the business pays Twilio directly). */
  'billing.twilioBalance': { access: 'signedIn', input: z.void(), output: z.object({ amount: z.string().max(40), currency: z.string().max(10) }) },
  /** The business's country picks the rate (Settings, Admin only). */
  'billing.setCountry': { access: 'adminAccess', audited: true, input: z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'Pick a country.') }).strict(), output: z.object({ country: z.string() }) },
});

export const DEFAULT_LOW_BALANCE_THRESHOLD = 100;
