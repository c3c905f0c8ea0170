import { z } from 'zod';
import { messageOptionsSchema } from '../../../shared/sms/message-options';

/** Small, schema-validated settings (not secrets, not business data: those live in SQLite). */
export const settingsSchema = z.object({
  mode: z.enum(['sandbox', 'live']).default('sandbox'),
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  maxPinAttempts: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z.number().int().min(1).max(1440).default(15),
  country: z.string().length(2).default('US'),
  messageOptions: messageOptionsSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsStore {
  read(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Parses whatever is on disk; unknown or invalid values fall back to defaults. */
export function parseSettings(raw: unknown): Settings {
  const parsed = settingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : settingsSchema.parse({});
}
