import { timingSafeEqual } from 'node:crypto';
import { StripeApiError } from './errors.ts';

/**
 * The secret key as Stripe takes it: `Authorization: Bearer sk_test_…`, or Basic with the key as
 * the user name and no password. Anything else is a 401 in Stripe's words.
 */
function presentedKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return null;
}

function masked(key: string): string {
  const keep = key.slice(-4);
  const prefix = key.startsWith('sk_test_') ? 'sk_test_' : '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${keep}`;
}

export function authenticate(header: string | undefined, secretKey: string): void {
  const key = presentedKey(header);
  if (key === null || key === '') {
    throw new StripeApiError(401, {
      type: 'authentication_error',
      message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  }
  const a = Buffer.from(key);
  const b = Buffer.from(secretKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new StripeApiError(401, { type: 'authentication_error', code: 'api_key_invalid', message: `Invalid API Key provided: ${masked(key)}` });
  }
}
