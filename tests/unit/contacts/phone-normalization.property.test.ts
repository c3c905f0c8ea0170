import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src/main/core/contacts/phone';

const countries = fc.constantFrom('US', 'CA', 'GB', 'AU', 'NZ', 'DE', 'FR', 'us', 'XX', '', '1');
/** What a phone cell may hold: digits with the usual punctuation, or anything at all. */
const phoneish = fc.oneof(
  fc.stringMatching(/^\+?[\d ().-]{0,20}$/),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom("'+12125550142", '(212) 555-0142', '+44 20 7946 0958', '12125550142', '=1+1', '0', '+'),
);

describe('phone normalization', () => {
  it('never throws, whatever the cell and the country', () => {
    fc.assert(fc.property(phoneish, countries, (raw, country) => {
      expect(() => normalizePhone(raw, country)).not.toThrow();
    }), { numRuns: 3000 });
  });

  it('is idempotent: a normalized number normalizes to itself, in any country', () => {
    fc.assert(fc.property(phoneish, countries, countries, (raw, country, other) => {
      const once = normalizePhone(raw, country);
      if (!once.ok) return;
      expect(once.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(normalizePhone(once.e164, country)).toEqual(once);
      expect(normalizePhone(once.e164, other)).toEqual(once);
    }), { numRuns: 3000 });
  });

  it('reads national numbers in the business country', () => {
    expect(normalizePhone('(212) 555-0142', 'US')).toEqual({ ok: true, e164: '+12125550142' });
    expect(normalizePhone("'+12125550142", 'GB')).toEqual({ ok: true, e164: '+12125550142' });
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('12', 'US').ok).toBe(false);
  });
});
