/**
 * How long the main thread is held by the composer's two big calls, `sends.estimate` and
 * `sends.create`, for 5,000 and 20,000 recipients: the engine as the app runs it (sending thread,
 * real SQLite file), each call taken through the router's steps (input checked by the contract,
 * the handler, the output checked). For each call it reports the answer time (p50/max over the
 * repeats) and the longest stretch the main thread could not answer anything else (event-loop
 * delay at 1 ms resolution). Targets: nothing holds main 50 ms or more; an estimate of 20,000
 * answers within 200 ms.
 *
 * The first estimate of a list is the one that parses it, so it is taken on FRESH_LISTS new lists
 * of 20,000 (min/median/max, the load average at each), the first of them right after start-up
 * (no helper thread running yet). Beside each, in the same minute, the reference: the same list
 * parsed on one thread (`toE164All`, here on the bench's thread, outside any timed call), so a
 * busy machine shows in both and the ratio estimate ÷ one-thread parse stays comparable.
 *
 * `measureMainThreadCalls()` is what `npm run bench` calls; alone:
 *   node --import tsx bench/main-thread-calls.ts      (prints one line of JSON, last)
 * which also measures, in the same run, the lists read on the main thread, for comparison.
 * Nothing is sent: the sends are scheduled for tomorrow, so only their rows are written.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import type { Caller } from '../src/main/core/router';
import { contract } from '../src/shared/contract';
import { toE164All } from '../src/shared/phone/e164';

export const MAIN_THREAD_TARGETS = { maxMainHoldMs: 50, estimate20kMs: 200 };
const SIZES = [5_000, 20_000];
/** New lists of 20,000 whose first estimate is taken, each beside its one-thread parse. */
const FRESH_LISTS = 5;
/** The composer asks again each time typing pauses: the first estimate parses, the rest reuse it. */
const ESTIMATES_PER_LIST = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

const caller: Caller = { staffId: 'bench', name: 'Bench', permissions: ['sendMassSms', 'availabilityOverride'], locked: false };

export interface CallFigures {
  calls: number;
  answerMs: { p50: number; max: number };
  /** The longest time the main thread was held during any of the calls. */
  mainHoldMaxMs: number;
}

export interface MainThreadCallsResult {
  /** Cores and the 1-minute load average before and after: the figures are only as quiet as the machine. */
  machine: { cores: number; loadBefore: number; loadAfter: number };
  /** The first call after start-up (600 recipients): the sending thread loads its code meanwhile. */
  coldEstimate: { answerMs: number; mainHoldMs: number };
  /** Per list size: the first estimate (parses the list), later estimates, and the send. */
  sizes: Record<string, { firstEstimate: CallFigures; estimate: CallFigures; create: CallFigures }>;
  /** First estimates of new lists of 20,000, each with the same list parsed on one thread just before, and the load then. */
  firstEstimates20k: {
    runs: Array<{ answerMs: number; mainHoldMs: number; oneThreadParseMs: number; ratio: number; load: number }>;
    answerMs: Spread;
    oneThreadParseMs: Spread;
    ratio: Spread;
  };
  mainHoldMaxMs: number;
  /** The median first estimate of a new list of 20,000 (firstEstimates20k). */
  estimate20kFirstMs: number;
  pass: { mainHold: boolean; estimate20k: boolean };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface Spread {
  min: number;
  median: number;
  max: number;
}

function spread(values: number[], round: (n: number) => number = round1): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: round(sorted[0] ?? Number.NaN), median: round(sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN), max: round(sorted.at(-1) ?? Number.NaN) };
}

/** Sixteen Texas area codes: up to 160,000 distinct numbers (the lists use 125,000, the cold call the last 600). */
const AREAS = ['512', '737', '214', '469', '972', '817', '713', '281', '210', '915', '806', '361', '325', '430', '432', '254'];

function recipients(count: number, offset: number): string[] {
  // Distinct US numbers; a tenth written as staff type them, the rest as a CSV export holds them.
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const area = AREAS[Math.floor(n / 10_000) % AREAS.length]!;
    const line = String(n % 10_000).padStart(4, '0');
    return n % 10 === 0 ? `(${area}) 555-${line}` : `+1${area}555${line}`;
  });
}

function figures(samples: Array<{ ms: number; holdMs: number }>): CallFigures {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    calls: samples.length,
    answerMs: { p50: round1(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0), max: round1(sorted.at(-1) ?? 0) },
    mainHoldMaxMs: round1(Math.max(0, ...samples.map((s) => s.holdMs))),
  };
}

async function timed(call: () => Promise<unknown>): Promise<{ ms: number; holdMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // The histogram counts from its second tick: let it tick before the call starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const start = performance.now();
  await call();
  const ms = performance.now() - start;
  // One more tick, so a hold at the very end of the call is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  delay.disable();
  // A 1 ms timer that fires late by d means the thread was held for about d + 1 ms.
  return { ms, holdMs: delay.count === 0 ? 0 : delay.max / 1e6 };
}

/**
 * `onMain`: the dispatcher runs on the main thread, so recipient lists are read there too (how
 * every list was read before the sending thread took them): the comparison for the same run.
 */
export async function measureMainThreadCalls(log: (line: string) => void = () => undefined, options: { onMain?: boolean } = {}): Promise<MainThreadCallsResult> {
  const where = options.onMain === true ? ' (lists read on main)' : '';
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-main-calls-'));
  const loadBefore = round1(loadavg()[0] ?? 0);
  const built = join(process.cwd(), 'out', 'main', 'sending-thread.js');
  const engine = startStandaloneEngine({
    dbFile: join(dir, 'desk.sqlite'),
    // Nothing is due before tomorrow, so the carrier is never called.
    baseUrl: 'http://127.0.0.1:9',
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    authToken: 'unused',
    messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    thread: options.onMain !== true,
    ...(existsSync(built) ? { threadScript: built } : {}),
  });
  try {
    await engine.ready;
    engine.dispatcher.start();
    const mode = engine.settings.read().mode;
    await engine.ledger.adjust(mode, 1_000_000, null, 'bench credits', Date.now());
    // The app's first call after start-up also loads the sending thread's code; that is timed
    // apart (coldEstimate), so the figures below are a desk that has been open a while.
    const cold = await timed(async () => engine.handlers['sends.estimate'](contract['sends.estimate'].input.parse({ recipients: recipients(600, 150_000), body: 'Hello.' }), { sessionId: 'bench', caller }));
    log(`main-thread calls${where}: cold start estimate of 600 ${round1(cold.ms)} ms (main held ≤ ${round1(cold.holdMs)} ms)`);
    const estimateDef = contract['sends.estimate'];
    const createDef = contract['sends.create'];
    const optInMost = (list: string[]): void => {
      // Nine in ten opted in: the estimate lists the tenth as skipped, with the reason.
      const optIn = engine.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', 0)");
      engine.db.exec('BEGIN');
      list.forEach((raw, i) => {
        if (i % 10 !== 5) optIn.run(raw.startsWith('+') ? raw : `+1${raw.replace(/\D/g, '')}`);
      });
      engine.db.exec('COMMIT');
    };
    let offset = 0;
    const fresh: MainThreadCallsResult['firstEstimates20k']['runs'] = [];
    for (let i = 0; i < FRESH_LISTS; i++) {
      const list = recipients(20_000, offset);
      offset += 20_000;
      optInMost(list);
      const t = performance.now();
      toE164All(list, 'US');
      const oneThreadParseMs = performance.now() - t;
      const load = round1(loadavg()[0] ?? 0);
      const first = await timed(async () => {
        const input = estimateDef.input.parse({ recipients: [...list], body: 'Open gym tonight.' });
        estimateDef.output.parse(await engine.handlers['sends.estimate'](input, { sessionId: 'bench', caller }));
      });
      fresh.push({ answerMs: round1(first.ms), mainHoldMs: round1(first.holdMs), oneThreadParseMs: round1(oneThreadParseMs), ratio: round2(first.ms / oneThreadParseMs), load });
      log(`main-thread calls${where}: first estimate of a new list of 20,000 ${round1(first.ms)} ms (main held ≤ ${round1(first.holdMs)} ms); `
        + `the same list parsed on one thread ${round1(oneThreadParseMs)} ms; ratio ${round2(first.ms / oneThreadParseMs)}; load ${load}${i === 0 ? ' (first big list since start-up)' : ''}`);
    }
    const sizes: MainThreadCallsResult['sizes'] = {};
    for (const size of SIZES) {
      const list = recipients(size, offset);
      offset += size;
      optInMost(list);
      const estimates: Array<{ ms: number; holdMs: number }> = [];      for (let i = 0; i < ESTIMATES_PER_LIST; i++) {
        estimates.push(await timed(async () => {
          const input = estimateDef.input.parse({ recipients: [...list], body: `Open gym tonight at ${6 + i}.` });
          estimateDef.output.parse(await engine.handlers['sends.estimate'](input, { sessionId: 'bench', caller }));
        }));
      }
      const create = await timed(async () => {
        const input = createDef.input.parse({ recipients: [...list], body: 'Open gym tonight at 6.', timing: { kind: 'at', at: Date.now() + DAY_MS } });
        createDef.output.parse(await engine.handlers['sends.create'](input, { sessionId: 'bench', caller }));
      });
      const [first, ...later] = estimates;
      sizes[String(size)] = { firstEstimate: figures([first!]), estimate: figures(later), create: figures([create]) };
      log(`main-thread calls${where} ${size.toLocaleString('en-US')} recipients: first estimate ${round1(first!.ms)} ms (main held ≤ ${round1(first!.holdMs)} ms), `
        + `later estimates p50 ${sizes[String(size)]!.estimate.answerMs.p50} ms, create ${round1(create.ms)} ms (main held ≤ ${round1(create.holdMs)} ms)`);
    }
    const mainHoldMaxMs = Math.max(...fresh.map((r) => r.mainHoldMs), ...Object.values(sizes).flatMap((s) => [s.firstEstimate.mainHoldMaxMs, s.estimate.mainHoldMaxMs, s.create.mainHoldMaxMs]));
    const firstEstimates20k = {
      runs: fresh,
      answerMs: spread(fresh.map((r) => r.answerMs)),
      oneThreadParseMs: spread(fresh.map((r) => r.oneThreadParseMs)),
      ratio: spread(fresh.map((r) => r.ratio), round2),
    };
    const estimate20kFirstMs = firstEstimates20k.answerMs.median;
    return {
      machine: { cores: cpus().length, loadBefore, loadAfter: round1(loadavg()[0] ?? 0) },
      coldEstimate: { answerMs: round1(cold.ms), mainHoldMs: round1(cold.holdMs) },
      sizes,
      firstEstimates20k,
      mainHoldMaxMs,
      estimate20kFirstMs,
      pass: { mainHold: mainHoldMaxMs < MAIN_THREAD_TARGETS.maxMainHoldMs, estimate20k: estimate20kFirstMs < MAIN_THREAD_TARGETS.estimate20kMs },
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  process.stdout.on('error', () => undefined); // a closed pipe (| head) is not a failure
  // The app's way, then lists read on main, in the same run: the ratio holds even on a busy machine.
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  measureMainThreadCalls(print).then(
    async (result) => {
      const onMain = await measureMainThreadCalls(print, { onMain: true });
      print(JSON.stringify({ ...result, listsReadOnMain: { mainHoldMaxMs: onMain.mainHoldMaxMs, estimate20kFirstMs: onMain.estimate20kFirstMs, firstEstimates20k: onMain.firstEstimates20k, machine: onMain.machine } }));
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
