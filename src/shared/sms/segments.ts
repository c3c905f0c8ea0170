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

/**
 * What the carrier will bill for a text: the one function the composer preview, the credit
 * estimate and the sending engine all use. A GSM escape pair and a UTF-16 surrogate pair are
 * never split across segments, as handsets and Twilio do, so a segment may end a unit short.
 */
export function measureSms(text: string): SmsMeasure {
  const chars = [...text];
  const nonGsmCharacters = [...new Set(chars.filter((c) => !isGsmCharacter(c)))];
  const encoding: SmsEncoding = nonGsmCharacters.length === 0 ? 'GSM-7' : 'UCS-2';
  const costs = chars.map((c) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, multi } = LIMITS[encoding];

  if (units === 0) return { encoding, characters: 0, units: 0, segments: 0, unitsPerSegment: single, remainingInSegment: single, nonGsmCharacters };
  if (units <= single) {
    return { encoding, characters: chars.length, units, segments: 1, unitsPerSegment: single, remainingInSegment: single - units, nonGsmCharacters };
  }
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters: chars.length, units, segments, unitsPerSegment: multi, remainingInSegment: multi - used, nonGsmCharacters };
}
