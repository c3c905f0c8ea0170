import { z } from 'zod';

/**
 * Who Compose may address. A selection is the union of its parts; an empty one selects no one.
 * `studentsOf`: the guardians of students enrolled in these classes, or of every student ('all').
 */
/** A row id in a selection: bounded like every input. */
const memberId = z.number().int().positive().max(1e12);

export const audienceSelectionSchema = z.object({
  families: z.array(memberId).max(10_000).optional(),
  studentsOf: z.union([z.array(memberId).max(1_000), z.literal('all')]).optional(),
  staff: z.boolean().optional(),
  /** The students enrolled in these classes themselves (their own phones) and their guardians. */
  classes: z.array(memberId).max(1_000).optional(),
  tags: z.array(memberId).max(1_000).optional(),
  contactIds: z.array(memberId).max(50_000).optional(),
}).strict();
export type AudienceSelection = z.infer<typeof audienceSelectionSchema>;

/** Nobody chosen from the contact book: a send goes to the pasted numbers alone. */
export const isEmptySelection = (s: AudienceSelection): boolean =>
  !s.staff && !s.studentsOf && [s.families, s.classes, s.tags, s.contactIds].every((list) => list === undefined || list.length === 0);
