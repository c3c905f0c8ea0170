import type { ContactKind, ImportField, ImportReportRow, ImportSkipReason } from '../../../shared/contract/contacts';
import { parseSheetDate } from '../../../shared/csv/excel-date';
import { unescapeFormula } from '../../../shared/csv/write-csv';
import type { ImportPerson } from '../ports/stores/contact-store';
import { normalizePhone } from './phone';

export interface CheckedRows {
  /** People to write, each with the spreadsheet row it came from. */
  people: Array<{ row: number; person: ImportPerson }>;
  skipped: Array<ImportReportRow & { reason: ImportSkipReason }>;
}

export interface Context {
  country: string;
  defaultKind: ContactKind;
  /** Existing classes by lower-case name. */
  classes: ReadonlyMap<string, number>;
}

const SKIP_WORDS: Record<ImportSkipReason, string> = {
  invalid_number: 'Not a valid phone number',
  missing_name: 'No name',
  duplicate: 'Already earlier in the file',
  unknown_class: 'No class with this name',
  bad_birthday: 'The birthday is not a date',
};

const KIND_WORDS: Record<string, ContactKind> = {
  guardian: 'guardian', parent: 'guardian', family: 'guardian', mother: 'guardian', father: 'guardian',
  student: 'student', child: 'student', swimmer: 'student', gymnast: 'student', dancer: 'student', athlete: 'student',
  staff: 'staff', coach: 'staff', teacher: 'staff', instructor: 'staff', employee: 'staff',
};

/** "Rivera, Ana" or "Ana Maria Rivera" → first and last. */
export function splitName(full: string): { firstName: string; lastName: string } {
  const text = full.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma > 0) return { firstName: text.slice(comma + 1).trim(), lastName: text.slice(0, comma).trim() };
  const space = text.lastIndexOf(' ');
  return space < 0 ? { firstName: text, lastName: '' } : { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

/** Cells by field; a field mapped twice keeps the first non-empty cell. */
function fieldsOf(cells: readonly string[], mapping: readonly ImportField[]): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {};
  mapping.forEach((field, i) => {
    if (field === 'ignore') return;
    const value = unescapeFormula(cells[i] ?? '').trim().slice(0, 300);
    if (value !== '' && out[field] === undefined) out[field] = value;
  });
  return out;
}

const skip = (row: number, name: string, reason: ImportSkipReason, detail: string) => ({ row, name, outcome: 'skipped' as const, reason, detail });

/**
 * One spreadsheet row to the people it names: the person, and on a student row with a guardian
 * column, the guardian too (holding the row's phones and email), in one family. A row that cannot
 * be imported is skipped whole, with the reason.
 */
function checkRow(cells: readonly string[], rowNumber: number, mapping: readonly ImportField[], ctx: Context, seen: Set<string>, out: CheckedRows): void {
  const f = fieldsOf(cells, mapping);
  const named = f.fullName ? splitName(f.fullName) : { firstName: f.firstName ?? '', lastName: f.lastName ?? '' };
  const firstName = f.firstName ?? named.firstName;
  const lastName = f.lastName ?? named.lastName;
  const display = `${firstName} ${lastName}`.trim() || (f.guardianName ?? '');
  if (`${firstName}${lastName}`.trim() === '') return void out.skipped.push(skip(rowNumber, display, 'missing_name', SKIP_WORDS.missing_name));

  const guardian = f.guardianName ? splitName(f.guardianName) : null;
  const kind: ContactKind = KIND_WORDS[(f.type ?? '').toLowerCase()] ?? (guardian ? 'student' : ctx.defaultKind);

  const phones: string[] = [];
  for (const raw of [f.phone1, f.phone2]) {
    if (raw === undefined) continue;
    const parsed = normalizePhone(raw, ctx.country);
    if (!parsed.ok) return void out.skipped.push(skip(rowNumber, display, 'invalid_number', `${SKIP_WORDS.invalid_number}: ${raw}`));
    if (!phones.includes(parsed.e164)) phones.push(parsed.e164);
  }
  if (phones.length === 0 && kind !== 'student') return void out.skipped.push(skip(rowNumber, display, 'invalid_number', 'No phone number'));

  let birthday: string | null = null;
  if (f.birthday !== undefined) {
    birthday = parseSheetDate(f.birthday, ctx.country);
    if (birthday === null) return void out.skipped.push(skip(rowNumber, display, 'bad_birthday', `${SKIP_WORDS.bad_birthday}: ${f.birthday}`));
  }
  const classIds: number[] = [];
  for (const className of (f.className ?? '').split(/[,;|]/).map((c) => c.trim()).filter(Boolean)) {
    const classId = ctx.classes.get(className.toLowerCase());
    if (classId === undefined) return void out.skipped.push(skip(rowNumber, display, 'unknown_class', `${SKIP_WORDS.unknown_class}: ${className}`));
    classIds.push(classId);
  }
  const tags = (f.tags ?? '').split(/[,;|]/).map((t) => t.trim().slice(0, 40)).filter(Boolean);
  const familyName = kind === 'staff' ? null : (f.familyName ?? (lastName || guardian?.lastName || null));

  const key = `${kind}|${firstName.toLowerCase()}|${lastName.toLowerCase()}|${familyName?.toLowerCase() ?? ''}|${phones.join(',')}`;
  if (seen.has(key)) return void out.skipped.push(skip(rowNumber, display, 'duplicate', SKIP_WORDS.duplicate));
  seen.add(key);

  const email = f.email ?? null;
  if (guardian && kind === 'student') {
    out.people.push({ row: rowNumber, person: { kind, firstName, lastName, familyName, email: null, birthday, phones: [], classIds, tags } });
    const guardianKey = `guardian|${guardian.firstName.toLowerCase()}|${guardian.lastName.toLowerCase()}|${familyName?.toLowerCase() ?? ''}`;
    if (seen.has(guardianKey)) return;
    seen.add(guardianKey);
    out.people.push({ row: rowNumber, person: { kind: 'guardian', ...guardian, familyName, email, birthday: null, phones, classIds: [], tags: [] } });
    return;
  }
  out.people.push({ row: rowNumber, person: { kind, firstName, lastName, familyName, email, birthday, phones, classIds: kind === 'student' ? classIds : [], tags } });
}

/**
 * Checks data rows one at a time, remembering who it has seen so a row repeated later in the file
 * is reported as a duplicate.
 */
export class RowChecker {
  private readonly seen = new Set<string>();

  constructor(
    private readonly mapping: readonly ImportField[],
    private readonly ctx: Context,
  ) {}

  /** Adds the row's people, or its skip, to `out`. */
  check(cells: readonly string[], rowNumber: number, out: CheckedRows): void {
    checkRow(cells, rowNumber, this.mapping, this.ctx, this.seen, out);
  }
}
