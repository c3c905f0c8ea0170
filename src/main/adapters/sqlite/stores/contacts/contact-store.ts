import type { DatabaseSync } from 'node:sqlite';
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
} from '../../../../../shared/contract/contacts';
import type { ContactInput, ContactStore, ImportPerson, ImportWrite, StoredContact } from '../../../../core/ports/stores/contact-store';
import { allOrNothing } from '../../all-or-nothing';
import type { SyncStore } from '../../sync-store';
import { audienceMembers, type PersonColumns } from './audience-sql';
import { contactFilter, sortKeyOf } from './contact-page-sql';

interface BaseRow extends PersonColumns {
  archivedAt: number | null;
  sortKey: string;
}

const BASE = `SELECT c.id, c.kind, c.first_name AS firstName, c.last_name AS lastName, c.family_id AS familyId,
  f.name AS familyName, c.archived_at AS archivedAt, c.sort_key AS sortKey FROM contacts c LEFT JOIN families f ON f.id = c.family_id`;

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

const statements = (db: DatabaseSync) => ({
  family: db.prepare('INSERT INTO families (name, created_at) VALUES (?, ?)'),
  familyByName: db.prepare('SELECT id FROM families WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1'),
  families: db.prepare(`SELECT f.id, f.name, (SELECT COUNT(*) FROM contacts c WHERE c.family_id = f.id AND c.archived_at IS NULL) AS memberCount
    FROM families f WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.family_id = f.id AND c.archived_at IS NULL) ORDER BY f.name COLLATE NOCASE, f.id`),
  insert: db.prepare(`INSERT INTO contacts (kind, first_name, last_name, sort_key, family_id, email, birthday, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  update: db.prepare(`UPDATE contacts SET kind = ?, first_name = ?, last_name = ?, sort_key = ?, family_id = ?, email = ?, birthday = ?, updated_at = ?
    WHERE id = ?`),
  fill: db.prepare('UPDATE contacts SET email = coalesce(email, ?), birthday = coalesce(birthday, ?), updated_at = ? WHERE id = ?'),
  get: db.prepare(`${BASE} WHERE c.id = ?`),
  extra: db.prepare('SELECT email, birthday, merged_into AS mergedInto FROM contacts WHERE id = ?'),
  phones: db.prepare('SELECT phone FROM contact_phones WHERE contact_id = ? ORDER BY position, phone'),
  phonesOf: db.prepare(`SELECT contact_id AS id, json_group_array(phone) AS phones FROM
    (SELECT contact_id, phone FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, phone)
    GROUP BY contact_id`),
  addPhone: db.prepare(`INSERT OR IGNORE INTO contact_phones (contact_id, phone, position)
    VALUES (?, ?, (SELECT coalesce(MAX(position), 0) + 1 FROM contact_phones WHERE contact_id = ?))`),
  clearPhones: db.prepare('DELETE FROM contact_phones WHERE contact_id = ?'),
  archive: db.prepare('UPDATE contacts SET archived_at = ?, updated_at = ? WHERE id = ?'),
  mergedInto: db.prepare('UPDATE contacts SET archived_at = ?, merged_into = ?, updated_at = ? WHERE id = ?'),
  movePhones: db.prepare(`INSERT OR IGNORE INTO contact_phones (contact_id, phone, position)
    SELECT ?, phone, position + 100 FROM contact_phones WHERE contact_id = ?`),
  moveEnrollments: db.prepare('INSERT OR IGNORE INTO enrollments (class_id, contact_id, enrolled_at) SELECT class_id, ?, enrolled_at FROM enrollments WHERE contact_id = ?'),
  dropEnrollments: db.prepare('DELETE FROM enrollments WHERE contact_id = ?'),
  moveTags: db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) SELECT ?, tag_id FROM contact_tags WHERE contact_id = ?'),
  dropTags: db.prepare('DELETE FROM contact_tags WHERE contact_id = ?'),
  byPhone: db.prepare(`SELECT c.id, c.first_name AS firstName, c.last_name AS lastName FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
    WHERE p.phone = ? AND c.archived_at IS NULL ORDER BY c.sort_key, c.id`),
  namesByPhone: db.prepare(`SELECT p.phone, c.first_name AS firstName, c.last_name AS lastName FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
    WHERE p.phone IN (SELECT value FROM json_each(?)) AND c.archived_at IS NULL ORDER BY p.phone, c.sort_key, c.id`),
  familyMembers: db.prepare(`SELECT id, kind, first_name AS firstName, last_name AS lastName FROM contacts
    WHERE family_id = ? AND archived_at IS NULL ORDER BY kind, sort_key, id`),
  classOf: db.prepare(`SELECT k.id, k.name FROM enrollments e JOIN classes k ON k.id = e.class_id WHERE e.contact_id = ? ORDER BY k.name`),
  tagsOf: db.prepare('SELECT t.id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name'),
  insertClass: db.prepare('INSERT INTO classes (name, schedule, created_at) VALUES (?, ?, ?)'),
  updateClass: db.prepare('UPDATE classes SET name = ?, schedule = ? WHERE id = ?'),
  classes: db.prepare(`SELECT k.id, k.name, k.schedule, (SELECT COUNT(*) FROM enrollments e JOIN contacts s ON s.id = e.contact_id
    WHERE e.class_id = k.id AND s.archived_at IS NULL) AS studentCount FROM classes k WHERE k.archived_at IS NULL ORDER BY k.name COLLATE NOCASE, k.id`),
  classIds: db.prepare('SELECT id, name FROM classes WHERE archived_at IS NULL ORDER BY id'),
  enroll: db.prepare('INSERT OR IGNORE INTO enrollments (class_id, contact_id, enrolled_at) VALUES (?, ?, ?)'),
  unenroll: db.prepare('DELETE FROM enrollments WHERE class_id = ? AND contact_id = ?'),
  roster: db.prepare(`${BASE} JOIN enrollments e ON e.contact_id = c.id WHERE e.class_id = ? AND c.archived_at IS NULL ORDER BY c.sort_key, c.id`),
  tagByName: db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE'),
  insertTag: db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)'),
  tags: db.prepare(`SELECT t.id, t.name, (SELECT COUNT(*) FROM contact_tags ct JOIN contacts c ON c.id = ct.contact_id
    WHERE ct.tag_id = t.id AND c.archived_at IS NULL) AS contactCount FROM tags t ORDER BY t.name COLLATE NOCASE`),
  tag: db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) VALUES (?, ?)'),
  untag: db.prepare('DELETE FROM contact_tags WHERE contact_id = ? AND tag_id = ?'),
  // The same person already here: same kind and name, and a phone in common or the same family.
  sameNamePhone: db.prepare(`SELECT c.id FROM contacts c JOIN contact_phones p ON p.contact_id = c.id
    WHERE c.archived_at IS NULL AND c.kind = ? AND c.sort_key = ? AND p.phone IN (SELECT value FROM json_each(?)) ORDER BY c.id LIMIT 1`),
  // `+family_id`: look the name up by its index (a handful of rows) rather than walk a whole family.
  sameNameFamily: db.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL AND kind = ? AND sort_key = ? AND +family_id = ? ORDER BY id LIMIT 1`),
  importEntry: db.prepare(`INSERT INTO contact_imports (statement, file_name, staff_id, imported, merged, skipped, at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
  importLink: db.prepare('INSERT OR IGNORE INTO import_consent_events (consent_event_id, import_id) SELECT value, ? FROM json_each(?)'),
  // consent_events is read for display only; the consent store owns it.
  statements: db.prepare(`SELECT e.at, i.statement FROM consent_events e JOIN import_consent_events l ON l.consent_event_id = e.id
    JOIN contact_imports i ON i.id = l.import_id WHERE e.phone = ? ORDER BY e.at DESC, e.id DESC`),
  exportPage: db.prepare(`${BASE} WHERE c.archived_at IS NULL AND c.id > ? ORDER BY c.id LIMIT ?`),
});
type Statements = ReturnType<typeof statements>;

/**
 * Owns the contact book's tables: families, contacts, contact_phones, classes, enrollments, tags,
 * contact_tags, contact_imports and import_consent_events. Reads consent only to filter by it.
 */
export class SqliteContactStore implements SyncStore<ContactStore> {
  private readonly s: Statements;

  constructor(private readonly db: DatabaseSync) {
    this.s = statements(db);
  }

  createFamily(name: string, at: number): number {
    return Number(this.s.family.run(name.trim(), at).lastInsertRowid);
  }

  listFamilies(): FamilySummary[] {
    return this.s.families.all() as unknown as FamilySummary[];
  }

  create(contact: ContactInput, at: number): number {
    return allOrNothing(this.db, 'contact_create', () => this.insert(contact, at));
  }

  update(id: number, contact: ContactInput, at: number): void {
    allOrNothing(this.db, 'contact_update', () => {
      this.s.update.run(contact.kind, contact.firstName, contact.lastName, sortKeyOf(contact.firstName, contact.lastName),
        contact.kind === 'staff' ? null : contact.familyId, contact.email, contact.birthday, at, id);
      this.s.clearPhones.run(id);
      for (const phone of contact.phones) this.s.addPhone.run(id, phone, id);
    });
  }

  get(id: number): StoredContact | null {
    const base = this.s.get.get(id) as BaseRow | undefined;
    if (base === undefined) return null;
    const extra = this.s.extra.get(id) as { email: string | null; birthday: string | null; mergedInto: number | null };
    return {
      ...this.row(base, (this.s.phones.all(id) as Array<{ phone: string }>).map((p) => p.phone)),
      ...extra,
      classes: this.s.classOf.all(id) as Array<{ id: number; name: string }>,
      tags: this.s.tagsOf.all(id) as Array<{ id: number; name: string }>,
    };
  }

  page(query: ContactQuery, cursor: ContactCursor | null, limit: number): ContactPage {
    const filter = contactFilter(query, null);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM contacts c LEFT JOIN families f ON f.id = c.family_id WHERE ${filter.where}`)
      .get(...filter.values) as { n: number }).n;
    const paged = contactFilter(query, cursor);
    const rows = this.db.prepare(`${BASE} WHERE ${paged.where} ORDER BY c.sort_key, c.id LIMIT ?`).all(...paged.values, limit + 1) as unknown as BaseRow[];
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return { rows: this.withPhones(shown), total, next: more && last ? { key: last.sortKey, id: last.id } : null };
  }

  setArchived(id: number, archived: boolean, at: number): void {
    this.s.archive.run(archived ? at : null, at, id);
  }

  merge(keepId: number, dropId: number, at: number): boolean {
    if (keepId === dropId || this.s.get.get(keepId) === undefined || this.s.get.get(dropId) === undefined) return false;
    return allOrNothing(this.db, 'contact_merge', () => {
      this.s.movePhones.run(keepId, dropId);
      this.s.clearPhones.run(dropId);
      this.s.moveEnrollments.run(keepId, dropId);
      this.s.dropEnrollments.run(dropId);
      this.s.moveTags.run(keepId, dropId);
      this.s.dropTags.run(dropId);
      const dropped = this.s.extra.get(dropId) as { email: string | null; birthday: string | null };
      this.s.fill.run(dropped.email, dropped.birthday, at, keepId);
      this.s.mergedInto.run(at, keepId, at, dropId);
      return true;
    });
  }

  byPhone(phone: string): Array<{ id: number; name: string }> {
    return (this.s.byPhone.all(phone) as Array<{ id: number; firstName: string; lastName: string }>).map((c) => ({ id: c.id, name: fullName(c.firstName, c.lastName) }));
  }

  namesByPhone(phones: readonly string[]): Record<string, string[]> {
    const names: Record<string, string[]> = {};
    for (const c of this.s.namesByPhone.all(JSON.stringify(phones)) as Array<{ phone: string; firstName: string; lastName: string }>) {
      (names[c.phone] ??= []).push(fullName(c.firstName, c.lastName));
    }
    return names;
  }

  familyMembers(familyId: number): Array<{ id: number; kind: ContactKind; name: string }> {
    return (this.s.familyMembers.all(familyId) as Array<{ id: number; kind: ContactKind; firstName: string; lastName: string }>)
      .map((c) => ({ id: c.id, kind: c.kind, name: fullName(c.firstName, c.lastName) }));
  }

  createClass(name: string, schedule: readonly ClassMeeting[], at: number): number {
    return Number(this.s.insertClass.run(name.trim(), JSON.stringify(schedule), at).lastInsertRowid);
  }

  updateClass(id: number, name: string, schedule: readonly ClassMeeting[]): void {
    this.s.updateClass.run(name.trim(), JSON.stringify(schedule), id);
  }

  listClasses(): ClassSummary[] {
    return (this.s.classes.all() as Array<{ id: number; name: string; schedule: string; studentCount: number }>)
      .map((k) => ({ ...k, schedule: JSON.parse(k.schedule) as ClassMeeting[] }));
  }

  enroll(classId: number, contactId: number, at: number): void {
    this.s.enroll.run(classId, contactId, at);
  }

  unenroll(classId: number, contactId: number): void {
    this.s.unenroll.run(classId, contactId);
  }

  roster(classId: number): ContactRow[] {
    return this.withPhones(this.s.roster.all(classId) as unknown as BaseRow[]);
  }

  tagId(name: string, at: number): number {
    const found = this.s.tagByName.get(name.trim()) as { id: number } | undefined;
    return found?.id ?? Number(this.s.insertTag.run(name.trim(), at).lastInsertRowid);
  }

  listTags(): TagSummary[] {
    return this.s.tags.all() as unknown as TagSummary[];
  }

  tag(contactId: number, tagId: number): void {
    this.s.tag.run(contactId, tagId);
  }

  untag(contactId: number, tagId: number): void {
    this.s.untag.run(contactId, tagId);
  }

  audienceMembers(selection: AudienceSelection): AudienceMember[] {
    return audienceMembers(this.db, selection);
  }

  classIdsByName(): Map<string, number> {
    const rows = this.s.classIds.all() as Array<{ id: number; name: string }>;
    return new Map(rows.map((k) => [k.name.trim().toLowerCase(), k.id]));
  }

  importPeople(people: readonly ImportPerson[], at: number): ImportWrite {
    return allOrNothing(this.db, 'contact_import', () => {
      const result: ImportWrite = { imported: 0, merged: 0, contactIds: [], mergedIndexes: [] };
      for (const [index, person] of people.entries()) {
        const familyId = person.kind === 'staff' || !person.familyName ? null : this.familyNamed(person.familyName, at);
        const key = sortKeyOf(person.firstName, person.lastName);
        const existing = (this.s.sameNamePhone.get(person.kind, key, JSON.stringify(person.phones)) as { id: number } | undefined)
          ?? (familyId === null ? undefined : (this.s.sameNameFamily.get(person.kind, key, familyId) as { id: number } | undefined));
        let id: number;
        if (existing) {
          id = existing.id;
          this.s.fill.run(person.email, person.birthday, at, id);
          for (const phone of person.phones) this.s.addPhone.run(id, phone, id);
          result.merged++;
          result.mergedIndexes.push(index);
        } else {
          id = this.insert({ ...person, familyId }, at);
          result.imported++;
        }
        for (const classId of person.classIds) this.s.enroll.run(classId, id, at);
        for (const tag of person.tags) this.s.tag.run(id, this.tagId(tag, at));
        result.contactIds.push(id);
      }
      return result;
    });
  }

  recordImport(entry: { statement: string; fileName: string; staffId: string | null; imported: number; merged: number; skipped: number; at: number }): number {
    return Number(this.s.importEntry.run(entry.statement, entry.fileName, entry.staffId, entry.imported, entry.merged, entry.skipped, entry.at).lastInsertRowid);
  }

  linkImportConsent(importId: number, consentEventIds: readonly number[]): void {
    if (consentEventIds.length > 0) this.s.importLink.run(importId, JSON.stringify(consentEventIds));
  }

  importStatements(phone: string): Array<{ at: number; statement: string }> {
    return this.s.statements.all(phone) as Array<{ at: number; statement: string }>;
  }

  exportPage(afterId: number, limit: number): StoredContact[] {
    const rows = this.s.exportPage.all(afterId, limit) as unknown as BaseRow[];
    return rows.map((r) => this.get(r.id)!);
  }

  private insert(contact: ContactInput, at: number): number {
    const id = Number(this.s.insert.run(contact.kind, contact.firstName, contact.lastName, sortKeyOf(contact.firstName, contact.lastName),
      contact.kind === 'staff' ? null : contact.familyId, contact.email, contact.birthday, at, at).lastInsertRowid);
    for (const phone of contact.phones) this.s.addPhone.run(id, phone, id);
    return id;
  }

  private familyNamed(name: string, at: number): number {
    const found = this.s.familyByName.get(name.trim()) as { id: number } | undefined;
    return found?.id ?? this.createFamily(name, at);
  }

  private row(base: BaseRow, phones: string[]): ContactRow {
    return {
      id: base.id,
      kind: base.kind,
      firstName: base.firstName,
      lastName: base.lastName,
      familyId: base.familyId,
      familyName: base.familyName,
      phones,
      archived: base.archivedAt !== null,
    };
  }

  private withPhones(rows: BaseRow[]): ContactRow[] {
    if (rows.length === 0) return [];
    const found = this.s.phonesOf.all(JSON.stringify(rows.map((r) => r.id))) as Array<{ id: number; phones: string }>;
    const phones = new Map(found.map((f) => [f.id, JSON.parse(f.phones) as string[]]));
    return rows.map((r) => this.row(r, phones.get(r.id) ?? []));
  }
}
