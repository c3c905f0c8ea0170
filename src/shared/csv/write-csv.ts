/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return that
 * some programs strip first) gets a leading apostrophe, so an exported name like "=HYPERLINK(…)"
 * opens as text (OWASP CSV injection).
 */
export function escapeFormula(cell: string): string {
  // Apostrophes already in front get one more, so `unescapeFormula` can take exactly one off.
  return /^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * RFC 4180 quoting: quotes doubled, the cell quoted when it holds a quote, a line break or any
 * delimiter a reader might guess (`,` `;` tab), so the file reads back the same whichever it picks.
 */
function quote(cell: string): string {
  return /[",;\t\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows to CSV text with CRLF line ends (what Excel writes), every cell formula-escaped. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((row) => row.map((cell) => quote(escapeFormula(cell === null ? '' : String(cell)))).join(',')).join('\r\n') + '\r\n';
}

/** Reverses `escapeFormula` on a cell read back in, so an exported file imports as it was. */
export function unescapeFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
