/**
 * Splits what staff paste into the To box — one number a line, or separated by commas,
 * semicolons or tabs (a spreadsheet column) — into entries. Spaces stay: "(512) 555-0123" is one
 * number. Main parses and checks every entry; this only decides where one ends.
 */
export function splitRecipientList(text: string): string[] {
  return text
    .split(/[\n\r,;\t]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
