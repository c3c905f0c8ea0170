import { z } from 'zod';
import { sessionStateSchema } from './staff';

/** Pushed from main to the renderer; the renderer turns them into react-query invalidations. */
export const eventSchemas = {
  'session.changed': sessionStateSchema,
  /** Something in an area changed; the renderer invalidates queries under these keys. */
  'data.changed': z.object({ areas: z.array(z.string().max(40)).max(20) }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const eventNames = Object.keys(eventSchemas) as EventName[];
