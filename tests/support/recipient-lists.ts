import type { ConsentState, QueuedSend } from '../../src/shared/contract';
import type { PhoneParse } from '../../src/shared/phone/e164';
import type { RecipientFacts, RecipientRules } from '../../src/main/core/sending/recipient-reader';

/** A small seeded generator, so a failure can be run again with the same list. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const digits = (next: () => number, count: number): string => Array.from({ length: count }, () => Math.floor(next() * 10)).join('');

/** What staff paste and CSV exports hold: canonical and national forms, other countries, typos, junk, repeats. */
export function realLookingList(seed: number, size: number): string[] {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const area = (): string => pick(['512', '737', '214', '469', '416', '604', '212', '900', '800', '555', '123', '011']);
  const makers: Array<() => string> = [
    () => `+1${area()}${digits(next, 7)}`,
    () => `(${area()}) ${digits(next, 3)}-${digits(next, 4)}`,
    () => `${area()}.${digits(next, 3)}.${digits(next, 4)}`,
    () => `1-${area()}-${digits(next, 3)}-${digits(next, 4)}`,
    () => `  ${area()}${digits(next, 7)}  `,
    () => `+44 7${digits(next, 3)} ${digits(next, 6)}`,
    () => `07${digits(next, 9)}`,
    () => `+61 4${digits(next, 2)} ${digits(next, 3)} ${digits(next, 3)}`,
    () => `+64 2${digits(next, 1)} ${digits(next, 7)}`,
    () => `+${digits(next, 1 + Math.floor(next() * 14))}`,
    () => digits(next, Math.floor(next() * 16)),
    () => `${area()}-${digits(next, 3)}-${digits(next, 4)} ext. ${digits(next, 3)}`,
    () => pick(['', ' ', 'n/a', 'call mum', '+', '()', '+1 (512) 555-01OO', '５１２５５５０１００', '+1\u00a0512\u00a0555\u00a00100']),
  ];
  const list: string[] = [];
  while (list.length < size) {
    // One in eight repeats an earlier entry, as a list pasted twice or a family on two rosters.
    list.push(list.length > 0 && next() < 0.125 ? pick(list) : pick(makers)());
  }
  return list;
}

/** The facts entry by entry: each entry's parse and its number's consent, as `toE164All` and a look-up per entry give them. */
export function entriesOf(facts: RecipientFacts): { parsed: PhoneParse[]; consent: ConsentState[] } {
  const parsed: PhoneParse[] = [];
  const consent: ConsentState[] = [];
  for (const index of facts.at) {
    parsed.push(index >= 0 ? { ok: true, e164: facts.numbers[index]! } : { ok: false, reason: facts.reasons[-1 - index]! });
    consent.push(index >= 0 ? facts.consent[index]! : 'never');
  }
  return { parsed, consent };
}

/**
 * The rules as the send service applied them entry by entry before the facts were made compact:
 * the reference the compact form must agree with.
 */
export function rulesEntryByEntry(raws: readonly string[], parsed: readonly PhoneParse[], consent: readonly ConsentState[], rules: RecipientRules): { recipients: string[]; skipped: QueuedSend['skipped'] } {
  const seen = new Set<string>();
  const recipients: string[] = [];
  const skipped: QueuedSend['skipped'] = [];
  raws.forEach((input, i) => {
    const p = parsed[i]!;
    if (!p.ok) skipped.push({ input, reason: p.reason });
    else if (seen.has(p.e164)) skipped.push({ input, reason: 'Same number as another recipient; they get one text.' });
    else if (consent[i] === 'opted_out') skipped.push({ input, reason: 'Opted out of texts.' });
    else if (rules.requireOptIn && consent[i] !== 'opted_in') skipped.push({ input, reason: 'Has not opted in to texts yet. Opt the number in first; they get the signup message.' });
    else {
      seen.add(p.e164);
      recipients.push(p.e164);
    }
  });
  return { recipients, skipped };
}
