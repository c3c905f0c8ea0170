/**
 * Changes this window made itself, by phone: main announces them back in messenger.changed, and
 * the window already shows their result, so that echo refreshes nothing. An entry lapses after a
 * few seconds, so a missed echo never hides a later change by someone else.
 */
const ECHO_WINDOW_MS = 5_000;
const expected = new Map<string, number>();

export function expectEcho(phone: string, now = Date.now()): void {
  expected.set(phone, now + ECHO_WINDOW_MS);
}

/** True when every phone of a change is an expected echo (each is then used up). */
export function isOwnEcho(phones: readonly string[], now = Date.now()): boolean {
  if (phones.length === 0) return false;
  const own = phones.every((phone) => (expected.get(phone) ?? 0) >= now);
  if (own) for (const phone of phones) expected.delete(phone);
  return own;
}
