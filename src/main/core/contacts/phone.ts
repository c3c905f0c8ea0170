import { toE164, type PhoneParse } from '../../../shared/phone/e164';

/**
 * A phone as the contact book keeps it: E.164, national numbers read in the business's country.
 * Never throws, whatever the text (a CSV cell can hold anything), and an E.164 number comes back
 * unchanged, so normalizing twice is normalizing once.
 */
export function normalizePhone(raw: string, country: string): PhoneParse {
  try {
    // Spreadsheets turn +1 212… into 12125550142 or '+1212…; both mean the same number.
    const text = raw.replace(/^'/, '').slice(0, 60);
    return toE164(text, /^[A-Za-z]{2}$/.test(country) ? country : 'US');
  } catch {
    return { ok: false, reason: 'Not a valid phone number.' };
  }
}
