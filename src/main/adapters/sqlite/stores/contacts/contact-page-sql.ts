import type { SQLInputValue } from 'node:sqlite';
import type { ContactCursor, ContactQuery } from '../../../../../shared/contract/contacts';

/** What the list sorts and pages by: last name, then first, ignoring case. */
export const sortKeyOf = (firstName: string, lastName: string): string => `${lastName} ${firstName}`.trim().toLowerCase();

/** Digits, spaces and phone punctuation only: the search is for a number, not a name. */
const looksLikePhone = (search: string): boolean => /^[\d\s()+.-]+$/.test(search) && /\d/.test(search);

/**
 * The WHERE clause and its values for one list query. Every value is bound, never spliced:
 * what staff type is data. instr() rather than LIKE so % and _ match themselves.
 */
export function contactFilter(query: ContactQuery, cursor: ContactCursor | null): { where: string; values: SQLInputValue[] } {
  const clauses: string[] = [query.archived ? 'c.archived_at IS NOT NULL' : 'c.archived_at IS NULL'];
  const values: SQLInputValue[] = [];
  const search = query.search.trim();
  if (looksLikePhone(search)) {
    clauses.push('EXISTS (SELECT 1 FROM contact_phones p WHERE p.contact_id = c.id AND instr(p.phone, ?) > 0)');
    values.push(search.replace(/\D/g, ''));
  } else {
    for (const word of search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6)) {
      clauses.push("instr(c.sort_key || ' ' || lower(coalesce(f.name, '')) || ' ' || lower(coalesce(c.email, '')), ?) > 0");
      values.push(word);
    }
  }
  if (query.kind !== undefined) {
    clauses.push('c.kind = ?');
    values.push(query.kind);
  }
  if (query.classId !== undefined) {
    // A student in the class, or a guardian of one.
    clauses.push(`(EXISTS (SELECT 1 FROM enrollments e WHERE e.contact_id = c.id AND e.class_id = ?)
      OR (c.kind = 'guardian' AND EXISTS (SELECT 1 FROM enrollments e JOIN contacts s ON s.id = e.contact_id
        WHERE e.class_id = ? AND s.family_id = c.family_id AND s.archived_at IS NULL)))`);
    values.push(query.classId, query.classId);
  }
  if (query.tagId !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_id = ?)');
    values.push(query.tagId);
  }
  if (query.consent === 'never') {
    clauses.push('EXISTS (SELECT 1 FROM contact_phones p LEFT JOIN consent k ON k.phone = p.phone WHERE p.contact_id = c.id AND k.phone IS NULL)');
  } else if (query.consent !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM contact_phones p JOIN consent k ON k.phone = p.phone WHERE p.contact_id = c.id AND k.state = ?)');
    values.push(query.consent);
  }
  if (cursor !== null) {
    clauses.push('(c.sort_key, c.id) > (?, ?)');
    values.push(cursor.key, cursor.id);
  }
  return { where: clauses.join(' AND '), values };
}
