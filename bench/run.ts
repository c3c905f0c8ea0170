/**
 * `npm run bench`: the sending engine against a plain twilio-SDK loop (five alternating pairs,
 * engine ÷ SDK per pair), pacing accuracy, memory (idle, peak, 30 s after a send) and main-thread
 * stalls. The Twilio simulator runs in a child process of its own (fast settings, so it is never
 * the bottleneck); every measured run is a fresh process (bench/engine-launch.mjs →
 * engine-worker.ts or sdk-loop.ts) with a real SQLite file in the OS temp directory. The engine
 * runs use the sending thread (the dispatcher in a worker thread), as the app does; with
 * BENCH_IN_PROCESS=1 two in-process runs (dispatcher on the main thread) are added for comparison.
 * `--busy` (BENCH_BUSY=1) runs one busy-loop process per core beside the paced runs, at each
 * sending-thread nice value. Last, bench/backlog.ts (sending now beside 100,000 scheduled texts;
 * BENCH_BACKLOG=0 skips it). Prints progress, then ONE line of JSON, last. Exits 0 even when a
 * target is missed (the summary says pass: false); non-zero only on errors.
 *
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every engine run to <dir>; BENCH_DEBUG=1 prints
 * each run's main-thread timeline (GC pauses, slow commits, timer gaps over 20 ms; rounds too
 * when the dispatcher runs in process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { measureMainThreadCalls } from './main-thread-calls';
import { measureMessenger } from './messenger';
import { ACCOUNT_SID, AUTH_TOKEN, FIRST_SEND_TO, rateOf, round2, type RunConfig, type RunResult, type SdkLoopConfig, type SdkLoopResult } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
/**
 * Ratios, not absolute rates: the engine against a plain SDK loop measured in the same minute;
 * paced against its target; memory after a send against idle.
 */
const TARGETS = { engineToSdk: 0.9, pacedRatio: 0.98, maxStallMs: 16, afterSendToIdleRss: 1.2 };
/** Kept small so five alternating pairs fit in a couple of minutes (BENCH_MESSAGES overrides). */
const UNPACED_MESSAGES = Number(process.env.BENCH_MESSAGES ?? 4_000);
const ALTERNATIONS = 5;
/** The engine's default window; the SDK loop keeps as many calls in flight. */
const MAX_IN_FLIGHT = 16;
/** The in-process comparison runs (BENCH_IN_PROCESS=1) at the engine's default. */
const IN_PROCESS_MAX_IN_FLIGHT = 16;
const BASELINE_MESSAGES = 2_000;
/** 1,000/s is the most Settings → SMS allows (message-options.ts). */
const PACED = process.env.BENCH_PACED_RATES === undefined ? [50, 200, 1_000] : process.env.BENCH_PACED_RATES.split(',').map(Number);
const PACED_SECONDS = 10;
/** The memory run: a send of this size, then this long idle before memory is read again. */
const MEMORY_MESSAGES = 10_000;
const AFTER_SEND_WAIT_MS = 30_000;
/** `--busy` or BENCH_BUSY=1: one busy-loop process per core runs beside the paced runs. */
const BUSY = process.argv.includes('--busy') || process.env.BENCH_BUSY === '1';
/** In busy mode the paced runs are made at each of these sending-thread nice values (BENCH_BUSY_NICE="0" for one). */
const BUSY_NICE = (process.env.BENCH_BUSY_NICE ?? '0,10').split(',').map(Number);
/**
 * `--paced-only` (BENCH_PACED_ONLY=1): the warm-up and the paced runs, nothing else, and a short
 * summary of them: for trying a change to pacing (with BENCH_PACED_RATES, BENCH_BUSY_NICE) without
 * the full run. Not a result: the full run is.
 */
const PACED_ONLY = process.argv.includes('--paced-only') || process.env.BENCH_PACED_ONLY === '1';
/** The sending thread's nice value in the app (SENDING_NICE in thread-priority.ts). */
const SHIPPED_NICE = 0;

/** USER_HZ, the unit of /proc CPU times (100 on every mainstream Linux). */
const CLOCK_TICKS_PER_S = 100;

const children = new Set<ChildProcess>();
let simulatorPid: number | null = null;
let tempDir: string | null = null;

const perMessage = (n: number, messages: number): number => Math.round((n / messages) * 1000) / 1000;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function cleanup(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  children.clear();
  if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
  tempDir = null;
}

/** The filesystem the SQLite file lives on (Linux), for the machine description. */
function filesystemOf(path: string): string {
  try {
    let best = { mount: '', type: 'unknown', device: '' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [device = '', mount = '', type = ''] = line.split(' ');
      if ((path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`)) && mount.length >= best.mount.length) best = { mount, type, device };
    }
    return `${best.type} (${best.device} on ${best.mount})`;
  } catch {
    return 'unknown';
  }
}

async function startSimulator(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', join(ROOT, 'src/main/sandbox/cli.ts'),
    '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '100000', '--max-concurrency', '10000', '--open-control',
  ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const baseUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('simulator did not print its URL within 20 s')), 20_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      ok(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`simulator exited with ${code}`));
    });
  });
  return { baseUrl, child };
}

async function control<T>(baseUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A fresh simulator account that accepts everything at once. */
async function freshAccount(baseUrl: string): Promise<string> {
  await control(baseUrl, 'POST', '/__sim/reset');
  await control(baseUrl, 'POST', '/__sim/settings', { queueMs: 0, sendingMs: 0, deliveryMs: 0 });
  const { messagingServiceSid } = await control<{ messagingServiceSid: string }>(baseUrl, 'POST', '/__sim/bootstrap', {});
  return messagingServiceSid;
}

interface SimView {
  /** The batch's outbound messages the carrier holds, and how many distinct recipients they went to. */
  messages: number;
  recipients: number;
  /** Copies of the first send (must be 1). */
  firstSend: number;
  rate: ReturnType<typeof rateOf>;
}

async function simView(baseUrl: string): Promise<SimView> {
  const { messages } = await control<{ messages: Array<{ direction: string; to: string; dateCreated: number }> }>(baseUrl, 'GET', '/__sim/messages');
  const outbound = messages.filter((m) => m.direction === 'outbound-api' && m.to !== FIRST_SEND_TO);
  const firstSend = messages.filter((m) => m.direction === 'outbound-api' && m.to === FIRST_SEND_TO).length;
  return { messages: outbound.length, recipients: new Set(outbound.map((m) => m.to)).size, firstSend, rate: rateOf(outbound.map((m) => m.dateCreated)) };
}

/** Window stalls of the idle control process (bench/idle-probe.mjs): scheduling latency of the machine. */
type ControlWindows = Partial<Record<'first' | 'batch', { maxMs: number; p99Ms: number; count: number }>>;

/** Starts the idle control process; the engine's window marks go to its stdin. */
function startControl(): { child: ChildProcess; result: Promise<ControlWindows> } {
  const child = spawn(process.execPath, [join(ROOT, 'bench/idle-probe.mjs')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(child);
  const result = new Promise<ControlWindows>((ok) => {
    let windows: ControlWindows = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      windows = JSON.parse(line) as ControlWindows;
    });
    child.once('exit', () => {
      children.delete(child);
      ok(windows);
    });
  });
  return { child, result };
}

/**
 * CPU time (clock ticks) of the whole machine (/proc/stat, idle and iowait excluded), of the
 * simulator, and of this bench's own processes: this one, the simulator and the given live
 * children (engine, control). Linux only; null elsewhere.
 */
function cpuTicks(pids: ReadonlyArray<number | undefined>): CpuTicks | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const machine = fields.reduce((a, b) => a + b, 0) - (fields[3] ?? 0) - (fields[4] ?? 0);
    const times = (pid: number | 'self'): number => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      // After the command name: state is field 3, utime 14, stime 15.
      const [utime = 0, stime = 0] = after.slice(11, 13);
      return utime + stime;
    };
    const simulator = simulatorPid === null ? 0 : times(simulatorPid);
    const children = pids.reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : times(pid)), 0);
    return { at: performance.now(), machine, simulator, own: times('self') + simulator + children };
  } catch {
    return null;
  }
}

interface CpuTicks {
  at: number;
  machine: number;
  simulator: number;
  own: number;
}

/** Over a window: the simulator's CPU, and the rest of the machine's (not this bench's processes), as shares of one core. */
function loadBetween(from: CpuTicks | null, to: CpuTicks | null): { simulatorPercent: number | null; otherLoadPercent: number | null } {
  if (from === null || to === null || to.at <= from.at) return { simulatorPercent: null, otherLoadPercent: null };
  const percent = (ticks: number): number => Math.round((ticks / CLOCK_TICKS_PER_S / ((to.at - from.at) / 1000)) * 100);
  return {
    simulatorPercent: percent(to.simulator - from.simulator),
    otherLoadPercent: Math.max(0, percent((to.machine - from.machine) - (to.own - from.own))),
  };
}

async function runEngine(config: RunConfig, timeoutMs: number, env: Record<string, string> = {}): Promise<{ run: RunResult; control: ControlWindows; load: ReturnType<typeof loadBetween> }> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = ['--expose-gc', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`, `--cpu-prof-name=${config.name}.cpuprofile`] : []), join(ROOT, 'bench/engine-launch.mjs')];
  const control = startControl();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env, BENCH_RUN: JSON.stringify(config) } });
  children.add(child);
  let result: RunResult | null = null;
  const batchTicks: { begin: CpuTicks | null; end: CpuTicks | null } = { begin: null, end: null };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as RunResult;
    else if (line.startsWith('MARK ')) {
      const mark = line.slice('MARK '.length);
      control.child.stdin!.write(`${mark}\n`);
      if (mark === 'batch begin') batchTicks.begin = cpuTicks([child.pid, control.child.pid]);
      if (mark === 'batch end') batchTicks.end = cpuTicks([child.pid, control.child.pid]);
    } else log(line);
  });
  const code = await new Promise<number | null>((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      ok(exitCode);
    });
  });
  children.delete(child);
  control.child.stdin!.end();
  const windows = await control.result;
  if (code !== 0 || result === null) throw new Error(`engine run ${config.name} failed (exit ${code})`);
  return { run: result, control: windows, load: loadBetween(batchTicks.begin, batchTicks.end) };
}

interface Measured {
  run: RunResult;
  sim: SimView;
  /** The idle control process's worst stalls in the same windows. */
  control: ControlWindows;
  /**
   * CPU the rest of the machine used during the batch (not this bench, its engine, control or
   * simulator), as a share of one core; null when /proc is not available.
   */
  otherLoadPercent: number | null;
  /** The simulator process's CPU during the batch, as a share of one core. */
  simulatorPercent: number | null;
}

async function measure(baseUrl: string, dir: string, spec: Omit<RunConfig, 'baseUrl' | 'messagingServiceSid' | 'dbFile'>, env: Record<string, string> = {}): Promise<Measured> {
  const messagingServiceSid = await freshAccount(baseUrl);
  const config: RunConfig = { ...spec, baseUrl, messagingServiceSid, dbFile: join(dir, `${spec.name}.sqlite`) };
  const expectedS = spec.messages / (spec.messagesPerSecond ?? 200) + (spec.afterSendWaitMs ?? 0) / 1000;
  // Room for a run that falls far behind its pace (a starved thread in busy mode) to finish and be reported.
  const { run, control, load } = await runEngine(config, (expectedS * (BUSY ? 20 : 5) + 60) * 1000, env);
  const sim = await simView(baseUrl);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.dbFile}${suffix}`, { force: true });
  return { run, sim, control, ...load };
}

/** Writing commits per message: every connection's (WAL index), else this thread's own. */
const commitsPerMessage = (r: RunResult): number => perMessage(r.allCommits ?? r.commits.count, r.messages);

function describe(m: Measured): string {
  const r = m.run;
  const commits = r.allCommits === null ? 'writing commits: WAL index unreadable' : `${r.allCommits} writing commits = ${commitsPerMessage(r).toFixed(3)}/msg`;
  return [
    `engine start-up (at launch, not during a send): stall max ${r.startUp.stall.maxMs} ms; first send after it: ${r.firstSend.ms.toFixed(0)} ms, stall max ${r.firstSend.stall.maxMs} ms`,
    `batch: ${r.messages} msgs in ${(r.sendMs / 1000).toFixed(2)} s = ${r.perSecond.toFixed(0)}/s; queue ${r.queueMs.toFixed(1)} ms, rows written after ${r.expandedMs.toFixed(0)} ms`,
    `main-thread stall max ${r.stall.maxMs} ms p99 ${r.stall.p99Ms} ms p50 ${r.stall.p50Ms} ms; once rows written max ${r.steadyStall.maxMs} ms p99 ${r.steadyStall.p99Ms} ms; 5 ms timer late by ≤ ${r.drift.maxMs} ms`,
    r.thread
      ? `${commits} (${r.commits.count} of them on the main thread: queueing, max ${r.commits.maxMs} ms); rounds run in the sending thread, busy ${r.threadBusyPercent}% of the time`
      : `${r.rounds.count} rounds (longest ${r.rounds.maxMs} ms, ${r.rounds.totalMs.toFixed(0)} ms in all), ${commits} `
        + `(on this thread ${r.commits.count}: p50 ${r.commits.p50Ms} ms, max ${r.commits.maxMs} ms, ${r.commits.totalMs.toFixed(0)} ms in all) + ${r.commits.empty} empty`,
    `main-thread gc max ${r.gc.maxMs} ms (${r.gc.count} pauses, ${r.gc.totalMs.toFixed(0)} ms); peak rss ${r.peakRssMb} MB (${r.rssBeforeMb} before), `
      + `main heap ${r.peakHeapMb} MB (${r.heapBeforeMb} before, ${r.heapAfterGcMb} after a full GC)${r.peakThreadHeapMb === null ? '' : `, sending-thread heap ${r.peakThreadHeapMb} MB`}`,
    `cpu ${r.cpu.percentOfOneCore}% of a core (main thread ${r.cpu.mainPercentOfOneCore}%, event loop busy ${r.mainBusyPercent}%)`,
    `idle control process: stall max ${m.control.first?.maxMs ?? '?'} ms in the first send, ${m.control.batch?.maxMs ?? '?'} ms (p99 ${m.control.batch?.p99Ms ?? '?'}) in the batch; `
      + `simulator ${m.simulatorPercent ?? '?'}% of a core, other load on the machine ${m.otherLoadPercent ?? '?'}% (batch)`,
    `carrier got ${m.sim.messages} for ${m.sim.recipients} recipients (+ ${m.sim.firstSend} first send)`,
  ].join('\n      ');
}

/** One plain SDK loop process (bench/sdk-loop.ts) on a fresh simulator account. */
async function runSdkLoop(baseUrl: string, messages: number, concurrency: number, client: SdkLoopConfig['client']): Promise<SdkLoopResult> {
  const messagingServiceSid = await freshAccount(baseUrl);
  const config: SdkLoopConfig = { baseUrl, messagingServiceSid, messages, concurrency, client };
  const child = spawn(process.execPath, [join(ROOT, 'bench/engine-launch.mjs')], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_ENTRY: 'sdk', BENCH_SDK: JSON.stringify(config) },
  });
  children.add(child);
  let result: SdkLoopResult | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as SdkLoopResult;
    else log(line);
  });
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  children.delete(child);
  if (code !== 0 || result === null) throw new Error(`SDK loop failed (exit ${code})`);
  const sim = await simView(baseUrl);
  // The loop's one warm-up call is outside the measured range of numbers.
  if (sim.messages !== messages + 1) throw new Error(`SDK loop: the simulator got ${sim.messages} messages, expected ${messages + 1}`);
  return result;
}

/**
 * A busy loop at normal priority: "other programs are busy". It exits when the bench goes away
 * (even a killed one: the IPC channel closes), so none outlives the run.
 */
const SPINNER = "process.on('disconnect', () => process.exit(0)); const spin = () => { const end = Date.now() + 50; while (Date.now() < end) {} setImmediate(spin); }; spin();";

/** One busy-loop process per core. */
function startBusyLoops(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['-e', SPINNER], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    children.add(child);
    return child;
  });
}

function stopBusyLoops(loops: readonly ChildProcess[]): void {
  for (const child of loops) {
    child.kill('SIGKILL');
    children.delete(child);
  }
}

const summarise = (values: readonly number[]): { min: number; median: number; max: number } => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { min: round2(sorted[0] ?? 0), median: round2(median), max: round2(sorted.at(-1) ?? 0) };
};
/** What bench/backlog.ts reports on its last line (the fields the summary keeps). */
interface BacklogCheck {
  ratio: number;
  pass: boolean;
  target: { min: number; max: number };
  medianMessagesPerSecond: { none: number; withBacklog: number };
  /** backlog ÷ none within each back-to-back pair. */
  pairRatios: { min: number; median: number; max: number };
  runs: Array<{ backlog: boolean; messagesPerSecond: number; load1: number }>;
}

/**
 * Item 2, checked by the same command: bench/backlog.ts in a child process of its own (its own
 * simulator; 10,000 texts sent now with and without 100,000 scheduled for tomorrow, alternating).
 * Its last line of output is its JSON summary. BENCH_BACKLOG=0 leaves it out.
 */
function runBacklogCheck(): Promise<BacklogCheck | null> {
  if (process.env.BENCH_BACKLOG === '0') return Promise.resolve(null);
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/backlog.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let last = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) last = line;
    else log(`[bench] backlog: ${line.trim()}`);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      children.delete(child);
      if (code !== 0) return reject(new Error(`bench/backlog.ts exited with ${code}`));
      const { ratio, pass, target, medianMessagesPerSecond, pairRatios, runs } = JSON.parse(last) as BacklogCheck;
      resolve({ ratio, pass, target, medianMessagesPerSecond, pairRatios, runs: runs.map(({ backlog, messagesPerSecond, load1 }) => ({ backlog, messagesPerSecond, load1 })) });
    });
  });
}

const ratio3 = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
const loadNow = (): number[] => loadavg().map(round2);

async function main(): Promise<void> {
  const started = Date.now();
  tempDir = mkdtempSync(join(tmpdir(), 'sms-desk-bench-'));
  const cpuList = cpus();
  const nproc = availableParallelism();
  const machine = {
    cpu: cpuList[0]?.model ?? 'unknown', cores: cpuList.length, nproc, memoryGb: round2(totalmem() / 1024 ** 3), node: process.version,
    os: `${osType()} ${release()}`, tmpdir: tmpdir(), filesystem: filesystemOf(tempDir), date: new Date().toISOString(), loadAverage: loadNow(),
  };
  log(`[bench] nproc ${nproc}, ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}, load ${machine.loadAverage.join(' ')}${BUSY ? ', busy mode' : ''}`);
  log(`[bench] SQLite files in ${tempDir} on ${machine.filesystem}`);

  const { baseUrl, child: simulator } = await startSimulator();
  simulatorPid = simulator.pid ?? null;
  log(`[bench] simulator (separate process) at ${baseUrl}`);

  log('[bench] warm-up (simulator JIT; not reported): 1000 msgs unpaced, engine and SDK loop');
  await measure(baseUrl, tempDir, { name: 'warmup', messages: 1_000, messagesPerSecond: null, thread: true });
  if (!PACED_ONLY) {
    await runSdkLoop(baseUrl, 1_000, MAX_IN_FLIGHT, 'stock');
    await runSdkLoop(baseUrl, 1_000, MAX_IN_FLIGHT, 'engine');
  }

  // Item 1: the engine against a plain SDK loop, alternating, so both see the same machine. The
  // target is against the SDK as it comes (its stock HTTP client); a second loop with the engine's
  // own HTTP client shows what the engine's bookkeeping costs on its own.
  const pairs: Array<{ engine: Measured; sdk: SdkLoopResult; sameClient: SdkLoopResult; ratio: number; sameClientRatio: number; nproc: number; loadAverage: number[] }> = [];
  const alternations = PACED_ONLY ? 0 : ALTERNATIONS;
  for (let i = 1; i <= alternations; i += 1) {
    const loadAverage = loadNow();
    log(`[bench] pair ${i}/${ALTERNATIONS} (load ${loadAverage.join(' ')}): engine (sending thread, unpaced, maxInFlight ${MAX_IN_FLIGHT}), ${UNPACED_MESSAGES} msgs`);
    const engine = await measure(baseUrl, tempDir, { name: `unpaced-${i}`, messages: UNPACED_MESSAGES, maxInFlight: MAX_IN_FLIGHT, messagesPerSecond: null, thread: true });
    log(`      ${describe(engine)}`);
    const sdk = await runSdkLoop(baseUrl, UNPACED_MESSAGES, MAX_IN_FLIGHT, 'stock');
    const sameClient = await runSdkLoop(baseUrl, UNPACED_MESSAGES, MAX_IN_FLIGHT, 'engine');
    const ratio = ratio3(engine.run.perSecond, sdk.perSecond);
    const sameClientRatio = ratio3(engine.run.perSecond, sameClient.perSecond);
    log(`      SDK loop ${sdk.perSecond}/s (${sdk.failed} failed), with the engine's HTTP client ${sameClient.perSecond}/s (${sameClient.failed} failed); `
      + `engine ${engine.run.perSecond}/s; engine ÷ SDK ${ratio}, engine ÷ SDK with its client ${sameClientRatio}`);
    pairs.push({ engine, sdk, sameClient, ratio, sameClientRatio, nproc, loadAverage });
  }

  // Item 4: pacing, beside one busy-loop process per core in busy mode, at each nice value.
  const pacedVariants: Array<{ nice: number | null; env: Record<string, string> }> = BUSY
    ? BUSY_NICE.map((nice) => ({ nice, env: { SMS_DESK_SENDING_NICE: String(nice) } }))
    : [{ nice: null, env: {} }];
  const paced: Array<{ m: Measured; nice: number | null; loadAverage: number[] }> = [];
  const busyLoops = BUSY ? startBusyLoops(nproc) : [];
  if (BUSY) log(`[bench] ${busyLoops.length} busy-loop processes started beside the paced runs`);
  try {
    for (const variant of pacedVariants) {
      for (const rate of PACED) {
        const loadAverage = loadNow();
        log(`[bench] sending thread${variant.nice === null ? '' : ` at nice ${variant.nice}`}, paced at ${rate}/s: ${rate * PACED_SECONDS} msgs (~${PACED_SECONDS} s), load ${loadAverage.join(' ')}`);
        const m = await measure(baseUrl, tempDir, { name: `paced-${rate}-${variant.nice ?? 'default'}`, messages: rate * PACED_SECONDS, messagesPerSecond: rate, thread: true }, variant.env);
        log(`      ${describe(m)}`);
        log(`      carrier saw ${m.sim.rate.steady}/s steady (${m.sim.rate.overall}/s overall); engine committed ${m.run.engineRate.steady}/s steady`);
        paced.push({ m, nice: variant.nice, loadAverage });
      }
    }
  } finally {
    stopBusyLoops(busyLoops);
  }

  if (PACED_ONLY) {
    for (const { m, nice } of paced) {
      log(`[bench] paced ${m.run.messagesPerSecond}/s${nice === null ? '' : ` nice ${nice}`}: carrier ${m.sim.rate.steady}/s steady = ${round2((100 * m.sim.rate.steady) / (m.run.messagesPerSecond ?? 1))} %`);
    }
    return;
  }

  // Item 5: memory idle, at peak, and after a send once the engine sat idle and was collected.
  log(`[bench] memory: ${MEMORY_MESSAGES} msgs unpaced, then ${AFTER_SEND_WAIT_MS / 1000} s idle and a GC`);
  const memoryRun = await measure(baseUrl, tempDir, { name: 'memory', messages: MEMORY_MESSAGES, maxInFlight: MAX_IN_FLIGHT, messagesPerSecond: null, thread: true, afterSendWaitMs: AFTER_SEND_WAIT_MS });
  const memory = memoryRun.run.memory;
  log(`      rss idle ${memory.idleRssMb} MB, peak ${memory.peakRssMb} MB, after the send ${memory.afterSendRssMb} MB; `
    + `sending-thread heap idle ${memory.idleThreadHeapMb} MB, peak ${memory.peakThreadHeapMb} MB, after ${memory.afterSendThreadHeapMb} MB`);

  // For comparison (BENCH_IN_PROCESS=1): the dispatcher on the measured thread, where its rounds can be timed.
  const comparison: Measured[] = [];
  if (process.env.BENCH_IN_PROCESS === '1') {
    log(`[bench] in process, unpaced, maxInFlight ${IN_PROCESS_MAX_IN_FLIGHT} (the default): ${UNPACED_MESSAGES} msgs`);
    comparison.push(await measure(baseUrl, tempDir, { name: `in-process-${IN_PROCESS_MAX_IN_FLIGHT}`, messages: UNPACED_MESSAGES, maxInFlight: IN_PROCESS_MAX_IN_FLIGHT, messagesPerSecond: null, thread: false }));
    log(`      ${describe(comparison[0]!)}`);
    log(`[bench] in process, maxInFlight 1 (one claim per round ≈ one commit per message): ${BASELINE_MESSAGES} msgs unpaced`);
    comparison.push(await measure(baseUrl, tempDir, { name: 'in-process-1', messages: BASELINE_MESSAGES, maxInFlight: 1, messagesPerSecond: null, thread: false }));
    log(`      ${describe(comparison[1]!)}`);
  }

  const headline = [...pairs.map((p) => p.engine), ...paced.map((p) => p.m), memoryRun];
  const worst = <K extends keyof RunResult>(key: K, pick: (v: RunResult[K]) => number): number => Math.max(...headline.map((m) => pick(m.run[key])));
  const exactlyOnce = [...headline, ...comparison].every((m) => m.sim.messages === m.run.messages && m.sim.recipients === m.run.messages && m.sim.firstSend === 1);
  const stallOfRun = (r: RunResult): number => Math.max(r.firstSend.stall.maxMs, r.stall.maxMs);
  const row = (m: Measured) => ({
    maxInFlight: m.run.maxInFlight, messages: m.run.messages, perSecond: m.run.perSecond, maxStallMs: stallOfRun(m.run), firstSendStallMs: m.run.firstSend.stall.maxMs,
    batchMaxStallMs: m.run.stall.maxMs, p99StallMs: m.run.stall.p99Ms, steadyMaxStallMs: m.run.steadyStall.maxMs, commitsPerMessage: commitsPerMessage(m.run),
    peakRssMb: m.run.peakRssMb, peakHeapMb: m.run.peakHeapMb, peakThreadHeapMb: m.run.peakThreadHeapMb,
    cpuPercent: m.run.cpu.percentOfOneCore, mainCpuPercent: m.run.cpu.mainPercentOfOneCore, threadBusyPercent: m.run.threadBusyPercent,
    pollMaxMs: m.run.polls.maxMs, controlFirstSendStallMs: m.control.first?.maxMs ?? null, controlBatchStallMs: m.control.batch?.maxMs ?? null,
    otherLoadPercent: m.otherLoadPercent, simulatorPercent: m.simulatorPercent,
  });
  const pacedOut = paced.map(({ m, nice, loadAverage }) => ({
    nice,
    busy: BUSY,
    target: m.run.messagesPerSecond ?? 0,
    achieved: m.sim.rate.steady,
    ratio: Math.round((m.sim.rate.steady / (m.run.messagesPerSecond ?? 1)) * 10_000) / 10_000,
    overall: m.sim.rate.overall,
    engineSteady: m.run.engineRate.steady,
    loadAverage,
    ...row(m),
  }));
  // The pass block judges the paced runs at the nice value the app ships with (thread-entry.ts).
  const shippedNice = Number(process.env.SMS_DESK_SENDING_NICE ?? SHIPPED_NICE);
  const pacedShipped = pacedOut.filter((p) => p.nice === null || p.nice === shippedNice);
  const ratios = summarise(pairs.map((p) => p.ratio));
  const maxStallMs = Math.max(...headline.map((m) => stallOfRun(m.run)));
  // sends.estimate / sends.create for 5,000 and 20,000 recipients, in this process, nothing else running.
  const mainThreadCalls = await measureMainThreadCalls((line) => log(`[bench] ${line}`));
  log('[bench] backlog: 10,000 texts now, with and without 100,000 scheduled for tomorrow (bench/backlog.ts)');
  const backlog = await runBacklogCheck();
  const summary = {
    /** Every headline figure (unpaced, paced, stall, memory) comes from runs with the sending thread. */
    configuration: 'sending thread (startStandaloneEngine thread: true)',
    busy: BUSY,
    unpaced: {
      messages: UNPACED_MESSAGES,
      maxInFlight: MAX_IN_FLIGHT,
      engine: summarise(pairs.map((p) => p.engine.run.perSecond)),
      sdk: summarise(pairs.map((p) => p.sdk.perSecond)),
      engineToSdk: ratios,
      /** The SDK loop with the engine's own HTTP client, and the engine against it: the engine's bookkeeping alone. */
      sdkWithEngineClient: summarise(pairs.map((p) => p.sameClient.perSecond)),
      engineToSdkWithEngineClient: summarise(pairs.map((p) => p.sameClientRatio)),
      runs: pairs.map((p) => ({
        engine: p.engine.run.perSecond, sdk: p.sdk.perSecond, ratio: p.ratio, sdkWithEngineClient: p.sameClient.perSecond, ratioWithEngineClient: p.sameClientRatio,
        nproc: p.nproc, loadAverage: p.loadAverage, otherLoadPercent: p.engine.otherLoadPercent,
      })),
      all: pairs.map((p) => row(p.engine)),
    },
    paced: pacedOut,
    memory: { messages: MEMORY_MESSAGES, ...memory, heapAfterGcMb: memoryRun.run.heapAfterGcMb },
    /** Whole process (main thread + sending thread). */
    peakRssMb: worst('peakRssMb', (v) => v),
    /** Per isolate: the main thread's heapUsed, and the sending thread's used heap. */
    peakHeapMb: worst('peakHeapMb', (v) => v),
    peakThreadHeapMb: worst('peakThreadHeapMb', (v) => v ?? 0),
    /** Main thread, worst over every headline run: the first send after start-up or the batch. */
    maxStallMs,
    p99StallMs: worst('stall', (s) => s.p99Ms),
    firstSendStallMs: worst('firstSend', (f) => f.stall.maxMs),
    /** Not part of the stall target: the app starts the engine at launch, before any send. */
    startUpStallMs: worst('startUp', (f) => f.stall.maxMs),
    batchMaxStallMs: worst('stall', (s) => s.maxMs),
    steadyMaxStallMs: worst('steadyStall', (s) => s.maxMs),
    maxDriftMs: worst('drift', (s) => s.maxMs),
    maxGcPauseMs: worst('gc', (g) => g.maxMs),
    queueMs: worst('queueMs', (v) => v),
    /** The idle control process, worst over the same windows of the headline runs: the machine's own scheduling latency. */
    controlMaxStallMs: Math.max(...headline.map((m) => Math.max(m.control.first?.maxMs ?? 0, m.control.batch?.maxMs ?? 0))),
    /** The dispatcher on the main thread (BENCH_IN_PROCESS=1), for comparison; not part of the pass block. */
    inProcess: comparison.map((m) => ({ ...row(m), longestRoundMs: m.run.rounds.maxMs })),
    /** The composer's big calls: how long each held the main thread, and the first estimate of 20,000. */
    mainThreadCalls,
    /** Sending now beside a backlog of scheduled texts: rate with ÷ rate without (null with BENCH_BACKLOG=0). */
    backlog,
    pass: {
      engineToSdk: ratios.median >= TARGETS.engineToSdk,
      mainThreadCalls: mainThreadCalls.pass.mainHold && mainThreadCalls.pass.estimate20k,
      paced: pacedShipped.every((p) => p.ratio >= TARGETS.pacedRatio),
      stall: maxStallMs < TARGETS.maxStallMs,
      memory: memory.afterSendRssMb !== null && memory.afterSendRssMb <= memory.idleRssMb * TARGETS.afterSendToIdleRss,
      exactlyOnce,
      backlog: backlog === null || backlog.pass,
      all: false,
    },
    targets: TARGETS,
    machine,
    loadAverageAtEnd: loadNow(),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  summary.pass.all = Object.entries(summary.pass).every(([key, ok]) => key === 'all' || ok);
  log(`[bench] done in ${summary.seconds} s (nproc ${nproc}, load ${summary.loadAverageAtEnd.join(' ')}): engine ÷ SDK min ${ratios.min} median ${ratios.median} max ${ratios.max} `
    + `(engine median ${summary.unpaced.engine.median}/s, SDK median ${summary.unpaced.sdk.median}/s; against the SDK with the engine's HTTP client median ${summary.unpaced.engineToSdkWithEngineClient.median}), `
    + `paced${BUSY ? ' beside busy loops' : ''} ${pacedOut.map((p) => `${p.achieved}/${p.target}${p.nice === null ? '' : ` (nice ${p.nice})`}`).join(', ')}, `
    + `rss idle ${memory.idleRssMb} peak ${memory.peakRssMb} after send ${memory.afterSendRssMb} MB, main-thread stall max ${maxStallMs} ms (idle control process ${summary.controlMaxStallMs}), `
    + `backlog ÷ none ${backlog?.ratio ?? 'not run'}; pass ${summary.pass.all}`);
  log(JSON.stringify(summary));
}

process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});

// `npm run bench -- --messenger`: the Messenger Center at 200,000 messages instead (bench/messenger.ts).
const MESSENGER = process.argv.includes('--messenger');
(MESSENGER ? measureMessenger(log).then((summary) => log(JSON.stringify(summary))) : main())
  .then(() => {
    cleanup();
    process.exitCode = 0;
  })
  .catch((error: unknown) => {
    cleanup();
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
