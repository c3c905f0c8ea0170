/**
 * The measured process: one sending engine (real SQLite file, real twilio SDK over HTTP to the
 * simulator in another process) watched from its main thread: memory, event loop, garbage
 * collector, commits and CPU. bench/engine-launch.mjs loads it (through tsx) and calls runWorker()
 * with BENCH_RUN set; it prints progress, then one line "RESULT {json}".
 *
 * config.thread: the dispatcher runs in the sending thread (a worker thread with its own SQLite
 * connection and twilio client), as in the app. Its rounds cannot be timed from here; what can be
 * seen of it from outside is its event-loop utilization, its heap, the process CPU time the main
 * thread did not use, and (through the WAL index, below) how many writing commits it made.
 * Without config.thread the dispatcher runs on this thread and every round is timed.
 *
 * Two phases, as in the app: the first send after start-up is one message (its stall is the cold
 * start: the sending thread starting, SDK code compiled on first use); then, with the dispatcher
 * running, the measured batch is queued and timed until no row is left queued or claimed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization, type Histogram } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import { ACCOUNT_SID, AUTH_TOKEN, BODY, FIRST_SEND_TO, mb, rateOf, round2, spread, type RunConfig, type RunResult, type Stall } from './stats';

const DEFAULT_MAX_IN_FLIGHT = 16;
const SAMPLE_MS = 50;
/** Long enough for the sending thread to load its code and open its database. */
const STARTUP_SETTLE_MS = 1_500;
/** BENCH_DEBUG=1: print a timeline of rounds, slow commits, GC pauses and timer gaps over 20 ms. */
const DEBUG = process.env.BENCH_DEBUG === '1';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function stallOf(h: Histogram): Stall {
  if (h.count === 0) return { maxMs: 0, p99Ms: 0, p50Ms: 0, meanMs: 0, count: 0 };
  return { maxMs: round2(h.max / 1e6), p99Ms: round2(h.percentile(99) / 1e6), p50Ms: round2(h.percentile(50) / 1e6), meanMs: round2(h.mean / 1e6), count: h.count };
}

function recipients(count: number): string[] {
  // Distinct E.164 numbers: +1512555xxxx, then +1737555xxxx.
  return Array.from({ length: count }, (_, i) => `${i < 10_000 ? '+1512555' : '+1737555'}${String(i % 10_000).padStart(4, '0')}`);
}

/**
 * Writing commits made so far by every connection to the database: the `iChange` field of the
 * WAL-index header (the -shm file, offset 8, native byte order), which SQLite increments once per
 * committed write transaction. Transactions that wrote nothing add no WAL frames and do not count.
 * null when the header does not look like a WAL index (version 3007000, initialised).
 */
function walCommits(dbFile: string): number | null {
  const header = Buffer.alloc(16);
  let fd: number | null = null;
  try {
    fd = openSync(`${dbFile}-shm`, 'r');
    if (readSync(fd, header, 0, 16, 0) < 16) return null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
  const u32 = (offset: number): number => (endianness() === 'LE' ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
  return u32(0) === 3_007_000 && header[12] === 1 ? u32(8) : null;
}

/**
 * The histogram records the gap between its 1 ms ticks from the second tick on: enabled a little
 * before the work starts, so the first round is inside the window.
 */
async function armedHistogram(): Promise<Histogram & { enable(): boolean; disable(): boolean }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await sleep(20);
  return h;
}

export async function runWorker(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_RUN ?? 'null') as RunConfig | null;
  if (config === null) throw new Error('BENCH_RUN is not set; run the benchmark with npm run bench');
  if (config.messages > 20_000) throw new Error('at most 20,000 distinct recipients');

  const engine = startStandaloneEngine({
    dbFile: config.dbFile,
    baseUrl: config.baseUrl,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    messagingServiceSid: config.messagingServiceSid,
    thread: config.thread,
    // The built worker script, as the app ships it (npm run bench builds first).
    threadScript: join(process.cwd(), 'out', 'main', 'sending-thread.js'),
    ...(config.messagesPerSecond === null ? {} : { messageOptions: { messagesPerSecond: config.messagesPerSecond } }),
    dispatcher: {
      ...(config.maxInFlight === undefined ? {} : { maxInFlight: config.maxInFlight }),
      ...(config.messagesPerSecond === null ? { messagesPerSecond: () => null } : {}),
    },
  });
  const db = engine.db;

  // Instrumentation, no source change: time each COMMIT made on this thread that wrote rows (its
  // fsync: synchronous = FULL; transactions that wrote nothing are counted apart) and, in process,
  // each dispatcher round.
  let measuring = false;
  let t0 = performance.now();
  const debug = (line: string): void => {
    if (DEBUG && measuring) process.stdout.write(`${line}\n`);
  };
  const commitMs: number[] = [];
  let emptyCommits = 0;
  const exec = db.exec.bind(db);
  const totalChanges = db.prepare('SELECT total_changes() AS n');
  const changes = (): number => Number((totalChanges.get() as { n: number }).n);
  let changesAtBegin = 0;
  db.exec = (sql: string): void => {
    if (!measuring) return exec(sql);
    if (sql === 'BEGIN IMMEDIATE') {
      exec(sql);
      changesAtBegin = changes();
      return;
    }
    if (sql !== 'COMMIT') return exec(sql);
    const wrote = changes() !== changesAtBegin;
    const t = performance.now();
    exec(sql);
    const took = performance.now() - t;
    if (wrote) commitMs.push(took);
    else emptyCommits += 1;
    if (took > 4) debug(`COMMIT at ${(t - t0).toFixed(1)} took ${took.toFixed(2)} ms`);
  };
  // Rounds run on this thread only without the sending thread. With it, the commits counted here
  // are this thread's own (queueing), and the sending thread is watched through its Worker handle.
  const roundMs: number[] = [];
  if (!config.thread) {
    const internals = engine.dispatcher as unknown as { round(): number; outcomes: unknown[]; inFlight: Set<number> };
    const round = internals.round.bind(internals);
    internals.round = (): number => {
      const t = performance.now();
      const learned = internals.outcomes.length;
      const before = internals.inFlight.size;
      try {
        return round();
      } finally {
        const took = performance.now() - t;
        if (measuring) roundMs.push(took);
        debug(`ROUND at ${(t - t0).toFixed(1)} took ${took.toFixed(2)} ms: learned ${learned}, started ${internals.inFlight.size - before}`);
      }
    };
  }
  /** The sending thread's Worker (a private field of SendingThread), once started. */
  const sendingThread = (): Worker | null => {
    if (!config.thread) return null;
    const worker = (engine.dispatcher as unknown as { worker?: unknown }).worker;
    return worker !== null && typeof worker === 'object' && 'getHeapStatistics' in worker ? (worker as Worker) : null;
  };
  /** The sending thread's used V8 heap in bytes; null in process. */
  const threadHeap = async (): Promise<number | null> => {
    const worker = sendingThread();
    return worker === null ? null : (await worker.getHeapStatistics()).used_heap_size;
  };

  const waiting = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed')");
  const unexpanded = db.prepare('SELECT COUNT(*) AS n FROM send_batches WHERE expanded = 0');
  // The bench's own progress polls are main-thread SQLite reads too: timed, so a stall inside one shows.
  const pollMs: number[] = [];
  const count = (statement: typeof waiting): number => {
    const t = performance.now();
    const n = (statement.get() as { n: number }).n;
    const took = performance.now() - t;
    if (measuring) pollMs.push(took);
    if (took > 2) debug(`POLL at ${(t - t0).toFixed(1)} took ${took.toFixed(2)} ms`);
    return n;
  };
  await engine.ledger.adjust('sandbox', config.messages + 1, null, 'bench', Date.now());

  // Window marks for the idle control process run.ts starts next to this one (bench/idle-probe.mjs).
  const mark = (window: string, edge: 'begin' | 'end'): void => void process.stdout.write(`MARK ${window} ${edge}\n`);

  // Phase 0: start-up. The app starts the engine (and its thread) at launch, before anyone can
  // send; its stall is reported on its own, not as a stall during a send.
  const boot = await armedHistogram();
  engine.dispatcher.start();
  await sleep(STARTUP_SETTLE_MS);
  boot.disable();
  const idleRss = process.memoryUsage().rss;
  const idleThreadHeap = await threadHeap();

  // Phase 1: the first send after start-up, one message.
  const cold = await armedHistogram();
  mark('first', 'begin');
  const c0 = performance.now();
  await engine.sends.queue({ kind: 'mass', body: BODY, recipients: [FIRST_SEND_TO], honorHours: false, notBefore: null, createdBy: null });
  engine.dispatcher.notify();
  while (count(waiting) + count(unexpanded) > 0) await sleep(5);
  const firstSendMs = performance.now() - c0;
  cold.disable();
  mark('first', 'end');

  // Let that send's garbage settle; the dispatcher keeps running, as in the app.
  await sleep(300);
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;

  const gcMs: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (measuring) gcMs.push(e.duration);
      if (e.duration > 3) debug(`GC at ${(e.startTime - t0).toFixed(1)} took ${e.duration.toFixed(2)} ms`);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const driftMs: number[] = [];
  let lastTick = performance.now();
  const drift = setInterval(() => {
    const now = performance.now();
    driftMs.push(Math.max(0, now - lastTick - 5));
    if (now - lastTick > 20) debug(`DRIFT ${(lastTick - t0).toFixed(1)} -> ${(now - t0).toFixed(1)}`);
    lastTick = now;
  }, 5);
  let peakRss = 0;
  let peakHeap = 0;
  let peakThreadHeap = 0;
  let threadHeapAsked = false;
  const sampleMemory = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    // The sending thread's isolate: its own heap, not in process.memoryUsage().heapUsed (rss covers both).
    const worker = sendingThread();
    if (worker === null || threadHeapAsked) return;
    threadHeapAsked = true;
    worker.getHeapStatistics().then(
      (h) => {
        peakThreadHeap = Math.max(peakThreadHeap, h.used_heap_size);
        threadHeapAsked = false;
      },
      () => {
        threadHeapAsked = false;
      },
    );
  };

  // Phase 2: the measured batch. The whole window, and the part after every row was written.
  const to = recipients(config.messages);
  const batch = await armedHistogram();
  mark('batch', 'begin');
  const steady = monitorEventLoopDelay({ resolution: 1 });
  measuring = true;
  const thread = sendingThread();
  if (config.thread && thread === null) throw new Error('the sending thread is not running');
  const threadElu0 = thread?.performance.eventLoopUtilization();
  const mainElu0 = performance.eventLoopUtilization();
  const walCommits0 = walCommits(config.dbFile);
  const cpu0 = process.cpuUsage();
  const mainCpu0 = process.threadCpuUsage();
  const startWall = Date.now();
  t0 = performance.now();
  lastTick = t0;
  const { batch: queued } = await engine.sends.queue({ kind: 'mass', body: BODY, recipients: to, honorHours: false, notBefore: null, createdBy: null });
  const queueMs = performance.now() - t0;

  let expandedMs = -1;
  let lastReport = t0;
  const wallMs = await new Promise<number>((resolve) => {
    const timer = setInterval(() => {
      sampleMemory();
      const now = performance.now();
      if (expandedMs < 0 && count(unexpanded) === 0) {
        expandedMs = now - t0;
        steady.enable();
      }
      const left = count(waiting);
      if (expandedMs >= 0 && left === 0) {
        clearInterval(timer);
        resolve(now - t0);
      } else if (now - lastReport >= 2_000) {
        lastReport = now;
        process.stdout.write(`    ${((now - t0) / 1000).toFixed(1)} s: ${left} waiting${expandedMs < 0 ? ' (rows still being written)' : ''}\n`);
      }
    }, SAMPLE_MS);
  });
  sampleMemory();
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = process.threadCpuUsage(mainCpu0);
  const walCommits1 = walCommits(config.dbFile);
  const mainElu = performance.eventLoopUtilization(mainElu0);
  const threadElu: EventLoopUtilization | undefined = threadElu0 === undefined ? undefined : thread?.performance.eventLoopUtilization(threadElu0);
  batch.disable();
  mark('batch', 'end');
  steady.disable();
  measuring = false;
  clearInterval(drift);
  gcObserver.disconnect();

  // Memory after the send, with the engine still running and idle, as in the app.
  let afterSendRss: number | null = null;
  let afterSendThreadHeap: number | null = null;
  if (config.afterSendWaitMs !== undefined) {
    await sleep(config.afterSendWaitMs);
    (globalThis as { gc?: () => void }).gc?.();
    afterSendRss = process.memoryUsage().rss;
    afterSendThreadHeap = await threadHeap();
  }

  await engine.close();
  // What the send left behind (run.ts starts this process with --expose-gc): a leak shows here,
  // garbage not yet collected does not.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapAfterGc = process.memoryUsage().heapUsed;

  const ro = new DatabaseSync(config.dbFile, { readOnly: true });
  const outcomes = ro.prepare(`SELECT l.at FROM credit_ledger l JOIN outbox o ON o.id = l.outbox_id
    WHERE o.batch_id = ? AND l.kind IN ('settle', 'release')`).all(queued.id) as Array<{ at: number }>;
  const states = Object.fromEntries((ro.prepare('SELECT state, COUNT(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state').all(queued.id) as Array<{ state: string; n: number }>).map((s) => [s.state, s.n]));
  ro.close();
  const times = outcomes.map((r) => r.at);
  const sendMs = Math.max(...times) - startWall;

  const sum = (list: readonly number[]): number => round2(list.reduce((a, b) => a + b, 0));
  const percentOfWall = (us: number): number => round2((us / 1000 / wallMs) * 100);
  const result: RunResult = {
    name: config.name,
    thread: config.thread,
    messages: config.messages,
    maxInFlight: config.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    messagesPerSecond: config.messagesPerSecond,
    startUp: { stall: stallOf(boot) },
    firstSend: { ms: round2(firstSendMs), stall: stallOf(cold) },
    queueMs: round2(queueMs),
    expandedMs: round2(expandedMs),
    wallMs: round2(wallMs),
    sendMs,
    perSecond: round2((config.messages * 1000) / sendMs),
    states,
    engineRate: rateOf(times),
    rssBeforeMb: mb(rssBefore),
    heapBeforeMb: mb(heapBefore),
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    peakThreadHeapMb: config.thread ? mb(peakThreadHeap) : null,
    heapAfterGcMb: gc === undefined ? null : mb(heapAfterGc),
    stall: stallOf(batch),
    steadyStall: stallOf(steady),
    drift: spread(driftMs),
    gc: { maxMs: round2(Math.max(0, ...gcMs)), totalMs: sum(gcMs), count: gcMs.length },
    commits: { ...spread(commitMs), totalMs: sum(commitMs), empty: emptyCommits },
    polls: spread(pollMs),
    allCommits: walCommits0 === null || walCommits1 === null ? null : (walCommits1 - walCommits0) >>> 0,
    rounds: { ...spread(roundMs), totalMs: sum(roundMs) },
    mainBusyPercent: round2(mainElu.utilization * 100),
    threadBusyPercent: threadElu === undefined ? null : round2(threadElu.utilization * 100),
    cpu: {
      userMs: round2(cpu.user / 1000),
      systemMs: round2(cpu.system / 1000),
      percentOfOneCore: percentOfWall(cpu.user + cpu.system),
      mainPercentOfOneCore: percentOfWall(mainCpu.user + mainCpu.system),
    },
    memory: {
      idleRssMb: mb(idleRss),
      idleThreadHeapMb: idleThreadHeap === null ? null : mb(idleThreadHeap),
      peakRssMb: mb(peakRss),
      peakThreadHeapMb: config.thread ? mb(peakThreadHeap) : null,
      afterSendRssMb: afterSendRss === null ? null : mb(afterSendRss),
      afterSendThreadHeapMb: afterSendThreadHeap === null ? null : mb(afterSendThreadHeap),
      afterSendWaitMs: config.afterSendWaitMs ?? null,
    },
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
