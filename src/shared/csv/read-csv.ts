import Papa from 'papaparse';

export interface ParsedCsv {
  /** Every row, the header row first, cells as written. */
  rows: string[][];
  delimiter: string;
}

export class CsvError extends Error {}

/** Characters parsed per slice: a few milliseconds of work. */
const CHUNK_CHARS = 16 * 1024;

/** A timer rather than setImmediate: this runs in main and could run in a page. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** NUL and other control characters (tab, CR, LF, form feed aside) mean this is not a text file. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return true;
  }
  return false;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Characters read so far. */
  onProgress?: (chars: number) => void;
}

/** `,` `;` or tab: whichever the header line uses most outside quotes (a comma on a tie). */
function guessDelimiter(body: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let inQuotes = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Where the slice starting at `from` should end: the first line break at least CHUNK_CHARS on that
 * is not inside a quoted field (so no row is cut in two), or the end of the text. Linear: each
 * character is looked at once, however long a quoted cell runs.
 */
function sliceEnd(body: string, from: number, delimiter: number): number {
  const QUOTE = 34;
  const LF = 10;
  const CR = 13;
  let atFieldStart = true;
  let inQuotes = false;
  for (let i = from; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (inQuotes) {
      if (c !== QUOTE) continue;
      if (body.charCodeAt(i + 1) === QUOTE) i++;
      else inQuotes = false;
    } else if (c === QUOTE && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (c === LF) {
      if (i + 1 - from >= CHUNK_CHARS) return i + 1;
      atFieldStart = true;
    } else {
      // A quote inside an unquoted field is a plain character, as Papa reads it.
      atFieldStart = c === delimiter || c === CR;
    }
  }
  return body.length;
}

/**
 * Parses CSV text a slice of whole rows at a time and hands each slice's rows to `onRows`,
 * waiting for it, so a 50,000-row file never holds the thread and never sits in memory as rows
 * all at once. Reads a BOM, CRLF or LF, quoted fields with line breaks, and `,` `;` or tab
 * delimiters (guessed from the text). A malformed file rejects with a CsvError saying what and
 * near which row.
 */
export async function streamCsv(text: string, onRows: (rows: string[][]) => void | Promise<void>, options: StreamOptions = {}): Promise<{ delimiter: string }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new CsvError('The file is empty.');
  if (looksBinary(body)) throw new CsvError('This is not a CSV file: it holds characters a spreadsheet never writes. Save it from your spreadsheet as CSV and try again.');
  const delimiter = guessDelimiter(body);
  let rowsSeen = 0;
  for (let from = 0; from < body.length;) {
    const end = sliceEnd(body, from, delimiter.charCodeAt(0));
    const parsed = Papa.parse<string[]>(body.slice(from, end), { delimiter, skipEmptyLines: 'greedy' });
    const broken = parsed.errors.find((e) => e.type === 'Quotes');
    if (broken !== undefined) {
      throw new CsvError(`The file has a quote (") that is never closed, near row ${rowsSeen + (broken.row ?? 0) + 1}. Fix it in your spreadsheet and save it as CSV again.`);
    }
    rowsSeen += parsed.data.length;
    from = end;
    options.onProgress?.(end);
    await onRows(parsed.data);
    await yieldTurn();
    options.signal?.throwIfAborted();
  }
  return { delimiter };
}

/** Every row of the text, header first (small files, tests, previews). */
export async function readCsv(text: string, options: StreamOptions = {}): Promise<ParsedCsv> {
  const rows: string[][] = [];
  const { delimiter } = await streamCsv(text, (slice) => void rows.push(...slice), options);
  return { rows, delimiter };
}
