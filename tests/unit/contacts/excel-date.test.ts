import { describe, expect, it } from 'vitest';
import { parseSheetDate } from '../../../src/shared/csv/excel-date';

describe('dates as spreadsheets save them', () => {
  it('reads Excel serial numbers, ISO dates, and slashed dates the way the country writes them', () => {
    expect(parseSheetDate('42000', 'US')).toBe('2014-12-27');
    expect(parseSheetDate('42000.5', 'GB')).toBe('2014-12-27');
    expect(parseSheetDate('2016-05-03', 'GB')).toBe('2016-05-03');
    expect(parseSheetDate('2016-05-03T00:00:00', 'US')).toBe('2016-05-03');
    expect(parseSheetDate('5/3/2016', 'US')).toBe('2016-05-03');
    expect(parseSheetDate('5/3/2016', 'GB')).toBe('2016-03-05');
    expect(parseSheetDate('05.03.2016', 'DE')).toBe('2016-03-05');
    expect(parseSheetDate('12/31/99', 'US')).toBe('1999-12-31');
  });

  it('refuses what is not a real date', () => {
    for (const text of ['', 'soon', '2/30/2016', '13/13/2016', '0', '99999999', '2016-02-30']) expect(parseSheetDate(text, 'US')).toBeNull();
  });
});
