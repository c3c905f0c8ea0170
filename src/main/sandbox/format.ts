import { randomBytes } from 'node:crypto';

/** The 2010 API writes dates as RFC 2822 ("Thu, 24 Aug 2023 05:01:45 +0000"). */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export function rfc2822OrNull(ms: number | null): string | null {
  return ms === null ? null : rfc2822(ms);
}

/** The v1 APIs write ISO 8601 without milliseconds ("2023-08-24T05:01:45Z"). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** Twilio sids: two-letter type prefix plus 32 lowercase hex digits. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** Real hosts: v1 resources carry absolute URLs; the adapter's client rewrites them to us. */
export const hosts = {
  api: 'https://api.twilio.com',
  messaging: 'https://messaging.twilio.com',
  trusthub: 'https://trusthub.twilio.com',
} as const;

/** "(512) 555-0123" for +15125550123, as Twilio shows US numbers in friendly_name. */
export function friendlyUs(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** Deterministic 32-bit hash (FNV-1a), so random outcomes are reproducible for a given sid. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable pseudo-random number in [0, 1) for `key`. */
export function unitRandom(key: string): number {
  return hash32(key) / 0x1_0000_0000;
}
