import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}

/** Ids with Stripe's prefixes and lengths: `pi_3P…` (24 after the prefix), `cs_test_a1…` (58). */
export function newId(prefix: 'pi' | 'ch' | 'pm' | 'cus' | 'seti' | 'setatt' | 'evt' | 'txn' | 'req' | 'we' | 'whsec'): string {
  if (prefix === 'cus') return `cus_${base62(14)}`;
  if (prefix === 'req') return `req_${base62(14)}`;
  if (prefix === 'whsec') return `whsec_${base62(32)}`;
  return `${prefix}_${base62(24)}`;
}

export function newCheckoutSessionId(): string {
  return `cs_test_a1${base62(56)}`;
}

/** `pi_…_secret_…`: the client secret Stripe gives intents. */
export function clientSecret(id: string): string {
  return `${id}_secret_${base62(25)}`;
}
