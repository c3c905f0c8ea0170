import { z } from 'zod';
import { accountModelSchema, modeSchema } from '../../../shared/contract';
import { defaultMessageOptions, messageOptionsSchema } from '../../../shared/sms/message-options';

/** Small, schema-validated settings (not secrets, not business data: those live in SQLite). */
export const settingsSchema = z.object({
  mode: modeSchema.default('sandbox'),
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  maxPinAttempts: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(15),
  country: z.string().length(2).default('US'),
  /** Live mode may only be switched on after the saved credentials answered once. */
  liveConnectionTested: z.boolean().default(false),
  messageOptions: messageOptionsSchema.default(defaultMessageOptions),
  /** How the business meets Twilio: under SMS Desk's provider account, or its own registered account. */
  accountModel: accountModelSchema.default('provider'),
  /**
   * Provider mode: the parent account's approved Primary Customer Profile (BU…), configuration and
   * never guessed. SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID overrides it for the live account.
   */
  primaryCustomerProfileSid: z.string().regex(/^BU[0-9a-fA-F]{32}$/).nullable().default(null),
  /** The provider's billing service for live mode (SMS_DESK_BILLING_URL overrides it); null until an admin sets it. */
  billingUrl: z.string().max(2048).regex(/^https?:\/\//).nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  read(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Parses whatever is on disk field by field: a damaged value falls back to its default alone. */
export function parseSettings(raw: unknown): Settings {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const fields = Object.entries(settingsSchema.shape).map(([key, field]) => {
    const parsed = field.safeParse(source[key]);
    return [key, parsed.success ? parsed.data : field.parse(undefined)];
  });
  return settingsSchema.parse(Object.fromEntries(fields));
}

/** Applies a change, throwing on an invalid value so nothing half-valid is ever stored. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return settingsSchema.parse({ ...current, ...patch });
}
