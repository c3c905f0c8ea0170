import type { DatabaseSync } from 'node:sqlite';
import type { AudienceMember, AudienceSelection, ContactKind } from '../../../../../shared/contract/contacts';

const ids = (list: readonly number[] | undefined): string => JSON.stringify(list ?? []);

/**
 * The people a selection names, as one UNION of ids; the values are bound JSON arrays.
 * Families and "students of" reach guardians; classes reach the enrolled students and their guardians.
 */
function selectedIds(selection: AudienceSelection): { sql: string; values: string[] } {
  const parts: string[] = [];
  const values: string[] = [];
  if (selection.families?.length) {
    parts.push("SELECT id FROM contacts WHERE kind = 'guardian' AND family_id IN (SELECT value FROM json_each(?))");
    values.push(ids(selection.families));
  }
  if (selection.studentsOf === 'all') {
    parts.push(`SELECT g.id FROM contacts g WHERE g.kind = 'guardian' AND g.family_id IN
      (SELECT family_id FROM contacts WHERE kind = 'student' AND archived_at IS NULL)`);
  } else if (selection.studentsOf?.length) {
    parts.push(`SELECT g.id FROM contacts g WHERE g.kind = 'guardian' AND g.family_id IN
      (SELECT s.family_id FROM enrollments e JOIN contacts s ON s.id = e.contact_id
       WHERE s.archived_at IS NULL AND e.class_id IN (SELECT value FROM json_each(?)))`);
    values.push(ids(selection.studentsOf));
  }
  if (selection.staff === true) parts.push("SELECT id FROM contacts WHERE kind = 'staff'");
  if (selection.classes?.length) {
    parts.push(`SELECT e.contact_id FROM enrollments e WHERE e.class_id IN (SELECT value FROM json_each(?))
      UNION SELECT g.id FROM contacts g WHERE g.kind = 'guardian' AND g.family_id IN
      (SELECT s.family_id FROM enrollments e JOIN contacts s ON s.id = e.contact_id
       WHERE s.archived_at IS NULL AND e.class_id IN (SELECT value FROM json_each(?)))`);
    values.push(ids(selection.classes), ids(selection.classes));
  }
  if (selection.tags?.length) {
    parts.push('SELECT contact_id FROM contact_tags WHERE tag_id IN (SELECT value FROM json_each(?))');
    values.push(ids(selection.tags));
  }
  if (selection.contactIds?.length) {
    parts.push('SELECT value FROM json_each(?)');
    values.push(ids(selection.contactIds));
  }
  return { sql: parts.join(' UNION '), values };
}

/** A person's columns as both the contact list and audiences read them. */
export interface PersonColumns {
  id: number;
  kind: ContactKind;
  firstName: string;
  lastName: string;
  familyId: number | null;
  familyName: string | null;
}

interface PersonRow extends PersonColumns {
  phone: string;
}

/**
 * One row per (current person, phone). Student and class names come from the family's current
 * students; when the selection is by class, only from the students in the chosen classes, so
 * "{student_names}" names the child in that class rather than every sibling.
 */
export function audienceMembers(db: DatabaseSync, selection: AudienceSelection): AudienceMember[] {
  const chosen = selectedIds(selection);
  if (chosen.sql === '') return [];
  const people = db.prepare(`SELECT c.id, c.kind, c.first_name AS firstName, c.last_name AS lastName, c.family_id AS familyId,
      f.name AS familyName, p.phone FROM contacts c JOIN contact_phones p ON p.contact_id = c.id
      LEFT JOIN families f ON f.id = c.family_id
      WHERE c.archived_at IS NULL AND c.id IN (${chosen.sql}) ORDER BY c.sort_key, c.id, p.position`)
    .all(...chosen.values) as unknown as PersonRow[];

  const classFilter = [...(Array.isArray(selection.studentsOf) ? selection.studentsOf : []), ...(selection.classes ?? [])];
  const students = db.prepare(`SELECT s.id, s.family_id AS familyId, s.first_name AS firstName,
      (SELECT json_group_array(k.name) FROM enrollments e JOIN classes k ON k.id = e.class_id
        WHERE e.contact_id = s.id AND (? = '[]' OR e.class_id IN (SELECT value FROM json_each(?))) ORDER BY k.name) AS classes
      FROM contacts s WHERE s.kind = 'student' AND s.archived_at IS NULL ORDER BY s.first_name, s.id`)
    .all(ids(classFilter), ids(classFilter)) as Array<{ id: number; familyId: number | null; firstName: string; classes: string }>;

  const byFamily = new Map<number, Array<{ firstName: string; classes: string[] }>>();
  const byStudent = new Map<number, { firstName: string; classes: string[] }>();
  for (const s of students) {
    const entry = { firstName: s.firstName, classes: JSON.parse(s.classes) as string[] };
    byStudent.set(s.id, entry);
    if (classFilter.length > 0 && entry.classes.length === 0) continue;
    if (s.familyId !== null) byFamily.set(s.familyId, [...(byFamily.get(s.familyId) ?? []), entry]);
  }
  const unique = (list: string[]) => [...new Set(list)];
  return people.map((p) => {
    const kids = p.kind === 'student' ? [byStudent.get(p.id)!] : p.familyId === null ? [] : (byFamily.get(p.familyId) ?? []);
    return {
      contactId: p.id,
      kind: p.kind,
      firstName: p.firstName,
      lastName: p.lastName,
      familyName: p.familyName ?? '',
      studentNames: unique(kids.map((k) => k.firstName)),
      classNames: unique(kids.flatMap((k) => k.classes)).sort(),
      phone: p.phone,
    };
  });
}
