import { z } from 'zod';
import { defineChannels } from './define';

/**
 * Start at login, a setting of this computer (not of the desk's data): `available` is false where
 * there is no login item to set (browser mode, Linux desktops).
 */
export const startAtLoginSchema = z.object({ available: z.boolean(), on: z.boolean() });
export type StartAtLogin = z.infer<typeof startAtLoginSchema>;

export const desktopChannels = defineChannels({
  'desktop.startAtLogin': { access: 'signedIn', input: z.void(), output: startAtLoginSchema },
  'desktop.setStartAtLogin': { access: 'adminAccess', input: z.object({ on: z.boolean() }).strict(), output: startAtLoginSchema },
});
