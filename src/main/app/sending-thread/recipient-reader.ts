/**
 * How the sending thread parses a big recipient list: shared with a helper thread, so the two
 * cores parse it together. Parsing costs ~5 µs a number (~9-10 before the library was patched to
 * build each of its regular expressions once: patches/), ~100 ms for 20,000 numbers on one core;
 * the composer's first estimate waits for it. The helper starts with the sending thread and stays: started on demand
 * it would miss the list that needs it (it takes up to half a second to load on a busy machine), and ending it would not give
 * its memory back (V8 keeps an ended isolate's pages for the next one). The answers of the last
 * 40,000 numbers are kept, so a list staff trimmed or added to is parsed only for its new numbers.
 * Every number is still parsed by `toE164`, so the answers are the ones `toE164All` gives; only
 * who parses which part, and when, changes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { toE164, type PhoneParse } from '../../../shared/phone/e164';
import type { ListParser } from '../../core/sending/recipient-reader';
import type { FromParseHelper, ParseHelperStart, ParseJob } from './parse-helper-protocol';

/** Fewer new numbers than this are parsed here alone: ~20 ms, less than starting a helper. */
export const SHARE_FROM = 2_000;
/** Numbers per share: ~5 ms of parsing, so the sending thread's own work waits no longer between shares. */
export const CHUNK = 500;
/** The helper collects its garbage (and gives the pages back) this long after its last list. */
export const HELPER_IDLE_MS = 5_000;
/**
 * Numbers whose answers are kept between lists: two lists of the most a send may have. Staff
 * trim or add to a list and ask again; only the numbers new to it are parsed (~3 MB at most).
 */
export const REMEMBERED = 40_000;

/** Built app: out/main/phone-parse-helper.js next to the thread's bundle; from source: through tsx. */
function helperScript(): { file: string; execArgv: string[] } {
  for (const built of [join(__dirname, 'phone-parse-helper.js'), join(__dirname, '..', 'phone-parse-helper.js')]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(__dirname, 'parse-helper-entry.ts'), execArgv: ['--import', 'tsx'] };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Job {
  results: Array<PhoneParse | undefined>;
  /** Numbers not parsed yet, by either thread. */
  missing: number;
  parsedHere: number;
  parsedByHelper: number;
  /** Called when the helper answers a share or stops answering. */
  wake: () => void;
}

export class SplitListParser {
  private helper: Worker | null = null;
  private nextJob = 1;
  private readonly jobs = new Map<number, Job>();
  /** How many distinct numbers of the last list each thread parsed, and how many were answered from memory. */
  lastSplit = { here: 0, helper: 0, remembered: 0 };
  /** Answers of numbers parsed before, for one country, oldest first. */
  private memory: { country: string; answers: Map<string, PhoneParse> } = { country: '', answers: new Map() };
  /** The last list's new answers, until they are added to `memory`. */
  private toRemember: { memory: SplitListParser['memory']; raws: readonly string[]; parsed: readonly PhoneParse[] } | null = null;

  constructor(private readonly o: { helperIdleMs?: number; logError?: (message: string) => void } = {}) {}

  /** The `ListParser` the sending thread's `RecipientReader` uses. */
  readonly parse: ListParser = (raws, country) => this.parseList(raws, country);

  async parseList(raws: readonly string[], country: string): Promise<PhoneParse[]> {
    this.remember();
    if (this.memory.country !== country) this.memory = { country, answers: new Map() };
    const { answers } = this.memory;
    // One pass: each entry is answered from memory or waits for its place in `fresh` (a number
    // repeated in the list is parsed once), with a Map look-up or two per entry.
    const results = new Array<PhoneParse>(raws.length);
    const freshAt = new Int32Array(raws.length).fill(-1);
    const placeOf = new Map<string, number>();
    const fresh: string[] = [];
    let remembered = 0;
    raws.forEach((raw, i) => {
      let place = placeOf.get(raw);
      if (place === undefined) {
        const known = answers.get(raw);
        place = known === undefined ? fresh.push(raw) - 1 : -1;
        if (known !== undefined) remembered++;
        placeOf.set(raw, place);
      }
      if (place >= 0) freshAt[i] = place;
      else results[i] = answers.get(raw)!;
    });
    let parsed: PhoneParse[];
    if (fresh.length >= SHARE_FROM) parsed = await this.parseDistinct(fresh, country);
    else {
      parsed = fresh.map((raw) => toE164(raw, country));
      this.lastSplit = { here: fresh.length, helper: 0, remembered: 0 };
    }
    this.lastSplit.remembered = remembered;
    for (let i = 0; i < raws.length; i++) if (freshAt[i]! >= 0) results[i] = parsed[freshAt[i]!]!;
    // Kept after the answer has gone (~8 ms for 20,000 new numbers), or when the next list comes.
    this.toRemember = { memory: this.memory, raws: fresh, parsed };
    setImmediate(() => this.remember());
    return results;
  }

  /** Keeps the answers of the last list parsed, unless that is done already. */
  private remember(): void {
    const pending = this.toRemember;
    this.toRemember = null;
    // Another country since: its answers read national numbers differently and are not kept.
    if (pending === null || pending.memory !== this.memory) return;
    const { answers } = pending.memory;
    pending.raws.forEach((raw, i) => answers.set(raw, pending.parsed[i]!));
    // The oldest go first (a Map keeps its insertion order).
    for (const raw of answers.keys()) {
      if (answers.size <= REMEMBERED) break;
      answers.delete(raw);
    }
  }

  /** How many numbers' answers are kept. */
  get rememberedCount(): number {
    this.remember();
    return this.memory.answers.size;
  }

  /**
   * Both threads take shares from one shared counter until none is left. This thread waits only
   * for shares the helper has taken (a helper still starting takes none); whatever the helper took
   * but did not answer, because it ended, is parsed here.
   */
  private async parseDistinct(distinct: string[], country: string): Promise<PhoneParse[]> {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const shares = Math.ceil(distinct.length / CHUNK);
    const id = this.nextJob++;
    const job: Job = { results: new Array<PhoneParse | undefined>(distinct.length), missing: distinct.length, parsedHere: 0, parsedByHelper: 0, wake: () => undefined };
    this.jobs.set(id, job);
    const helper = this.ensureHelper();
    helper?.postMessage({ type: 'parse', id, raws: distinct, country, next, chunk: CHUNK } satisfies ParseJob);
    try {
      for (let share = Atomics.add(next, 0, 1); share < shares; share = Atomics.add(next, 0, 1)) {
        const from = share * CHUNK;
        const end = Math.min(from + CHUNK, distinct.length);
        for (let i = from; i < end; i++) job.results[i] = toE164(distinct[i]!, country);
        job.missing -= end - from;
        job.parsedHere += end - from;
        // Lets the helper's answers in, and the dispatcher run a round, between shares.
        await nextTurn();
      }
      while (job.missing > 0 && helper !== null && this.helper === helper) await new Promise<void>((resolve) => (job.wake = resolve));
    } finally {
      this.jobs.delete(id);
    }
    let here = 0;
    for (let i = 0; i < distinct.length; i++) {
      if (job.results[i] !== undefined) continue;
      job.results[i] = toE164(distinct[i]!, country);
      here++;
    }
    this.lastSplit = { here: here + job.parsedHere, helper: job.parsedByHelper, remembered: 0 };
    return job.results as PhoneParse[];
  }

  private ensureHelper(): Worker | null {
    if (this.helper !== null) return this.helper;
    let helper: Worker;
    try {
      helper = this.startHelper();
    } catch (error) {
      this.o.logError?.(`starting the phone parse helper: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    this.helper = helper;
    helper.on('message', (message: FromParseHelper) => {
      const job = this.jobs.get(message.id);
      if (job === undefined) return;
      message.results.forEach((result, i) => (job.results[message.from + i] = result));
      job.missing -= message.results.length;
      job.parsedByHelper += message.results.length;
      job.wake();
    });
    const gone = (): void => {
      if (this.helper !== helper) return;
      this.helper = null;
      for (const job of this.jobs.values()) job.wake();
    };
    helper.on('error', (error) => {
      this.o.logError?.(`phone parse helper: ${error.message}`);
      gone();
    });
    helper.on('exit', gone);
    // An idle helper must not keep the thread alive.
    helper.unref();
    return helper;
  }

  private startHelper(): Worker {
    const script = helperScript();
    const workerData: ParseHelperStart = { idleMs: this.o.helperIdleMs ?? HELPER_IDLE_MS };
    return new Worker(script.file, { execArgv: script.execArgv, workerData });
  }

  /** Starts the helper now, so it is ready for the first big list. */
  start(): void {
    this.ensureHelper();
  }

  /** Whether a helper is running now (one that ended is replaced by the next big list). */
  get helperRunning(): boolean {
    return this.helper !== null;
  }

  /** Ends the helper at once: the thread is stopping. */
  async stop(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    for (const job of this.jobs.values()) job.wake();
    await helper?.terminate();
  }
}
