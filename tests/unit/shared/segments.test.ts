import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { makeGsmFriendly, replacementFor } from '../../../src/shared/sms/gsm-cheaper';
import { measureSms } from '../../../src/shared/sms/segments';

const gsmBasic = fc.constantFrom(...'@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#%&\'()*+,-./0123456789:;<=>?ABCXYZabcxyzäöñüà');
const gsmExtension = fc.constantFrom(...'^{}\\[~]|€');
const unicode = fc.constantFrom('é', '’', '“', '—', '…', 'ü', '中', 'ж', '😀', '👍🏽', '🎉');
const mixed = fc.array(fc.oneof({ weight: 8, arbitrary: gsmBasic }, { weight: 2, arbitrary: gsmExtension }, { weight: 1, arbitrary: unicode }), { maxLength: 400 }).map((a) => a.join(''));
const gsmOnly = fc.array(fc.oneof({ weight: 8, arbitrary: gsmBasic }, { weight: 2, arbitrary: gsmExtension }), { maxLength: 700 }).map((a) => a.join(''));

describe('measureSms', () => {
  it.each([
    ['', 'GSM-7', 0, 0],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(81), 'GSM-7', 162, 2],
    ['é'.repeat(70).replace(/é/g, 'ж'), 'UCS-2', 70, 1],
    ['ж'.repeat(71), 'UCS-2', 71, 2],
    ['ж'.repeat(134), 'UCS-2', 134, 2],
    ['ж'.repeat(135), 'UCS-2', 135, 3],
  ])('%#: %j is %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(measureSms(text)).toMatchObject({ encoding, units, segments });
  });

  it('never splits an extension character across a segment boundary', () => {
    // 152 plain characters, then '€' (2 septets): it cannot start at septet 153, so it moves to segment 2.
    const text = `${'a'.repeat(152)}€${'a'.repeat(10)}`;
    expect(measureSms(text)).toMatchObject({ units: 164, segments: 2, remainingInSegment: 153 - 12 });
  });

  it('never splits an emoji across a segment boundary', () => {
    const text = `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`;
    expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', units: 78, segments: 2, remainingInSegment: 67 - 12 });
  });

  it('lists each character that forces UCS-2 once, in order', () => {
    expect(measureSms('It’s “great” — see you… it’s').nonGsmCharacters).toEqual(['’', '“', '”', '—', '…']);
  });

  it('agrees with Twilio’s reference calculator on segments and encoding', () => {
    fc.assert(
      fc.property(mixed.filter((s) => s.length > 0), (text) => {
        const reference = new SegmentedMessage(text);
        const ours = measureSms(text);
        return ours.segments === reference.segmentsCount && ours.encoding === (reference.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2');
      }),
      { numRuns: 3000 },
    );
  });

  it('segments always hold the units, and the remainder is what the last segment has left', () => {
    fc.assert(
      fc.property(fc.oneof(gsmOnly, mixed), (text) => {
        const m = measureSms(text);
        return m.segments * m.unitsPerSegment >= m.units && m.remainingInSegment >= 0 && m.remainingInSegment < m.unitsPerSegment + 1;
      }),
    );
  });

  it('adding text never lowers the segment count', () => {
    fc.assert(fc.property(mixed, mixed, (a, b) => measureSms(a + b).segments >= measureSms(a).segments));
  });
});

describe('make it cheaper', () => {
  it('turns curly quotes, dashes, ellipsis and non-breaking spaces into GSM-7', () => {
    const fixed = makeGsmFriendly('Class “cancelled” tonight — it’s icy…\u00A0Stay safe');
    expect(fixed).toBe('Class "cancelled" tonight - it\'s icy... Stay safe');
    expect(measureSms(fixed).encoding).toBe('GSM-7');
  });

  it('leaves emoji alone and offers no replacement for them', () => {
    expect(makeGsmFriendly('Great job 🎉')).toBe('Great job 🎉');
    expect(replacementFor('🎉')).toBeNull();
    expect(replacementFor('’')).toBe("'");
  });

  it('turns any text whose special characters all have twins into GSM-7, and is idempotent', () => {
    const replaceable = fc.constantFrom('’', '“', '”', '—', '–', '…', '\u00A0');
    const text = fc.array(fc.oneof(gsmBasic, replaceable), { maxLength: 300 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (t) => measureSms(makeGsmFriendly(t)).encoding === 'GSM-7'));
    fc.assert(fc.property(mixed, (t) => makeGsmFriendly(makeGsmFriendly(t)) === makeGsmFriendly(t)));
  });
});
