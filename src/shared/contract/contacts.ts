import { z } from 'zod';
import { consentEventSchema, consentStateSchema } from './sending';

/** Everyone in the contact book is one of these; guardians and students belong to a family. */
export const contactKinds = ['guardian', 'student', 'staff'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactKindSchema = z.enum(contactKinds);

/** How many rows one page of the contact list holds (keyset paging: the list asks for the next page by cursor). */
export const CONTACT_PAGE = 200;
export const MAX_NAME_CHARS = 100;
export const MAX_PHONES_PER_CONTACT = 4;

/** Where the list resumes: the last row's sort key and id. */
export const contactCursorSchema = z.object({ key: z.string().max(300), id: z.number().int() }).strict();
export type ContactCursor = z.infer<typeof contactCursorSchema>;

export const contactQuerySchema = z.object({
  /** Words of a name, or digits of a phone number. */
  search: z.string().max(100).default(''),
  kind: contactKindSchema.optional(),
  classId: z.number().int().positive().optional(),
  tagId: z.number().int().positive().optional(),
  /** Has at least one phone in this consent state. */
  consent: consentStateSchema.optional(),
  /** Archived contacts instead of the current ones. */
  archived: z.boolean().default(false),
}).strict();
export type ContactQuery = z.output<typeof contactQuerySchema>;

export const contactRowSchema = z.object({
  id: z.number().int(),
  kind: contactKindSchema,
  firstName: z.string(),
  lastName: z.string(),
  familyId: z.number().int().nullable(),
  familyName: z.string().nullable(),
  /** E.164, in the order staff gave them. */
  phones: z.array(z.string()),
  archived: z.boolean(),
});
export type ContactRow = z.infer<typeof contactRowSchema>;

export const contactPageSchema = z.object({
  rows: z.array(contactRowSchema),
  /** How many contacts match the query in all. */
  total: z.number().int(),
  next: contactCursorSchema.nullable(),
});
export type ContactPage = z.infer<typeof contactPageSchema>;

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 16:30.');
export const classMeetingSchema = z.object({ weekday: z.enum(weekdays), start: time, end: time }).strict();
export type ClassMeeting = z.infer<typeof classMeetingSchema>;

export const classSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  schedule: z.array(classMeetingSchema),
  studentCount: z.number().int(),
});
export type ClassSummary = z.infer<typeof classSummarySchema>;

export const tagSummarySchema = z.object({ id: z.number().int(), name: z.string(), contactCount: z.number().int() });
export type TagSummary = z.infer<typeof tagSummarySchema>;

export const familySummarySchema = z.object({ id: z.number().int(), name: z.string(), memberCount: z.number().int() });
export type FamilySummary = z.infer<typeof familySummarySchema>;

export const contactPhoneSchema = z.object({
  phone: z.string(),
  consent: consentStateSchema,
  history: z.array(consentEventSchema),
  /** Other current contacts on the same number (a shared family phone). */
  sharedWith: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

export const contactDetailSchema = contactRowSchema.extend({
  email: z.string().nullable(),
  /** yyyy-mm-dd */
  birthday: z.string().nullable(),
  phoneDetails: z.array(contactPhoneSchema),
  classes: z.array(z.object({ id: z.number().int(), name: z.string() })),
  tags: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** The other members of the family. */
  family: z.array(z.object({ id: z.number().int(), kind: contactKindSchema, name: z.string() })),
  mergedInto: z.number().int().nullable(),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

/**
 * Who Compose may address. A selection is the union of its parts; an empty one selects no one.
 * `studentsOf`: the guardians of students enrolled in these classes, or of every student ('all').
 */
export const audienceSelectionSchema = z.object({
  families: z.array(z.number().int()).max(10_000).optional(),
  studentsOf: z.union([z.array(z.number().int()).max(1_000), z.literal('all')]).optional(),
  staff: z.boolean().optional(),
  /** The students enrolled in these classes themselves (their own phones) and their guardians. */
  classes: z.array(z.number().int()).max(1_000).optional(),
  tags: z.array(z.number().int()).max(1_000).optional(),
  contactIds: z.array(z.number().int()).max(50_000).optional(),
}).strict();
export type AudienceSelection = z.infer<typeof audienceSelectionSchema>;

/** One row per (person, phone) in a selection; Compose merges households into one text per phone. */
export interface AudienceMember {
  contactId: number;
  kind: ContactKind;
  firstName: string;
  lastName: string;
  /** The family's name; '' for staff and for students or guardians with no family. */
  familyName: string;
  /** The family's students (for a student: the student). */
  studentNames: string[];
  /** Classes the family's students (or the student) are enrolled in. */
  classNames: string[];
  /** E.164 */
  phone: string;
}
