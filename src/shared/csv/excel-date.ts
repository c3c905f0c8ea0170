/** Day 0 of Excel's serial dates (1899-12-30, which absorbs its 1900 leap-year bug). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Countries that write the month first (5/3/2015 is May 3). Everywhere else it is 5 March. */
const MONTH_FIRST = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'CA']);

/**
 * A date as spreadsheets save it, to yyyy-mm-dd: an Excel serial number (42000), yyyy-mm-dd,
 * or m/d/yyyy or d/m/yyyy (with / . or -) read the way the business's country writes dates.
 * Null when it is not a real date.
 */
export function parseSheetDate(raw: string, country: string): string | null {
  const text = raw.trim();
  if (/^\d{1,5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < 1 || serial > 80_000) return null;
    const date = new Date(EXCEL_EPOCH_UTC + serial * 86_400_000);
    return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?$/.exec(text);
  if (!match) return null;
  const [a, b] = [Number(match[1]), Number(match[2])];
  let year = Number(match[3]);
  // Two-digit years: birthdays are in the past, so 24 is 2024 and 87 is 1987.
  if (match[3]!.length === 2) year += year <= new Date().getUTCFullYear() % 100 ? 2000 : 1900;
  return MONTH_FIRST.has(country.toUpperCase()) ? iso(year, a, b) : iso(year, b, a);
}
