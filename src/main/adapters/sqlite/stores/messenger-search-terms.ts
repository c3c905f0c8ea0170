/**
 * The FTS5 expression for words a person typed. Each word becomes a quoted prefix term
 * ("swim"*), all of them required: whatever was typed (quotes, `*`, NEAR, AND/OR/NOT, column
 * filters, SQL) is only ever words to find, never FTS syntax. Words hold only letters, digits
 * and marks (see `searchWords`), so no quote can appear inside one; doubling quotes keeps that
 * true even if a caller passes something else.
 */
export function ftsMatch(words: readonly string[]): string | null {
  const terms = words.filter((w) => w !== '').map((w) => `"${w.replaceAll('"', '""')}"*`);
  return terms.length === 0 ? null : terms.join(' ');
}
