import type { ImportField } from '../../../shared/contract/contacts';

/** Header words that name each field, checked in this order (so "guardian phone" is a phone, not a guardian). */
const GUESSES: ReadonlyArray<[ImportField, RegExp]> = [
  ['phone2', /(phone|mobile|cell|tel)\w*\s*(2|two|second)|\b(2nd|second|other)\s*(phone|mobile|cell)/],
  ['phone1', /phone|mobile|cell|tel|sms|number/],
  ['email', /e-?mail/],
  ['birthday', /birth|dob|born/],
  ['className', /class|program|course|level|group|session/],
  ['tags', /tag|label|categor/],
  ['type', /^(type|kind|role|contact type)$/],
  ['guardianName', /guardian|parent|mother|father|mom|dad|caregiver/],
  ['familyName', /family|household/],
  ['firstName', /first|given|fname|forename/],
  ['lastName', /last|surname|family name|lname/],
  ['fullName', /^(name|full name|student|student name|contact|contact name)$/],
];

/** The field each header most likely holds; a field is guessed for one column only. */
export function guessColumns(headers: readonly string[]): ImportField[] {
  const taken = new Set<ImportField>();
  return headers.map((header) => {
    const text = header.trim().toLowerCase().replace(/[_.]+/g, ' ');
    const found = GUESSES.find(([field, pattern]) => !taken.has(field) && pattern.test(text));
    if (!found) return 'ignore';
    taken.add(found[0]);
    return found[0];
  });
}
