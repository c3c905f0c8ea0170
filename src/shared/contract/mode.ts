import { z } from 'zod';

/** Which carrier the app talks to: the built-in simulator or the business's own Twilio account. */
export const modes = ['sandbox', 'live'] as const;
export const modeSchema = z.enum(modes);
export type Mode = z.infer<typeof modeSchema>;
