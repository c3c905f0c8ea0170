import { timingSafeEqual } from 'node:crypto';
import { SimError } from './errors.ts';

export interface SimCredentials {
  accountSid: string;
  authToken: string;
  /** Standard API keys (SK…) with their secrets, accepted like Twilio accepts them. */
  apiKeys: ReadonlyArray<{ sid: string; secret: string }>;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks HTTP Basic credentials the way Twilio does: Account SID + Auth Token, or API key
 * SID + secret. Anything else is 401 with code 20003. A 2010 path naming another account is
 * refused the same way, because these credentials cannot act for it.
 */
export function authenticate(header: string | undefined, path: string, creds: SimCredentials): void {
  const refused = new SimError(401, 20003, 'Authenticate');
  if (header === undefined || !header.startsWith('Basic ')) throw refused;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw refused;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const asAccount = same(user, creds.accountSid) && same(password, creds.authToken);
  const asKey = creds.apiKeys.some((k) => same(user, k.sid) && same(password, k.secret));
  if (!asAccount && !asKey) throw refused;
  const pathAccount = /^\/2010-04-01\/Accounts\/([^/.]+)/.exec(path)?.[1];
  if (pathAccount !== undefined && pathAccount !== creds.accountSid) throw refused;
}
