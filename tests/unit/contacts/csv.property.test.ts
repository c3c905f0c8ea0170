import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, readCsv } from '../../../src/shared/csv/read-csv';
import { escapeFormula, toCsv, unescapeFormula } from '../../../src/shared/csv/write-csv';

/** Cells as a contact book holds them: any text, including quotes, delimiters, line breaks and formula starts. */
const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('=HYPERLINK("http://x","y")', '+1 212', '-5', '@SUM(A1)', '\tindent', 'a,b', 'say "hi"', 'two\r\nlines', 'x;y', ''),
);
/** Rows of one width, the header without an empty cell (a file's first line is never blank). */
const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.tuple(
    fc.array(fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)), { minLength: width, maxLength: width }),
    fc.array(fc.array(cell, { minLength: width, maxLength: width }).filter((row) => row.some((c) => c.trim() !== '')), { maxLength: 30 }),
  ).map(([header, rows]) => [header, ...rows]));

const looksBinary = (text: string) => [...text.slice(0, 4096)].some((ch) => ch.charCodeAt(0) < 0x20 && !'\t\n\r\f'.includes(ch));

describe('CSV', () => {
  it('round trip: what is exported reads back the same, formula cells included', async () => {
    await fc.assert(fc.asyncProperty(table, async (rows) => {
      const text = toCsv(rows);
      fc.pre(!looksBinary(text));
      const back = await readCsv(text);
      expect(back.rows.map((row) => row.map(unescapeFormula))).toEqual(rows);
    }), { numRuns: 300 });
  });

  it('round trip across the slices a big file is read in (rows never cut in two)', async () => {
    const longCell = fc.oneof(cell, fc.string({ unit: fc.constantFrom('a', '"', ',', ';', '\n', '\r\n', ' ', 'é'), maxLength: 4000 }));
    const wide = fc.array(fc.array(longCell, { minLength: 3, maxLength: 3 }).filter((row) => row.some((c) => c.trim() !== '')), { minLength: 5, maxLength: 60 });
    await fc.assert(fc.asyncProperty(wide, async (rows) => {
      const table = [['a', 'b', 'c'], ...rows];
      const back = await readCsv(toCsv(table));
      expect(back.rows.map((row) => row.map(unescapeFormula))).toEqual(table);
    }), { numRuns: 40 });
  }, 60_000);

  it('never writes a cell a spreadsheet would run as a formula', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const escaped = escapeFormula(text);
      expect(escaped).not.toMatch(/^[=+\-@\t\r]/);
      expect(unescapeFormula(escaped)).toBe(text);
    }));
    expect(toCsv([['=1+1', '+1', '-1', '@x', '\tx', '\rx', 'ok']])).toBe(`'=1+1,'+1,'-1,'@x,"'\tx","'\rx",ok\r\n`);
  });

  it('reads BOMs, CRLF, quoted line breaks, semicolons and tabs', async () => {
    expect((await readCsv('\uFEFFa;b\r\n"x\r\ny";2\r\n')).rows).toEqual([['a', 'b'], ['x\r\ny', '2']]);
    expect((await readCsv('a\tb\n1\t2')).rows).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('hostile input: a 10 MB cell, unbalanced quotes, binary junk', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const big = await readCsv(`name,notes\r\nAna,"${huge}"\r\nBo,short\r\n`);
    expect(big.rows[1]![1]!.length).toBe(huge.length);
    expect(big.rows[2]).toEqual(['Bo', 'short']);
    await expect(readCsv('a,b\n"unclosed,1\n2,3\n')).rejects.toThrow(/never closed/);
    await expect(readCsv('\u0000\u0001PK\u0003\u0004')).rejects.toBeInstanceOf(CsvError);
    await expect(readCsv('')).rejects.toThrow(/empty/);
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2000 }), async (junk) => {
      // Junk is either read as some rows or refused with a CsvError: never a crash of another kind.
      await readCsv(junk).catch((error: unknown) => expect(error).toBeInstanceOf(CsvError));
    }), { numRuns: 300 });
  }, 60_000);
});
