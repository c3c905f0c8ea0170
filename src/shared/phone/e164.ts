import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneParse = { ok: true; e164: string } | { ok: false; reason: string };

/** Normalizes what staff typed or a CSV held to E.164, reading national numbers in the business's country. */
export function toE164(raw: string, country: string): PhoneParse {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'No phone number.' };
  const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
  if (parsed === undefined || !parsed.isValid()) return { ok: false, reason: 'Not a valid phone number.' };
  return { ok: true, e164: parsed.number };
}

/** How a number reads at the desk: national format for the business's country, international otherwise. */
export function formatPhone(e164: string, country: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return e164;
  return parsed.country === country.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * `toE164` for a whole list, in its order. A number that appears more than once (a list pasted
 * twice, a family on two rosters) is parsed once: parsing costs ~5 µs a number.
 */
export function toE164All(raws: readonly string[], country: string): PhoneParse[] {
  const seen = new Map<string, PhoneParse>();
  return raws.map((raw) => {
    let parsed = seen.get(raw);
    if (parsed === undefined) {
      parsed = toE164(raw, country);
      seen.set(raw, parsed);
    }
    return parsed;
  });
}
