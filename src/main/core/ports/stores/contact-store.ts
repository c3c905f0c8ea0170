import type {
  AudienceMember,
  AudienceSelection,
  ClassMeeting,
  ClassSummary,
  ContactCursor,
  ContactKind,
  ContactPage,
  ContactQuery,
  ContactRow,
  FamilySummary,
  TagSummary,
} from '../../../../shared/contract/contacts';

/** A person as written: phones already E.164, birthday yyyy-mm-dd. */
export interface ContactInput {
  kind: ContactKind;
  firstName: string;
  lastName: string;
  /** Guardians and students: their family (see `createFamily`). Staff: null. */
  familyId: number | null;
  email: string | null;
  birthday: string | null;
  phones: readonly string[];
}

export interface StoredContact extends ContactRow {
  email: string | null;
  birthday: string | null;
  mergedInto: number | null;
  classes: Array<{ id: number; name: string }>;
  tags: Array<{ id: number; name: string }>;
}

/** One row of a CSV import, checked and normalized by the import service. */
export interface ImportPerson {
  kind: ContactKind;
  firstName: string;
  lastName: string;
  /** The family's name: rows with the same family name (any case) share one family. */
  familyName: string | null;
  email: string | null;
  birthday: string | null;
  phones: readonly string[];
  /** Existing class ids to enroll the person (students) in. */
  classIds: readonly number[];
  /** Tag names; a tag that does not exist yet is made. */
  tags: readonly string[];
}

/** What an import wrote: a row matching an existing person (same name and a shared phone) is merged into it. */
export interface ImportWrite {
  imported: number;
  merged: number;
  /** Row index (in the batch given) → contact id. */
  contactIds: number[];
  /** Indexes (in the batch given) of the rows merged into someone already here. */
  mergedIndexes: number[];
}

/**
 * The contact book (SPEC §5): families, guardians, students and staff with their phones, classes
 * with a weekly schedule and enrolled students, and free tags. Consent is not here: it is one
 * record per phone in the consent store, shared by everyone on that phone.
 */
export interface ContactStore {
  createFamily(name: string, at: number): Promise<number>;
  /** Current families by name, with how many current people are in each. */
  listFamilies(): Promise<FamilySummary[]>;

  create(contact: ContactInput, at: number): Promise<number>;
  /** Replaces the person's fields and phones. */
  update(id: number, contact: ContactInput, at: number): Promise<void>;
  get(id: number): Promise<StoredContact | null>;
  /** One page of the list, sorted by last then first name, after `cursor`; and how many match in all. */
  page(query: ContactQuery, cursor: ContactCursor | null, limit: number): Promise<ContactPage>;
  /** Archived contacts leave lists and audiences; their history stays. */
  setArchived(id: number, archived: boolean, at: number): Promise<void>;
  /**
   * Moves `dropId`'s phones, enrollments and tags to `keepId` (no duplicates), and archives
   * `dropId` marked as merged into `keepId`. Returns false when either is missing or they are the same.
   */
  merge(keepId: number, dropId: number, at: number): Promise<boolean>;
  /** Current contacts with this phone. */
  byPhone(phone: string): Promise<Array<{ id: number; name: string }>>;
  /** The names of the current contacts using each of these phones, in one read (a page of conversations). */
  namesByPhone(phones: readonly string[]): Promise<Record<string, string[]>>;
  /** The other current members of a family. */
  familyMembers(familyId: number): Promise<Array<{ id: number; kind: ContactKind; name: string }>>;

  createClass(name: string, schedule: readonly ClassMeeting[], at: number): Promise<number>;
  updateClass(id: number, name: string, schedule: readonly ClassMeeting[], at: number): Promise<void>;
  listClasses(): Promise<ClassSummary[]>;
  /** Students only; enrolling twice is a no-op. */
  enroll(classId: number, contactId: number, at: number): Promise<void>;
  unenroll(classId: number, contactId: number): Promise<void>;
  roster(classId: number): Promise<ContactRow[]>;

  /** The tag with this name (any case), made if new. */
  tagId(name: string, at: number): Promise<number>;
  listTags(): Promise<TagSummary[]>;
  tag(contactId: number, tagId: number): Promise<void>;
  untag(contactId: number, tagId: number): Promise<void>;

  /** One row per (current person, phone) in the selection, by last then first name. */
  audienceMembers(selection: AudienceSelection): Promise<AudienceMember[]>;

  /** Class ids by name (any case), for matching an import's class column. */
  classIdsByName(): Promise<Map<string, number>>;
  /** Writes a slice of an import. Call inside one `Storage.transaction` with every slice, so it is all or nothing. */
  importPeople(people: readonly ImportPerson[], at: number): Promise<ImportWrite>;
  /** Links consent events to the import that stated their source. */
  recordImport(entry: { statement: string; fileName: string; staffId: string | null; imported: number; merged: number; skipped: number; at: number }): Promise<number>;
  linkImportConsent(importId: number, consentEventIds: readonly number[]): Promise<void>;
  /** For each consent change to this phone that came from an import: when, and the source it stated. */
  importStatements(phone: string): Promise<Array<{ at: number; statement: string }>>;

  /** Every current contact, for export: a page at a time, after `afterId`. */
  exportPage(afterId: number, limit: number): Promise<StoredContact[]>;
}
