import type { ConsentState, QueuedSend } from '../../../shared/contract';
import { toE164All, type PhoneParse } from '../../../shared/phone/e164';
import type { ConsentStore } from '../ports/stores/consent-store';

/**
 * What a recipient list holds, compactly: each distinct number once, and for each entry of the
 * list where its number is. A big list is read in the sending thread and this crosses to main,
 * so it is kept small to copy: 20,000 entries as one Int32Array and the distinct numbers, rather
 * than a parse object and a consent state for every entry.
 */
export interface RecipientFacts {
  /** Each distinct number of the list, E.164, in the order it first appears. */
  numbers: string[];
  /** The consent of each of `numbers` ('never' until opted in). */
  consent: ConsentState[];
  /** For each entry of the list: the index of its number in `numbers`, or, below zero, why it is not a number: `reasons[-1 - at[i]]`. */
  at: Int32Array;
  reasons: string[];
}

/** Mass sends reach only numbers that opted in; a reply needs no opt-in. Opted-out numbers are never texted. */
export interface RecipientRules {
  requireOptIn: boolean;
}

/** A list with the rules applied: the numbers to text (E.164, one each, in the list's order) and every entry left out, with why. */
export interface CheckedRecipients {
  recipients: string[];
  skipped: QueuedSend['skipped'];
}

/**
 * Parses a whole list, in its order, with the answers `toE164All` gives. The sending thread
 * passes one that shares big lists with a helper thread (app/sending-thread/recipient-reader.ts).
 */
export type ListParser = (raws: readonly string[], country: string) => PhoneParse[] | Promise<PhoneParse[]>;

const NOT_A_NUMBER = 'Not a valid phone number.';
const DUPLICATE = 'Same number as another recipient; they get one text.';
const OPTED_OUT = 'Opted out of texts.';
const NOT_OPTED_IN = 'Has not opted in to texts yet. Opt the number in first; they get the signup message.';

/** The list's shape, which does not change with consent: kept with the parse. */
type ListShape = Omit<RecipientFacts, 'consent'>;

function shapeOf(parsed: readonly PhoneParse[]): ListShape {
  const numbers: string[] = [];
  const reasons: string[] = [];
  const numberAt = new Map<string, number>();
  const at = new Int32Array(parsed.length);
  parsed.forEach((p, i) => {
    if (!p.ok) {
      const reason = reasons.indexOf(p.reason);
      at[i] = -1 - (reason >= 0 ? reason : reasons.push(p.reason) - 1);
      return;
    }
    let index = numberAt.get(p.e164);
    if (index === undefined) {
      index = numbers.push(p.e164) - 1;
      numberAt.set(p.e164, index);
    }
    at[i] = index;
  });
  return { numbers, reasons, at };
}

/** E.164, one message per number, opted-out (and, with `requireOptIn`, never-opted-in) numbers left out; every skip says why. */
export function applyRecipientRules(raws: readonly string[], facts: RecipientFacts, rules: RecipientRules): CheckedRecipients {
  const { numbers, consent, at, reasons } = facts;
  const reached = new Uint8Array(numbers.length);
  const recipients: string[] = [];
  const skipped: QueuedSend['skipped'] = [];
  raws.forEach((input, i) => {
    // An entry the facts do not cover (never, from RecipientReader) is not taken as a number.
    const index = at[i];
    if (index === undefined) skipped.push({ input, reason: NOT_A_NUMBER });
    else if (index < 0) skipped.push({ input, reason: reasons[-1 - index] ?? NOT_A_NUMBER });
    else if (reached[index] === 1) skipped.push({ input, reason: DUPLICATE });
    else if (consent[index] === 'opted_out') skipped.push({ input, reason: OPTED_OUT });
    else if (rules.requireOptIn && consent[index] !== 'opted_in') skipped.push({ input, reason: NOT_OPTED_IN });
    else {
      reached[index] = 1;
      recipients.push(numbers[index]!);
    }
  });
  return { recipients, skipped };
}

/**
 * Reads a recipient list: parsing (~5 µs a number: 100 ms for 20,000) and one consent look-up
 * for its distinct numbers. The composer asks for an estimate each time typing pauses, mostly
 * with the same list, and the send follows with it, so the last list's parse is kept; consent
 * is read afresh every time.
 */
export class RecipientReader {
  private last: { country: string; key: string; shape: Promise<ListShape> } | null = null;

  constructor(
    private readonly consent: Pick<ConsentStore, 'statesOf'>,
    private readonly parse: ListParser = toE164All,
  ) {}

  async read(raws: readonly string[], country: string): Promise<RecipientFacts> {
    const key = raws.join('\n');
    if (this.last?.country !== country || this.last.key !== key) {
      const shape = Promise.resolve(this.parse(raws, country)).then(shapeOf);
      this.last = { country, key, shape };
      // A parse that failed is not kept: the next read tries again.
      shape.catch(() => {
        if (this.last?.shape === shape) this.last = null;
      });
    }
    const shape = await this.last.shape;
    return { ...shape, consent: await this.consent.statesOf(shape.numbers) };
  }
}
