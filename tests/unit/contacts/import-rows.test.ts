import { describe, expect, it } from 'vitest';
import type { ContactKind, ImportField } from '../../../src/shared/contract/contacts';
import { guessColumns } from '../../../src/main/core/contacts/column-guess';
import { RowChecker, splitName, type CheckedRows } from '../../../src/main/core/contacts/import-rows';

const check = (rows: string[][], mapping: ImportField[], defaultKind: ContactKind = 'guardian') => {
  const checker = new RowChecker(mapping, { country: 'US', defaultKind, classes: new Map([['level 2', 7]]) });
  const out: CheckedRows = { people: [], skipped: [] };
  rows.forEach((cells, i) => checker.check(cells, i + 2, out));
  return out;
};

describe('reading an import row', () => {
  it('guesses columns from the names spreadsheets use', () => {
    expect(guessColumns(['Name', 'Mobile', 'Cell 2', 'Email Address', 'Date of Birth', 'Program', 'Labels', 'Type'])).toEqual(['fullName', 'phone1', 'phone2', 'email', 'birthday', 'className', 'tags', 'type']);
    expect(guessColumns(['Parent Name', 'Household', 'Surname', 'Given name', 'Notes'])).toEqual(['guardianName', 'familyName', 'lastName', 'firstName', 'ignore']);
  });

  it('splits full names written either way', () => {
    expect(splitName('Rivera, Ana Maria')).toEqual({ firstName: 'Ana Maria', lastName: 'Rivera' });
    expect(splitName('  Ana  Maria Rivera ')).toEqual({ firstName: 'Ana Maria', lastName: 'Rivera' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });

  it('a student row with a guardian makes both, in one family; the guardian holds the phones', () => {
    const out = check([['Cy', 'Rivera', 'Ana Rivera', "'+12125550142", 'Level 2', 'Team; Carpool']], ['firstName', 'lastName', 'guardianName', 'phone1', 'className', 'tags']);
    expect(out.skipped).toEqual([]);
    expect(out.people.map((p) => p.person)).toEqual([
      { kind: 'student', firstName: 'Cy', lastName: 'Rivera', familyName: 'Rivera', email: null, birthday: null, phones: [], classIds: [7], tags: ['Team', 'Carpool'] },
      { kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyName: 'Rivera', email: null, birthday: null, phones: ['+12125550142'], classIds: [], tags: [] },
    ]);
  });

  it('a type column decides who the person is; staff have no family', () => {
    const out = check([['Coach', 'Bo Li', '2125550199']], ['type', 'fullName', 'phone1']);
    expect(out.people[0]?.person).toMatchObject({ kind: 'staff', firstName: 'Bo', lastName: 'Li', familyName: null, phones: ['+12125550199'] });
  });

  it('skips a row whole, with the reason', () => {
    const out = check([['Ana', 'Rivera', '2125550142', '31/31/2016'], ['Bo', 'Li', '', '']], ['firstName', 'lastName', 'phone1', 'birthday']);
    expect(out.skipped.map((s) => [s.row, s.reason, s.detail])).toEqual([
      [2, 'bad_birthday', 'The birthday is not a date: 31/31/2016'],
      [3, 'invalid_number', 'No phone number'],
    ]);
  });
});
