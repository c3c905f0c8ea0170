import { z } from 'zod';
import { desktopActions } from '../desktop/shortcuts';
import { sessionStateSchema } from './staff';

/**
 * The areas of business data main announces changes in. Each is the first part of the renderer's
 * query keys for that data, so a `data.changed` for an area refreshes every query under it.
 */
/**
 * `carrier`: the carrier set-up and registration (brand, campaign, number), watched in the background.
 * `autopilot`: Autopilot's workflows and their run logs (a run fired, was skipped, or paused a workflow).
 * `desktop`: this computer's own settings (start at login, turned on or off from the tray or Settings).
 */
export const dataAreaSchema = z.enum(['sends', 'credits', 'consent', 'messenger', 'carrier', 'contacts', 'autopilot', 'desktop']);
export type DataArea = z.infer<typeof dataAreaSchema>;
export const DataArea = dataAreaSchema.enum;

/** A change naming more sends than this names none (every send is read again). */
export const MAX_SENDS_NAMED = 50;

/** Pushed from main to the renderer; the renderer turns them into react-query invalidations. */
export const eventSchemas = {
  'session.changed': sessionStateSchema,
  /**
   * Something in an area changed; the renderer invalidates queries under these keys. Two optional
   * fields narrow it, so a send of thousands does not make every window read everything again:
   * `sends` (with the `sends` area) names the sends whose texts changed — other sends' failures are
   * not read again; absent, any send may have changed. `creditsHeld` (without the `credits` area)
   * says only the credits held for texts waiting to send moved: the balance is read again, nothing
   * else about credits (no credits were given back or spent).
   */
  'data.changed': z.object({
    areas: z.array(dataAreaSchema).max(20),
    sends: z.array(z.number().int()).max(MAX_SENDS_NAMED).optional(),
    creditsHeld: z.boolean().optional(),
  }),
  /**
   * Conversations changed: replies arrived, or one was read, handled, reopened, assigned, noted or
   * answered. `phones` names them (empty with `many` when too many to list: refresh the list);
   * `unread` is the new unread total; `arrived` the replies just kept, newest last.
   */
  'messenger.changed': z.object({
    phones: z.array(z.string()).max(200),
    many: z.boolean(),
    unread: z.number().int(),
    arrived: z.array(z.object({ phone: z.string(), at: z.number().int() })).max(50),
  }),
  /**
   * New replies, for one window's notice and chime: sent to each signed-in session on its own,
   * worded for it (the message only while that desk is unlocked; see core/messenger/reply-notice.ts).
   */
  'messenger.notice': z.object({ phone: z.string().max(40), title: z.string().max(200), body: z.string().max(300) }),
  /** The desktop notice was clicked: that window opens the conversation. */
  'messenger.open': z.object({ phone: z.string().max(40) }),
  /** The desktop tray or menu asks the window for a screen, the lock or the shortcuts sheet. */
  'desktop.action': z.object({ action: z.enum(desktopActions) }),
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const eventNames = Object.keys(eventSchemas) as EventName[];
