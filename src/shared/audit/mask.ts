/**
 * The one masking used wherever the audit log is shown or exported: an EIN keeps its last four
 * digits (••-•••1234), a phone number its last four (+1 •••-•••-0142), and anything that looks
 * like a token or key is never shown at all. Applied to the finished text, so a value that slipped
 * into a detail in any shape (nested, formatted, from an older version) is still caught.
 */

const MASK = '•';

/** An EIN as typed: 2 digits, a dash, 7 digits. */
const EIN = /(?<![\d•])\d{2}-\d{7}(?!\d)/g;

/**
 * A phone number in any usual writing: an optional +, then 7 or more digits with spaces, dots,
 * dashes or brackets between them. Runs of 7+ digits that are not phones (a long id) are masked
 * too: hiding a harmless number is better than showing a private one.
 */
const PHONE = /(?<![\d•])\+?\(?\d(?:[\s.()-]{0,2}\d){6,}/g;

/** Long runs of letters and digits (carrier keys, auth tokens, account ids). */
const TOKEN = /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}\b/g;

/** Keys an older detail may still carry with their value in the clear. */
const SECRET_VALUE = /("(?:[^"]*(?:secret|token|password|pin|key|auth)[^"]*)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** An already shortened number ("…0142" from the router's redaction) reads like the others. */
const SHORTENED = /…(\d{4})\b/g;

function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  const last4 = digits.slice(-4);
  if (raw.trim().startsWith('+1') || (digits.length === 11 && digits.startsWith('1'))) return `+1 ${MASK.repeat(3)}-${MASK.repeat(3)}-${last4}`;
  if (raw.trim().startsWith('+')) return `+${MASK.repeat(2)} ${MASK.repeat(3)}-${MASK.repeat(3)}-${last4}`;
  return `${MASK.repeat(3)}-${MASK.repeat(3)}-${last4}`;
}

export function maskSensitive(text: string): string {
  return text
    .replace(SECRET_VALUE, '$1"[hidden]"')
    .replace(TOKEN, '[hidden]')
    .replace(EIN, (ein) => `${MASK.repeat(2)}-${MASK.repeat(3)}${ein.slice(-4)}`)
    .replace(PHONE, maskPhone)
    .replace(SHORTENED, (_m, last4: string) => `${MASK.repeat(3)}-${MASK.repeat(3)}-${last4}`);
}
