import { z } from 'zod';
import { defineChannels } from './define';
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
export const contactCursorSchema = z.object({ key: z.string().max(300), id: z.number().int().min(0).max(1e12) }).strict();
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
  /** The source each import stated when it opted this phone in, by the time of that change. */
  importStatements: z.array(z.object({ at: z.number().int(), statement: z.string() })),
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

// In a file of its own so drafts (sending.ts) can use it without an import cycle.
export { audienceSelectionSchema, type AudienceSelection } from './audience-selection';

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

// ---- Channels -------------------------------------------------------------------------------

const name = z.string().trim().max(MAX_NAME_CHARS, `A name can be at most ${MAX_NAME_CHARS} characters.`);
/** Row ids: bounded so no input can be a number no screen can draw. */
const id = z.number().int().positive().max(1e12);

export const contactFormSchema = z.object({
  kind: contactKindSchema,
  firstName: name,
  lastName: name,
  /** An existing family, or a new one by name; staff have neither. */
  familyId: id.nullable().default(null),
  familyName: z.string().trim().max(MAX_NAME_CHARS).default(''),
  email: z.string().trim().max(200).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Check the email address, like name@example.com.').default(''),
  /** yyyy-mm-dd, or '' */
  birthday: z.string().max(10).refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Pick the birthday from the calendar.').default(''),
  /** As typed; main reads them in the business's country. */
  phones: z.array(z.string().max(40)).max(MAX_PHONES_PER_CONTACT, `At most ${MAX_PHONES_PER_CONTACT} phone numbers.`).default([]),
  classIds: z.array(id).max(50).default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
}).strict().refine((c) => `${c.firstName}${c.lastName}`.trim() !== '', { message: 'Write a first or last name.', path: ['firstName'] });
export type ContactForm = z.input<typeof contactFormSchema>;

/** Which field of a CSV column holds; the mapping screen offers these. */
export const importFields = ['ignore', 'type', 'firstName', 'lastName', 'fullName', 'guardianName', 'familyName', 'phone1', 'phone2', 'email', 'birthday', 'className', 'tags'] as const;
export type ImportField = (typeof importFields)[number];

/** Browser mode's bridge takes at most 1 MB a call: a file goes over in pieces of this many characters. */
export const IMPORT_CHUNK_CHARS = 128 * 1024;
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Rows listed by name in the report (the counts cover all). */
export const MAX_REPORTED_ROWS = 2000;

export const importSkipReasons = ['invalid_number', 'missing_name', 'duplicate', 'unknown_class', 'bad_birthday'] as const;
export type ImportSkipReason = (typeof importSkipReasons)[number];

export const importPreviewSchema = z.object({
  headers: z.array(z.string()),
  /** The guessed field of each column, in column order. */
  mapping: z.array(z.enum(importFields)),
  /** The first rows after the header. */
  sample: z.array(z.array(z.string())),
  rowCount: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importReportRowSchema = z.object({
  /** The row's line in the spreadsheet, header = 1. */
  row: z.number().int(),
  name: z.string(),
  outcome: z.enum(['merged', 'skipped']),
  reason: z.enum(importSkipReasons).nullable(),
  detail: z.string(),
});
export type ImportReportRow = z.infer<typeof importReportRowSchema>;

export const importStatusSchema = z.object({
  phase: z.enum(['receiving', 'reading', 'ready', 'writing', 'done', 'failed', 'canceled']),
  /** Rows handled so far of `total` in this phase. */
  done: z.number().int(),
  total: z.number().int(),
  /** What went wrong, in plain words, when failed. */
  error: z.string().nullable(),
  preview: importPreviewSchema.nullable(),
  report: z.object({
    imported: z.number().int(),
    merged: z.number().int(),
    skipped: z.number().int(),
    optedIn: z.number().int(),
    rows: z.array(importReportRowSchema),
  }).nullable(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importRunSchema = z.object({
  importId: z.string().max(64),
  mapping: z.array(z.enum(importFields)).max(200),
  /** Who the rows are when the file has no type column. */
  defaultKind: contactKindSchema.default('guardian'),
  /** Opt the file's numbers in: only with a stated source, and never a number that opted out. */
  consent: z.object({ statement: z.string().trim().min(10, 'Say where these families agreed to texts, like "collected on our registration form".').max(300) }).strict().nullable(),
}).strict();

export const contactsChannels = defineChannels({
  'contacts.list': {
    access: 'signedIn',
    input: z.object({ query: contactQuerySchema, cursor: contactCursorSchema.nullable().default(null), limit: z.number().int().min(1).max(CONTACT_PAGE).default(CONTACT_PAGE) }).strict(),
    output: contactPageSchema,
  },
  'contacts.get': { access: 'signedIn', input: z.object({ id }).strict(), output: contactDetailSchema },
  'contacts.save': { access: 'signedIn', input: z.object({ id: id.nullable(), contact: contactFormSchema }).strict(), output: z.object({ id: z.number().int() }) },
  'contacts.archive': { access: 'signedIn', audited: true, input: z.object({ id, archived: z.boolean() }).strict(), output: z.object({ id: z.number().int() }) },
  /** Phones, classes and tags of `dropId` move to `keepId`; `dropId` is archived as merged. */
  'contacts.merge': { access: 'signedIn', audited: true, input: z.object({ keepId: id, dropId: id }).strict(), output: z.object({ id: z.number().int() }) },
  'contacts.families': { access: 'signedIn', input: z.void(), output: z.array(familySummarySchema) },
  'contacts.classes': { access: 'signedIn', input: z.void(), output: z.array(classSummarySchema) },
  'contacts.saveClass': {
    access: 'signedIn',
    input: z.object({ id: id.nullable(), name: z.string().trim().min(1, 'Name the class.').max(MAX_NAME_CHARS), schedule: z.array(classMeetingSchema).max(14) }).strict(),
    output: z.object({ id: z.number().int() }),
  },
  'contacts.roster': { access: 'signedIn', input: z.object({ classId: id }).strict(), output: z.array(contactRowSchema) },
  'contacts.enroll': { access: 'signedIn', input: z.object({ classId: id, contactId: id, enrolled: z.boolean() }).strict(), output: z.object({ classId: z.number().int() }) },
  'contacts.tags': { access: 'signedIn', input: z.void(), output: z.array(tagSummarySchema) },
  /** Starts an import: the file follows in pieces of IMPORT_CHUNK_CHARS. */
  'contacts.importStart': {
    access: 'sendMassSms',
    input: z.object({ fileName: z.string().max(260), chars: z.number().int().min(1).max(MAX_IMPORT_CHARS, 'This file is too big to import at once (64 MB at most). Split it into smaller files.') }).strict(),
    output: z.object({ importId: z.string() }),
  },
  /** Desktop only: main shows the system's Open dialog and reads the chosen file (null: closed without choosing). */
  'contacts.importPickFile': { access: 'sendMassSms', input: z.void(), output: z.object({ importId: z.string().nullable() }) },
  'contacts.importChunk': {
    access: 'sendMassSms',
    input: z.object({ importId: z.string().max(64), index: z.number().int().min(0).max(MAX_IMPORT_CHARS / IMPORT_CHUNK_CHARS), text: z.string().max(IMPORT_CHUNK_CHARS) }).strict(),
    output: importStatusSchema,
  },
  /** Checks the mapped rows and writes them in one transaction: all of them, or none. */
  'contacts.importRun': { access: 'sendMassSms', audited: true, input: importRunSchema, output: importStatusSchema },
  'contacts.importStatus': { access: 'sendMassSms', input: z.object({ importId: z.string().max(64) }).strict(), output: importStatusSchema },
  'contacts.importCancel': { access: 'sendMassSms', input: z.object({ importId: z.string().max(64) }).strict(), output: importStatusSchema },
  /** A CSV file's text: every current contact, or every number's consent history with its source. */
  'contacts.export': { access: 'adminAccess', audited: true, input: z.object({ what: z.enum(['contacts', 'consent']) }).strict(), output: z.object({ fileName: z.string(), csv: z.string() }) },
});
