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
 * (the sending thread's first big list). Beside each, in the same minute, the reference: the same list
 * parsed on one thread (`toE164All`, here on the bench's thread, outside any timed call), so a
 * busy machine shows in both and the ratio estimate ÷ one-thread parse stays comparable. And the
 * same list parsed half on this thread and half on a worker (bench/two-thread-parse.ts): the most
 * a split parse could give in that minute, which shows whether a second core was free at all.
 *
 * Each main-thread hold is set beside what else happened meanwhile, to tell whose it is: the
 * longest garbage collection on main during the call (PerformanceObserver 'gc'), and the longest
 * stall of an idle control process (bench/idle-probe.mjs) in the same window, which is the
 * machine's own scheduling latency.
 *
 * `measureMainThreadCalls()` is what `npm run bench` calls; alone:
 *   node --import tsx bench/main-thread-calls.ts      (prints one line of JSON, last)
 *   BENCH_IDLE_BEFORE_MS=6000 …                       (the desk idle that long before each new list)
 * which also measures, in the same run, the lists read on the main thread, for comparison.
 * Nothing is sent: the sends are scheduled for tomorrow, so only their rows are written.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import type { Caller } from '../src/main/core/router';
import { contract } from '../src/shared/contract';
import { toE164All } from '../src/shared/phone/e164';
import { startTwoThreadParse } from './two-thread-parse';

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
  /** The longest garbage collection on main during any of the calls. */
  gcMaxMs: number;
  /** The idle control process's longest stall during any of the calls: the machine's scheduling latency then. */
  controlHoldMaxMs: number;
}

/** One timed call: its answer time, the longest main-thread hold, and what else happened meanwhile. */
interface Sample {
  ms: number;
  holdMs: number;
  gcMs: number;
  /** Filled in when the control process ends (its figures come at the end). */
  controlMs: number;
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
    runs: Array<{
      answerMs: number; mainHoldMs: number; gcMs: number; controlHoldMs: number;
      oneThreadParseMs: number; twoThreadParseMs: number; ratio: number; ratioToTwoThreads: number; load: number;
    }>;
    answerMs: Spread;
    oneThreadParseMs: Spread;
    twoThreadParseMs: Spread;
    ratio: Spread;
    /** Estimate ÷ the same list parsed on two threads with nothing around it: what the estimate adds beyond the best split. */
    ratioToTwoThreads: Spread;
  };
  mainHoldMaxMs: number;
  /** The call that held main longest, with the longest garbage collection on main and the control's longest stall in it. */
  longestHold: { call: string; holdMs: number; gcMs: number; controlHoldMs: number };
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

function figures(samples: Sample[]): CallFigures {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    calls: samples.length,
    answerMs: { p50: round1(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0), max: round1(sorted.at(-1) ?? 0) },
    mainHoldMaxMs: round1(Math.max(0, ...samples.map((s) => s.holdMs))),
    gcMaxMs: round1(Math.max(0, ...samples.map((s) => s.gcMs))),
    controlHoldMaxMs: round1(Math.max(0, ...samples.map((s) => s.controlMs))),
  };
}

/**
 * The idle control process (bench/idle-probe.mjs, as `npm run bench` uses it): a Node process
 * that does nothing but time its own event loop. Each call is a window; its stalls there are
 * the machine's, not the call's.
 */
function startIdleControl(): { mark(window: string, edge: 'begin' | 'end'): void; finish(): Promise<Record<string, { maxMs: number }>> } {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./idle-probe.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const result = new Promise<Record<string, { maxMs: number }>>((resolve) => {
    let windows: Record<string, { maxMs: number }> = {};
    createInterface({ input: child.stdout }).on('line', (line) => {
      windows = JSON.parse(line) as Record<string, { maxMs: number }>;
    });
    child.once('exit', () => resolve(windows));
  });
  return {
    mark: (window, edge) => void child.stdin.write(`${window} ${edge}\n`),
    finish: () => {
      child.stdin.end();
      return result;
    },
  };
}

let control: ReturnType<typeof startIdleControl> | null = null;
/** Calls timed so far, by control window, to be given the control's figures at the end. */
const controlWindows = new Map<string, Sample>();

async function timed(call: () => Promise<unknown>): Promise<Sample> {
  const window = `call-${controlWindows.size + 1}`;
  control?.mark(window, 'begin');
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let gcMs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs = Math.max(gcMs, entry.duration);
  });
  gcs.observe({ entryTypes: ['gc'] });
  delay.enable();
  // The histogram counts from its second tick: let it tick before the call starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const start = performance.now();
  await call();
  const ms = performance.now() - start;
  // One more tick, so a hold at the very end of the call is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  delay.disable();
  for (const entry of gcs.takeRecords()) gcMs = Math.max(gcMs, entry.duration);
  gcs.disconnect();
  control?.mark(window, 'end');
  // A 1 ms timer that fires late by d means the thread was held for about d + 1 ms.
  const sample: Sample = { ms, holdMs: delay.count === 0 ? 0 : delay.max / 1e6, gcMs, controlMs: Number.NaN };
  controlWindows.set(window, sample);
  return sample;
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
  control = startIdleControl();
  controlWindows.clear();
  const twoThreads = await startTwoThreadParse(recipients(20_000, 125_000));
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
    const fresh: Array<{ sample: Sample; oneThreadParseMs: number; twoThreadParseMs: number; load: number }> = [];
    for (let i = 0; i < FRESH_LISTS; i++) {
      const list = recipients(20_000, offset);
      offset += 20_000;
      optInMost(list);
      // BENCH_IDLE_BEFORE_MS: the desk idle that long before the list, as when staff paste a list after a pause.
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_IDLE_BEFORE_MS ?? 0)));
      const t = performance.now();
      toE164All(list, 'US');
      const oneThreadParseMs = performance.now() - t;
      const twoThreadParseMs = await twoThreads.time(list, 'US');
      const load = round1(loadavg()[0] ?? 0);
      const first = await timed(async () => {
        const input = estimateDef.input.parse({ recipients: [...list], body: 'Open gym tonight.' });
        estimateDef.output.parse(await engine.handlers['sends.estimate'](input, { sessionId: 'bench', caller }));
      });
      fresh.push({ sample: first, oneThreadParseMs, twoThreadParseMs, load });
      log(`main-thread calls${where}: first estimate of a new list of 20,000 ${round1(first.ms)} ms (main held ≤ ${round1(first.holdMs)} ms, longest GC on main ${round1(first.gcMs)} ms); `
        + `the same list parsed on one thread ${round1(oneThreadParseMs)} ms, on two ${round1(twoThreadParseMs)} ms; ratio ${round2(first.ms / oneThreadParseMs)}; load ${load}${i === 0 ? ' (first big list since start-up)' : ''}`);
    }
    const calls: Array<{ call: string; sample: Sample }> = [
      { call: 'cold estimate of 600', sample: cold },
      ...fresh.map((run, i) => ({ call: `first estimate of new list ${i + 1} of 20,000`, sample: run.sample })),
    ];
    const bySize: Array<{ size: number; estimates: Sample[]; create: Sample }> = [];
    for (const size of SIZES) {
      const list = recipients(size, offset);
      offset += size;
      optInMost(list);
      const estimates: Sample[] = [];
      for (let i = 0; i < ESTIMATES_PER_LIST; i++) {
        estimates.push(await timed(async () => {
          const input = estimateDef.input.parse({ recipients: [...list], body: `Open gym tonight at ${6 + i}.` });
          estimateDef.output.parse(await engine.handlers['sends.estimate'](input, { sessionId: 'bench', caller }));
        }));
      }
      const create = await timed(async () => {
        const input = createDef.input.parse({ recipients: [...list], body: 'Open gym tonight at 6.', timing: { kind: 'at', at: Date.now() + DAY_MS } });
        createDef.output.parse(await engine.handlers['sends.create'](input, { sessionId: 'bench', caller }));
      });
      bySize.push({ size, estimates, create });
      const named = size.toLocaleString('en-US');
      calls.push(...estimates.map((sample, i) => ({ call: `estimate ${i + 1} of ${named}`, sample })), { call: `create of ${named}`, sample: create });
      const later = estimates.slice(1).map((e) => e.ms).sort((a, b) => a - b);
      log(`main-thread calls${where} ${named} recipients: first estimate ${round1(estimates[0]!.ms)} ms (main held ≤ ${round1(estimates[0]!.holdMs)} ms), `
        + `later estimates p50 ${round1(later[Math.floor((later.length - 1) / 2)] ?? 0)} ms, create ${round1(create.ms)} ms (main held ≤ ${round1(create.holdMs)} ms)`);
    }
    // The control's figures come when it ends.
    const windows = await control.finish();
    for (const [window, sample] of controlWindows) sample.controlMs = windows[window]?.maxMs ?? Number.NaN;
    const sizes: MainThreadCallsResult['sizes'] = {};
    for (const { size, estimates, create } of bySize) {
      const [first, ...later] = estimates;
      sizes[String(size)] = { firstEstimate: figures([first!]), estimate: figures(later), create: figures([create]) };
    }
    const runs = fresh.map(({ sample, oneThreadParseMs, twoThreadParseMs, load }) => ({
      answerMs: round1(sample.ms), mainHoldMs: round1(sample.holdMs), gcMs: round1(sample.gcMs), controlHoldMs: round1(sample.controlMs),
      oneThreadParseMs: round1(oneThreadParseMs), twoThreadParseMs: round1(twoThreadParseMs),
      ratio: round2(sample.ms / oneThreadParseMs), ratioToTwoThreads: round2(sample.ms / twoThreadParseMs), load,
    }));
    const firstEstimates20k = {
      runs,
      answerMs: spread(runs.map((r) => r.answerMs)),
      oneThreadParseMs: spread(runs.map((r) => r.oneThreadParseMs)),
      twoThreadParseMs: spread(runs.map((r) => r.twoThreadParseMs)),
      ratio: spread(runs.map((r) => r.ratio), round2),
      ratioToTwoThreads: spread(runs.map((r) => r.ratioToTwoThreads), round2),
    };
    // The cold call loads the sending thread's code and is reported apart, as before.
    const longest = calls.slice(1).reduce((a, b) => (b.sample.holdMs > a.sample.holdMs ? b : a));
    const longestHold = { call: longest.call, holdMs: round1(longest.sample.holdMs), gcMs: round1(longest.sample.gcMs), controlHoldMs: round1(longest.sample.controlMs) };
    log(`main-thread calls${where}: longest hold ${longestHold.holdMs} ms in the ${longestHold.call}; longest GC on main then ${longestHold.gcMs} ms; idle control process stalled ${longestHold.controlHoldMs} ms in the same window`);
    const mainHoldMaxMs = longestHold.holdMs;
    const estimate20kFirstMs = firstEstimates20k.answerMs.median;
    return {
      machine: { cores: cpus().length, loadBefore, loadAfter: round1(loadavg()[0] ?? 0) },
      coldEstimate: { answerMs: round1(cold.ms), mainHoldMs: round1(cold.holdMs) },
      sizes,
      firstEstimates20k,
      mainHoldMaxMs,
      longestHold,
      estimate20kFirstMs,
      pass: { mainHold: mainHoldMaxMs < MAIN_THREAD_TARGETS.maxMainHoldMs, estimate20k: estimate20kFirstMs < MAIN_THREAD_TARGETS.estimate20kMs },
    };
  } finally {
    await control.finish();
    control = null;
    await twoThreads.stop();
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
