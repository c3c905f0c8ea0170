/**
 * `npm run bench`: throughput, pacing accuracy, memory and main-thread stalls of the sending
 * engine. The Twilio simulator runs in a child process of its own (fast settings, so it is never
 * the bottleneck); every measured run is a fresh engine process (bench/engine-launch.mjs →
 * engine-worker.ts) with a real SQLite file in the OS temp directory. Prints progress, then ONE line of JSON, last.
 * Exits 0 even when a target is missed (the summary says pass: false); non-zero only on errors.
 *
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every engine run to <dir>; BENCH_DEBUG=1 prints
 * each run's timeline (rounds, GC pauses, timer gaps over 20 ms).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ACCOUNT_SID, AUTH_TOKEN, FIRST_SEND_TO, rateOf, round2, type RunConfig, type RunResult } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const TARGETS = { unpacedPerSecond: 1_000, pacedRatio: 0.98, maxStallMs: 16 };
const UNPACED_MESSAGES = 10_000;
const MAX_IN_FLIGHT = [16, 64];
const BASELINE_MESSAGES = 2_000;
/** 1,000/s is the most Settings → SMS allows (message-options.ts). */
const PACED = [50, 200, 1_000];
const PACED_SECONDS = 10;

const children = new Set<ChildProcess>();
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
    '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '100000', '--max-concurrency', '10000',
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

async function runEngine(config: RunConfig, timeoutMs: number): Promise<RunResult> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = ['--expose-gc', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`, `--cpu-prof-name=${config.name}.cpuprofile`] : []), join(ROOT, 'bench/engine-launch.mjs')];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_RUN: JSON.stringify(config) } });
  children.add(child);
  let result: RunResult | null = null;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as RunResult;
    else log(line);
  });
  const code = await new Promise<number | null>((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      ok(exitCode);
    });
  });
  children.delete(child);
  if (code !== 0 || result === null) throw new Error(`engine run ${config.name} failed (exit ${code})`);
  return result;
}

interface Measured {
  run: RunResult;
  sim: SimView;
}

async function measure(baseUrl: string, dir: string, spec: Omit<RunConfig, 'baseUrl' | 'messagingServiceSid' | 'dbFile'>): Promise<Measured> {
  const messagingServiceSid = await freshAccount(baseUrl);
  const config: RunConfig = { ...spec, baseUrl, messagingServiceSid, dbFile: join(dir, `${spec.name}.sqlite`) };
  const expectedS = spec.messages / (spec.messagesPerSecond ?? 200);
  const run = await runEngine(config, (expectedS + 60) * 1000);
  const sim = await simView(baseUrl);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.dbFile}${suffix}`, { force: true });
  return { run, sim };
}

function describe(m: Measured): string {
  const r = m.run;
  return [
    `first send after start-up: ${r.firstSend.ms.toFixed(0)} ms, stall max ${r.firstSend.stall.maxMs} ms`,
    `batch: ${r.messages} msgs in ${(r.sendMs / 1000).toFixed(2)} s = ${r.perSecond.toFixed(0)}/s; queue ${r.queueMs.toFixed(1)} ms, rows written after ${r.expandedMs.toFixed(0)} ms`,
    `stall max ${r.stall.maxMs} ms p99 ${r.stall.p99Ms} ms p50 ${r.stall.p50Ms} ms; once rows written max ${r.steadyStall.maxMs} ms p99 ${r.steadyStall.p99Ms} ms; 5 ms timer late by ≤ ${r.drift.maxMs} ms`,
    r.rounds.count === 0
      ? `rounds and their commits: in the sending thread; this thread committed ${r.commits.count} time(s) (queueing), max ${r.commits.maxMs} ms`
      : `${r.rounds.count} rounds (longest ${r.rounds.maxMs} ms, ${r.rounds.totalMs.toFixed(0)} ms in all), ${r.commits.count} writing commits = ${(r.commits.count / r.messages).toFixed(3)}/msg `
        + `(p50 ${r.commits.p50Ms} ms, max ${r.commits.maxMs} ms, ${r.commits.totalMs.toFixed(0)} ms in all) + ${r.commits.empty} empty`,
    `gc max ${r.gc.maxMs} ms (${r.gc.count} pauses, ${r.gc.totalMs.toFixed(0)} ms); peak rss ${r.peakRssMb} MB (${r.rssBeforeMb} before), `
      + `peak heap ${r.peakHeapMb} MB (${r.heapBeforeMb} before, ${r.heapAfterGcMb} after a full GC); cpu ${r.cpu.percentOfOneCore}% of a core`,
    `carrier got ${m.sim.messages} for ${m.sim.recipients} recipients (+ ${m.sim.firstSend} first send)`,
  ].join('\n      ');
}

async function main(): Promise<void> {
  const started = Date.now();
  tempDir = mkdtempSync(join(tmpdir(), 'sms-desk-bench-'));
  const cpuList = cpus();
  const machine = {
    cpu: cpuList[0]?.model ?? 'unknown', cores: cpuList.length, memoryGb: round2(totalmem() / 1024 ** 3), node: process.version,
    os: `${osType()} ${release()}`, tmpdir: tmpdir(), filesystem: filesystemOf(tempDir), date: new Date().toISOString(),
  };
  log(`[bench] ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}`);
  log(`[bench] SQLite files in ${tempDir} on ${machine.filesystem}`);

  const { baseUrl } = await startSimulator();
  log(`[bench] simulator (separate process) at ${baseUrl}`);

  log('[bench] warm-up (simulator JIT; not reported): 1000 msgs unpaced');
  await measure(baseUrl, tempDir, { name: 'warmup', messages: 1_000, messagesPerSecond: null, thread: true });

  // Headline runs: the dispatcher in its worker thread, as the app runs it.
  const unpaced: Measured[] = [];
  for (const maxInFlight of MAX_IN_FLIGHT) {
    log(`[bench] sending thread, unpaced, maxInFlight ${maxInFlight}: ${UNPACED_MESSAGES} msgs`);
    const m = await measure(baseUrl, tempDir, { name: `unpaced-${maxInFlight}`, messages: UNPACED_MESSAGES, maxInFlight, messagesPerSecond: null, thread: true });
    log(`      ${describe(m)}`);
    unpaced.push(m);
  }

  // For comparison: the dispatcher on the measured thread (its rounds and commits are visible here).
  log(`[bench] in-process, unpaced, maxInFlight 64: ${UNPACED_MESSAGES} msgs`);
  const inProcess = await measure(baseUrl, tempDir, { name: 'in-process-64', messages: UNPACED_MESSAGES, maxInFlight: 64, messagesPerSecond: null, thread: false });
  log(`      ${describe(inProcess)}`);

  log(`[bench] in-process baseline, maxInFlight 1 (one claim per round ≈ one commit per message): ${BASELINE_MESSAGES} msgs unpaced`);
  const baseline = await measure(baseUrl, tempDir, { name: 'baseline-1', messages: BASELINE_MESSAGES, maxInFlight: 1, messagesPerSecond: null, thread: false });
  log(`      ${describe(baseline)}`);

  const paced: Measured[] = [];
  for (const rate of PACED) {
    log(`[bench] sending thread, paced at ${rate}/s: ${rate * PACED_SECONDS} msgs (~${PACED_SECONDS} s)`);
    const m = await measure(baseUrl, tempDir, { name: `paced-${rate}`, messages: rate * PACED_SECONDS, messagesPerSecond: rate, thread: true });
    log(`      ${describe(m)}`);
    log(`      carrier saw ${m.sim.rate.steady}/s steady (${m.sim.rate.overall}/s overall); engine committed ${m.run.engineRate.steady}/s steady`);
    paced.push(m);
  }

  const headline = [...unpaced, ...paced];
  const best = unpaced.reduce((a, b) => (b.run.perSecond > a.run.perSecond ? b : a));
  const worst = <K extends keyof RunResult>(key: K, pick: (v: RunResult[K]) => number): number => Math.max(...headline.map((m) => pick(m.run[key])));
  const exactlyOnce = [...headline, inProcess, baseline].every((m) => m.sim.messages === m.run.messages && m.sim.recipients === m.run.messages && m.sim.firstSend === 1);
  const stallOfRun = (r: RunResult): number => Math.max(r.firstSend.stall.maxMs, r.stall.maxMs);
  const pacedOut = paced.map((m) => ({
    target: m.run.messagesPerSecond ?? 0,
    messages: m.run.messages,
    achieved: m.sim.rate.steady,
    ratio: Math.round((m.sim.rate.steady / (m.run.messagesPerSecond ?? 1)) * 10_000) / 10_000,
    overall: m.sim.rate.overall,
    engineSteady: m.run.engineRate.steady,
    maxStallMs: stallOfRun(m.run),
    batchMaxStallMs: m.run.stall.maxMs,
    p99StallMs: m.run.stall.p99Ms,
    steadyMaxStallMs: m.run.steadyStall.maxMs,
    peakRssMb: m.run.peakRssMb,
  }));
  const maxStallMs = Math.max(...headline.map((m) => stallOfRun(m.run)));
  const summary = {
    unpaced: {
      messages: UNPACED_MESSAGES, perSecond: best.run.perSecond, maxInFlight: best.run.maxInFlight,
      all: unpaced.map((m) => ({
        maxInFlight: m.run.maxInFlight, perSecond: m.run.perSecond, maxStallMs: stallOfRun(m.run), batchMaxStallMs: m.run.stall.maxMs,
        p99StallMs: m.run.stall.p99Ms, steadyMaxStallMs: m.run.steadyStall.maxMs, commitsPerMessage: perMessage(m.run.commits.count, m.run.messages), peakRssMb: m.run.peakRssMb,
      })),
    },
    paced: pacedOut,
    peakRssMb: worst('peakRssMb', (v) => v),
    peakHeapMb: worst('peakHeapMb', (v) => v),
    /** Worst over every run: the first send after start-up or the batch. */
    maxStallMs,
    p99StallMs: worst('stall', (s) => s.p99Ms),
    firstSendStallMs: worst('firstSend', (f) => f.stall.maxMs),
    batchMaxStallMs: worst('stall', (s) => s.maxMs),
    steadyMaxStallMs: worst('steadyStall', (s) => s.maxMs),
    maxDriftMs: worst('drift', (s) => s.maxMs),
    maxGcPauseMs: worst('gc', (g) => g.maxMs),
    queueMs: worst('queueMs', (v) => v),
    inProcess: {
      maxInFlight: 64, messages: UNPACED_MESSAGES, perSecond: inProcess.run.perSecond, maxStallMs: stallOfRun(inProcess.run),
      commitsPerMessage: perMessage(inProcess.run.commits.count, inProcess.run.messages), longestRoundMs: inProcess.run.rounds.maxMs,
    },
    baseline: { maxInFlight: 1, messages: BASELINE_MESSAGES, perSecond: baseline.run.perSecond, commitsPerMessage: perMessage(baseline.run.commits.count, baseline.run.messages) },
    pass: {
      unpaced: best.run.perSecond >= TARGETS.unpacedPerSecond,
      paced: pacedOut.every((p) => p.ratio >= TARGETS.pacedRatio),
      stall: maxStallMs < TARGETS.maxStallMs,
      exactlyOnce,
      all: false,
    },
    targets: TARGETS,
    machine,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  summary.pass.all = summary.pass.unpaced && summary.pass.paced && summary.pass.stall && summary.pass.exactlyOnce;
  log(`[bench] done in ${summary.seconds} s: unpaced best ${best.run.perSecond}/s (maxInFlight ${best.run.maxInFlight}), `
    + `paced ${pacedOut.map((p) => `${p.achieved}/${p.target}`).join(', ')}, stall max ${maxStallMs} ms `
    + `(first send ${summary.firstSendStallMs}, batch ${summary.batchMaxStallMs}, once rows written ${summary.steadyMaxStallMs}), pass ${summary.pass.all}`);
  log(JSON.stringify(summary));
}

process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});

main()
  .then(() => {
    cleanup();
    process.exitCode = 0;
  })
  .catch((error: unknown) => {
    cleanup();
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
