import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { destinationError } from '../../../src/main/sandbox/phone-rules';
import { countSegments } from '../../../src/main/sandbox/segments';
import { simSettingsSchema, parseSettingsPatch } from '../../../src/main/sandbox/settings';

const settings = simSettingsSchema.parse({});

describe('simulator segment count', () => {
  it.each([
    ['a'.repeat(160), 1],
    ['a'.repeat(161), 2],
    ['a'.repeat(306), 2],
    ['a'.repeat(307), 3],
    ['€'.repeat(80), 1],
    ['€'.repeat(81), 2],
    ['é'.repeat(160), 1],
    ['ñ'.repeat(10) + 'ą', 1],
    ['ą'.repeat(70), 1],
    ['ą'.repeat(71), 2],
    ['😀'.repeat(35), 1],
    ['😀'.repeat(36), 2],
  ])('%#: %s… → %i', (body, segments) => {
    expect(countSegments(body)).toBe(segments);
  });

  it("agrees with Twilio's own segment calculator", () => {
    const alphabet = fc.constantFrom('a', 'Z', ' ', '0', '@', '£', 'é', '\n', '€', '[', '^', '~', 'ą', '’', '😀', '—');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 400 }).map((a) => a.join('')), (body) => {
        expect(countSegments(body)).toBe(new SegmentedMessage(body).segmentsCount);
      }),
      { numRuns: 300 },
    );
  });
});

describe('simulator destination rules', () => {
  it.each([
    ['+15125550123', null],
    ['+15005550006', null],
    ['+15005550001', 21211],
    ['+15005550002', 21612],
    ['+15005550003', 21408],
    ['+15005550004', 21610],
    ['+15005550009', 21614],
    ['+15555550123', 21211],
    ['+11125550123', 21211],
    ['5125550123', 21211],
    ['+1512555012', 21211],
    ['+447700900123', 21408],
    ['+16135550123', null],
  ] as const)('%s → %s', (to, code) => {
    expect(destinationError(to, settings)).toBe(code);
  });

  it('honours configured landlines and geo permissions', () => {
    const custom = { ...settings, landlineNumbers: ['+15125550123'], allowedCallingCodes: ['1', '44'] };
    expect(destinationError('+15125550123', custom)).toBe(21614);
    expect(destinationError('+447700900123', custom)).toBeNull();
  });
});

describe('simulator settings', () => {
  it('applies only the keys a patch names', () => {
    expect(parseSettingsPatch({ mps: 5 })).toEqual({ mps: 5 });
    expect(() => parseSettingsPatch({ mps: -1 })).toThrow();
    expect(() => parseSettingsPatch({ nonsense: true })).toThrow();
  });
});
