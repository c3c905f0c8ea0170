import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { makeGsmFriendly, replacementFor } from '../../../src/shared/sms/gsm-cheaper';
import { measureSms } from '../../../src/shared/sms/segments';

const gsmBasic = fc.constantFrom(...'@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#%&\'()*+,-./0123456789:;<=>?ABCXYZabcxyzäöñüà');
const gsmExtension = fc.constantFrom(...'^{}\\[~]|€');
const unicode = fc.constantFrom('é', '’', '“', '—', '…', 'ü', '中', 'ж', '😀', '👍🏽', '🎉');
const mixed = fc.array(fc.oneof({ weight: 8, arbitrary: gsmBasic }, { weight: 2, arbitrary: gsmExtension }, { weight: 1, arbitrary: unicode }), { maxLength: 400 }).map((a) => a.join(''));
/** Grapheme clusters of several code points: skin tones, joiners, variation selectors, keycaps, flags, combining marks, Hangul and Thai. */
const cluster = fc.constantFrom('👍🏽', '👋🏿', '👨‍👩‍👧', '👩‍💻', '🏳️‍🌈', '❤️', '☺️', '✌🏻', '1️⃣', '#️⃣', '🇺🇸', '🇬🇧', 'e\u0301', 'a\u0308\u0304', 'n\u0303', 'o\u0302\u0323', 'ก\u0e34\u0e4a', '\u1100\u1161\u11a8', '👨🏽‍🚀');
/** One UTF-16 unit each in UCS-2, so a run of them ends exactly where the test wants. */
const ucs2Fill = fc.constantFrom('ж', 'a', ' ', '€', '中');
const clustered = fc.array(fc.oneof({ weight: 6, arbitrary: gsmBasic }, { weight: 1, arbitrary: gsmExtension }, { weight: 2, arbitrary: cluster }), { maxLength: 200 }).map((a) => a.join(''));
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
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

  it('agrees with Twilio’s reference calculator when a grapheme cluster straddles a segment boundary', () => {
    // Fill exactly up to a few units short of a multipart boundary, then put clusters there: one
    // that does not fit must move to the next segment whole. CR LF is the one cluster Twilio splits.
    // The reference takes quadratic time in the length, so the texts stay a few segments long.
    const shortMixed = mixed.map((t) => t.slice(0, 80));
    const ucs2 = fc
      .record({
        boundary: fc.integer({ min: 1, max: 3 }),
        short: fc.integer({ min: 0, max: 9 }),
        fill: ucs2Fill,
        at: fc.array(fc.oneof({ weight: 4, arbitrary: cluster }, { weight: 1, arbitrary: unicode }), { minLength: 1, maxLength: 3 }),
        tail: shortMixed,
      })
      .map(({ boundary, short, fill, at, tail }) => fill.repeat(Math.max(0, boundary * 67 - short)) + at.join('') + tail);
    const gsm = fc
      .record({ boundary: fc.integer({ min: 1, max: 3 }), short: fc.integer({ min: 0, max: 2 }), tail: gsmOnly.map((t) => t.slice(0, 100)) })
      .map(({ boundary, short, tail }) => `${'a'.repeat(boundary * 153 - short)}\r\n${tail}`);
    fc.assert(
      fc.property(fc.oneof(ucs2, gsm, clustered).filter((s) => s.length > 0), (text) => {
        const reference = new SegmentedMessage(text);
        // The clusters chosen here are ones the reference's older Unicode tables split as today's do.
        expect(reference.graphemes.length).toBe([...segmenter.segment(text)].reduce((n, { segment }) => n + (segment === '\r\n' ? 2 : 1), 0));
        // Room left in the last segment shows where every boundary fell, not just how many there are.
        const last = reference.segments.at(-1);
        const remainingInSegment = Math.floor((last?.freeSizeInBits() ?? 0) / (reference.encodingName === 'GSM-7' ? 7 : 16));
        expect(measureSms(text)).toMatchObject({ segments: reference.segmentsCount, encoding: reference.encodingName, remainingInSegment });
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a skin tone', `${'ж'.repeat(65)}👍🏽${'ж'.repeat(65)}`],
    ['a variation selector', `${'ж'.repeat(66)}❤️${'ж'.repeat(66)}`],
    ['a zero-width joiner', `${'ж'.repeat(64)}👩‍💻${'ж'.repeat(64)}`],
    ['a combining accent', `${'ж'.repeat(66)}e\u0301${'ж'.repeat(66)}`],
    ['a flag', `${'ж'.repeat(65)}🇺🇸${'ж'.repeat(65)}`],
  ])('moves a cluster with %s to the next segment whole, costing one more part', (_name, text) => {
    expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    expect(new SegmentedMessage(text).segmentsCount).toBe(3);
  });

  it('splits a cluster longer than a whole segment between its code points, as nothing else can hold it', () => {
    const zalgo = `a${'\u0301'.repeat(100)}`;
    expect(measureSms(zalgo)).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2, remainingInSegment: 67 - 34 });
  });

  it('segments always hold the units, and the remainder is what the last segment has left', () => {
    fc.assert(
      fc.property(fc.oneof(gsmOnly, mixed, clustered), (text) => {
        const m = measureSms(text);
        return m.segments * m.unitsPerSegment >= m.units && m.remainingInSegment >= 0 && m.remainingInSegment < m.unitsPerSegment + 1;
      }),
    );
  });

  it('adding text never lowers the segment count', () => {
    const text = fc.oneof(mixed, clustered);
    fc.assert(fc.property(text, text, (a, b) => measureSms(a + b).segments >= measureSms(a).segments));
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
