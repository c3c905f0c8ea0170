import { previewOutbound } from '../../../shared/sms/compose';
import { renderMerge, scanMergeFields, type MergeFieldName } from '../../../shared/sms/merge-fields';
import type { MessageOptions } from '../../../shared/sms/message-options';
import type { SmsEncoding } from '../../../shared/sms/segments';
import type { Household } from './households';

/** Lists of names in a preflight stop here; the counts cover everyone. */
export const NAMES_LISTED = 50;

/** One recipient's text as the carrier receives it (header and footer included), measured. */
export interface PersonalMessage {
  phone: string;
  name: string;
  text: string;
  segments: number;
  encoding: SmsEncoding;
  characters: number;
  empty: MergeFieldName[];
}

export interface Preflight {
  messages: PersonalMessage[];
  /** "412 × 1 part, 37 × 2 parts": how many texts of each length, shortest first. */
  histogram: Array<{ segments: number; count: number }>;
  credits: number;
  /** Longer than the admin's maximum parts (or 1,600 characters): named; the send is refused while any is. */
  tooLong: { count: number; people: Array<{ name: string; phone: string; segments: number }> };
  /** Characters that force UCS-2, from the message itself (one click replaces them) and from names. */
  ucs2: { inMessage: string[]; inNames: string[]; recipients: number };
  /** Fields used that are empty for some recipients, with who. */
  emptyFields: Array<{ field: MergeFieldName; count: number; people: Array<{ name: string; phone: string }> }>;
  /** `{…}` that are not merge fields: the send is refused while any is there. */
  unknownFields: string[];
}

type Options = Pick<MessageOptions, 'header' | 'footer' | 'maxPartsPerMessage'>;

/**
 * Fills in each household's merge values and measures its text with `previewOutbound` — the same
 * header, footer and `measureSms` the engine bills by. Households whose text comes out the same
 * are measured once: most merge fields take a handful of values across a school.
 */
export function preflight(households: readonly Household[], body: string, options: Options, businessName: string): Preflight {
  const measured = new Map<string, ReturnType<typeof previewOutbound>>();
  const bodyNonGsm = new Set(previewOutbound(body, options, 'mass').measure.nonGsmCharacters);
  const messages: PersonalMessage[] = [];
  const histogram = new Map<number, number>();
  const tooLong: Preflight['tooLong'] = { count: 0, people: [] };
  const inNames = new Set<string>();
  let ucs2Recipients = 0;
  const empty = new Map<MergeFieldName, Preflight['emptyFields'][number]>();
  let credits = 0;
  for (const household of households) {
    const merged = renderMerge(body, { ...household.values, business_name: businessName });
    let preview = measured.get(merged.text);
    if (preview === undefined) {
      preview = previewOutbound(merged.text, options, 'mass');
      measured.set(merged.text, preview);
    }
    const { measure } = preview;
    messages.push({ phone: household.phone, name: household.name, text: preview.text, segments: measure.segments, encoding: measure.encoding, characters: measure.characters, empty: merged.empty });
    histogram.set(measure.segments, (histogram.get(measure.segments) ?? 0) + 1);
    credits += measure.segments;
    if (preview.tooLong) {
      tooLong.count++;
      if (tooLong.people.length < NAMES_LISTED) tooLong.people.push({ name: household.name, phone: household.phone, segments: measure.segments });
    }
    if (measure.encoding === 'UCS-2') {
      ucs2Recipients++;
      for (const c of measure.nonGsmCharacters) if (!bodyNonGsm.has(c)) inNames.add(c);
    }
    for (const field of merged.empty) {
      const entry = empty.get(field) ?? { field, count: 0, people: [] };
      entry.count++;
      if (entry.people.length < NAMES_LISTED) entry.people.push({ name: household.name, phone: household.phone });
      empty.set(field, entry);
    }
  }
  return {
    messages,
    histogram: [...histogram].sort(([a], [b]) => a - b).map(([segments, count]) => ({ segments, count })),
    credits,
    tooLong,
    ucs2: { inMessage: [...bodyNonGsm], inNames: [...inNames], recipients: ucs2Recipients },
    emptyFields: [...empty.values()],
    unknownFields: scanMergeFields(body).unknown,
  };
}
