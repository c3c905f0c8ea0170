import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_PACKS,
  MAX_PURCHASE_CREDITS,
  MIN_PURCHASE_CREDITS,
  SOLD_COUNTRIES,
  formatMoney,
  isValidPurchaseCredits,
  quote,
} from '../../../src/shared/billing/rates';

const sold = fc.constantFrom(...SOLD_COUNTRIES);
const credits = fc.integer({ min: 0, max: MAX_PURCHASE_CREDITS });

describe('rates table', () => {
  it.each([
    ['US', 1_000, 3_000, null, 3_000],
    ['CA', 1_000, 3_000, null, 3_000],
    ['AU', 1_000, 8_000, 1_000, 9_000],
    ['NZ', 1_000, 12_000, null, 12_000],
    ['GB', 1_000, 6_000, null, 6_000],
  ] as const)('%s: %i credits cost %i cents plus fee %s', (country, n, cost, fee, total) => {
    const q = quote(country, n);
    expect(q.kind).toBe('priced');
    if (q.kind !== 'priced') return;
    expect(q.creditsCost).toEqual({ minor: cost, currency: 'USD' });
    expect(q.monthlyFee?.minor ?? null).toBe(fee);
    expect(q.total).toEqual({ minor: total, currency: 'USD' });
  });

  it('other countries are asked to contact support, whatever the case of the code', () => {
    expect(quote('de', 500)).toEqual({ kind: 'contactSupport', country: 'DE', credits: 500 });
    expect(quote('us', 500).kind).toBe('priced');
  });

  it('totals are integers and the credits part is linear in credits', () => {
    fc.assert(
      fc.property(sold, credits, credits, (country, a, b) => {
        const qa = quote(country, a);
        const qb = quote(country, b);
        const qab = quote(country, a + b);
        if (qa.kind !== 'priced' || qb.kind !== 'priced' || qab.kind !== 'priced') return false;
        expect(Number.isSafeInteger(qa.total.minor)).toBe(true);
        expect(qab.creditsCost.minor).toBe(qa.creditsCost.minor + qb.creditsCost.minor);
        expect(qa.creditsCost.minor).toBe(a * qa.perCredit.minor);
        expect(qa.total.minor).toBe(qa.creditsCost.minor + (qa.monthlyFee?.minor ?? 0));
        return true;
      }),
    );
  });

  it('the monthly fee can be left out when it is already paid', () => {
    const q = quote('AU', 500, { includeMonthlyFee: false });
    expect(q.kind === 'priced' && q.total.minor).toBe(4_000);
  });

  it('refuses a credit count that is not a whole number', () => {
    expect(() => quote('US', 1.5)).toThrow(RangeError);
    expect(() => quote('US', -1)).toThrow(RangeError);
  });

  it('every pack is a valid purchase and custom amounts are bounded', () => {
    for (const pack of CREDIT_PACKS) expect(isValidPurchaseCredits(pack)).toBe(true);
    expect(isValidPurchaseCredits(MIN_PURCHASE_CREDITS - 1)).toBe(false);
    expect(isValidPurchaseCredits(MAX_PURCHASE_CREDITS + 1)).toBe(false);
    expect(isValidPurchaseCredits(250.5)).toBe(false);
  });

  it('formats money from minor units', () => {
    expect(formatMoney({ minor: 3_000, currency: 'USD' })).toBe('$30.00');
    expect(formatMoney({ minor: 1, currency: 'USD' })).toBe('$0.01');
  });
});
