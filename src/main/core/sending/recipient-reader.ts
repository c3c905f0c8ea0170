import type { ConsentState } from '../../../shared/contract';
import { toE164All, type PhoneParse } from '../../../shared/phone/e164';
import type { ConsentStore } from '../ports/stores/consent-store';

/** What a recipient list holds: each entry parsed, and the consent of each number ('never' for an entry that is not one). */
export interface RecipientFacts {
  parsed: PhoneParse[];
  consent: ConsentState[];
}

/**
 * Reads a recipient list: parsing (~9 µs a number: 180 ms for 20,000) and one consent look-up
 * for the whole list. The composer asks for an estimate each time typing pauses, mostly with the
 * same list, so the last list's parse is kept; consent is read afresh every time.
 */
export class RecipientReader {
  private last: { country: string; key: string; parsed: PhoneParse[] } | null = null;

  constructor(private readonly consent: Pick<ConsentStore, 'statesOf'>) {}

  async read(raws: readonly string[], country: string): Promise<RecipientFacts> {
    const key = raws.join('\n');
    if (this.last?.country !== country || this.last.key !== key) this.last = { country, key, parsed: toE164All(raws, country) };
    const { parsed } = this.last;
    const states = await this.consent.statesOf(parsed.flatMap((p) => (p.ok ? [p.e164] : [])));
    let next = 0;
    return { parsed, consent: parsed.map((p) => (p.ok ? (states[next++] ?? 'never') : 'never')) };
  }
}
