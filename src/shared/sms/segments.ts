import { GSM_EXTENSION, isGsmCharacter } from './gsm-alphabet';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMeasure {
  encoding: SmsEncoding;
  /** User-perceived characters (code points). */
  characters: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
  units: number;
  segments: number;
  /** 160/153 (GSM-7) or 70/67 (UCS-2), depending on whether the text needs more than one segment. */
  unitsPerSegment: number;
  /** Units still free in the last segment before another one (and another credit) is needed. */
  remainingInSegment: number;
  /** Characters that force UCS-2, each once, in the order they first appear. */
  nonGsmCharacters: string[];
}

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

const unitsOf = (text: string, encoding: SmsEncoding): number =>
  encoding === 'UCS-2' ? text.length : [...text].reduce((sum, c) => sum + (GSM_EXTENSION.has(c) ? 2 : 1), 0);

/**
 * The pieces a segment boundary may fall between. Twilio keeps a grapheme cluster whole (an
 * emoji with a skin tone, a joiner or a variation selector; a letter with its accents; a flag),
 * so one that does not fit moves to the next segment. Two exceptions: CR LF is one cluster but
 * two GSM characters, which Twilio does split; and a cluster longer than a whole segment (a
 * letter under dozens of marks) cannot move anywhere, so it is split between its code points.
 */
function pieces(text: string, encoding: SmsEncoding): string[] {
  const out: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (segment === '\r\n' || unitsOf(segment, encoding) > LIMITS[encoding].multi) out.push(...segment);
    else out.push(segment);
  }
  return out;
}

/**
 * What the carrier will bill for a text: the one function the composer preview, the credit
 * estimate and the sending engine all use. A GSM escape pair, a UTF-16 surrogate pair and a
 * grapheme cluster are never split across segments, as Twilio does, so a segment may end short.
 */
export function measureSms(text: string): SmsMeasure {
  const chars = [...text];
  const nonGsmCharacters = [...new Set(chars.filter((c) => !isGsmCharacter(c)))];
  const encoding: SmsEncoding = nonGsmCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const units = unitsOf(text, encoding);
  const { single, multi } = LIMITS[encoding];

  if (units === 0) return { encoding, characters: 0, units: 0, segments: 0, unitsPerSegment: single, remainingInSegment: single, nonGsmCharacters };
  if (units <= single) {
    return { encoding, characters: chars.length, units, segments: 1, unitsPerSegment: single, remainingInSegment: single - units, nonGsmCharacters };
  }
  let segments = 1;
  let used = 0;
  for (const piece of pieces(text, encoding)) {
    const cost = unitsOf(piece, encoding);
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters: chars.length, units, segments, unitsPerSegment: multi, remainingInSegment: multi - used, nonGsmCharacters };
}
