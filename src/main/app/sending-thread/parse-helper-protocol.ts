import type { PhoneParse } from '../../../shared/phone/e164';

/**
 * A list the helper parses shares of. `next` is shared with the sending thread: each thread takes
 * the next share (`chunk` numbers) with Atomics.add until none is left.
 */
export interface ParseJob {
  type: 'parse';
  id: number;
  raws: string[];
  country: string;
  next: Int32Array;
  chunk: number;
}

/** One share parsed: the answers for raws[from], raws[from + 1], … */
export interface FromParseHelper {
  type: 'parsed';
  id: number;
  from: number;
  results: PhoneParse[];
}

/** The helper's workerData. */
export interface ParseHelperStart {
  /** The helper collects its garbage this long after its last list. */
  idleMs: number;
}
