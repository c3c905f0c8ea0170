import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BillingStore } from './store.ts';

/**
 * Per-business billing tokens: `sdb_<id>.<secret>`. The id names the token (it may appear in
 * logs and in a revoke command); only a SHA-256 of the secret is stored, so the service's file
 * does not hand out working tokens, and the secret is compared in constant time.
 */
const tokenPattern = /^sdb_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

export interface IssuedToken {
  businessId: string;
  tokenId: string;
  token: string;
}

/** The provider's onboarding: a business (found by name or added) and a new token for it. */
export function issueToken(store: BillingStore, businessName: string, now: number): IssuedToken {
  const name = businessName.trim();
  if (name === '' || name.length > 200) throw new Error('A business name is 1 to 200 characters.');
  return store.transaction(() => {
    let business = store.businessByName(name);
    if (!business) {
      const id = newId('biz');
      store.addBusiness(id, name, now);
      business = { id, name, stripeCustomerId: null };
    }
    const tokenId = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    store.addToken(tokenId, business.id, hashSecret(secret), now);
    return { businessId: business.id, tokenId, token: `sdb_${tokenId}.${secret}` };
  });
}

/** The business a presented token belongs to, or null for a malformed, unknown or revoked one. */
export function authenticate(store: BillingStore, authorization: string | undefined): string | null {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const parts = match ? tokenPattern.exec(match[1] ?? '') : null;
  if (!parts) return null;
  const stored = store.activeToken(parts[1] ?? '');
  // Hash anyway when the id is unknown, so the answer takes the same time either way.
  const presented = hashSecret(parts[2] ?? '');
  if (!stored) return null;
  const expected = Buffer.from(stored.secretHash);
  return expected.length === presented.length && timingSafeEqual(expected, presented) ? stored.businessId : null;
}

export function tokenIdOf(token: string): string | null {
  const parts = tokenPattern.exec(token);
  return parts ? (parts[1] ?? null) : null;
}
