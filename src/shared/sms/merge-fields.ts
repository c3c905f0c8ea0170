/**
 * Merge fields: `{first_name}` and friends in a message, filled in per recipient. Pure, so the
 * composer's preview and main's preflight and send fill them in the same way.
 */

export const mergeFieldNames = ['first_name', 'family_name', 'student_names', 'class_name', 'business_name'] as const;
export type MergeFieldName = (typeof mergeFieldNames)[number];
export type MergeValues = Partial<Record<MergeFieldName, string>>;

/** What the composer's menu shows for each field. */
export const mergeFieldLabels: Record<MergeFieldName, string> = {
  first_name: 'First name',
  family_name: 'Family name',
  student_names: 'Student names',
  class_name: 'Class name',
  business_name: 'Business name',
};

/** A `{word}` in the text: letters, digits, spaces, `_` and `-`, short enough to be meant as a field. */
const FIELD = /\{\s*([A-Za-z][A-Za-z0-9_ -]{0,39}?)\s*\}/g;

const isKnown = (name: string): name is MergeFieldName => (mergeFieldNames as readonly string[]).includes(name);
const normalize = (name: string): string => name.toLowerCase().replace(/[\s-]+/g, '_');

export interface MergeScan {
  /** Known fields used, each once, in the order they first appear. */
  fields: MergeFieldName[];
  /** `{…}` that are not fields (a typo like `{frist_name}`), as typed, each once. */
  unknown: string[];
}

export function scanMergeFields(body: string): MergeScan {
  const fields = new Set<MergeFieldName>();
  const unknown = new Set<string>();
  for (const match of body.matchAll(FIELD)) {
    const name = normalize(match[1] ?? '');
    if (isKnown(name)) fields.add(name);
    else unknown.add(match[0]);
  }
  return { fields: [...fields], unknown: [...unknown] };
}

/** A value as it goes into a text: one line, no runs of spaces (names come from forms and CSVs). */
export function cleanMergeValue(value: string | undefined): string {
  return (value ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

export interface MergeResult {
  text: string;
  /** Fields used in the message that had no value for this recipient. */
  empty: MergeFieldName[];
}

/** Fills in the known fields; unknown `{…}` stay as typed (the composer flags them before sending). */
export function renderMerge(body: string, values: MergeValues): MergeResult {
  const empty = new Set<MergeFieldName>();
  const text = body.replace(FIELD, (whole, raw: string) => {
    const name = normalize(raw);
    if (!isKnown(name)) return whole;
    const value = cleanMergeValue(values[name]);
    if (value === '') empty.add(name);
    return value;
  });
  return { text, empty: [...empty] };
}

/** "Mia", "Mia and Leo", "Mia, Leo and Sam": how names read in a text to a family. */
export function joinNames(names: readonly string[]): string {
  const list = [...new Set(names.map((n) => cleanMergeValue(n)).filter((n) => n !== ''))];
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1] ?? ''}`;
}

/** Puts `{field}` where the cursor is (replacing a selection); returns the new text and where the cursor goes. */
export function insertMergeField(text: string, selectionStart: number, selectionEnd: number, field: MergeFieldName): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  const token = `{${field}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}
