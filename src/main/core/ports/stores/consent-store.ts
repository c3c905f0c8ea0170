import type { ConsentEntry, ConsentEvent, ConsentState, consentSources } from '../../../../shared/contract';

export type ConsentSource = (typeof consentSources)[number];

/** Each number's consent and every change to it (SPEC §7–§8). */
export interface ConsentStore {
  /** 'never' for a number with no consent recorded. */
  stateOf(phone: string): Promise<ConsentState>;
  /** The state of each number, in the order given. */
  statesOf(phones: readonly string[]): Promise<ConsentState[]>;
  /** Sets the state and appends the change to the history; returns the history entry's id. */
  record(phone: string, state: ConsentState, source: ConsentSource, staffId: string | null, at: number): Promise<number>;
  /** A page of numbers whose digits contain `digits`, most recently changed first, and how many match. */
  list(digits: string, offset: number): Promise<{ entries: ConsentEntry[]; total: number }>;
  /** Every change to one number, newest first, with who made it. */
  history(phone: string): Promise<ConsentEvent[]>;
}
