/**
 * `node --import tsx bench/backlog.ts`: does a backlog of scheduled texts slow down a send that
 * goes now? Each run is a fresh engine (real SQLite file, real twilio SDK over HTTP to the
 * simulator in a child process, dispatcher on this thread, unpaced) that sends 10,000 texts now;
 * in a "backlog" run 100,000 texts scheduled for tomorrow are queued and written first. The two
 * kinds alternate (BACKLOG_PAIRS pairs, default 4, after one unmeasured run that compiles the code)
 * so both see the same machine; the figure that
 * counts is the ratio of the rates, backlog ÷ none (target 0.9–1.1), with the load average at each
 * run. Prints progress, then ONE line of JSON, last.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import { ACCOUNT_SID, AUTH_TOKEN, BODY, round2 } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const NOW_MESSAGES = 10_000;
const BACKLOG_MESSAGES = 100_000;
/** One arm's rate moves by ±30 % between runs on this machine: four pairs give each median four runs. */
const PAIRS = Number(process.env.BACKLOG_PAIRS ?? 4);
const TARGET = { min: 0.9, max: 1.1 };
const DAY_MS = 24 * 60 * 60 * 1000;

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** Distinct valid numbers: area code by ten thousand, then 555 and four digits. */
const AREAS = ['512', '737', '210', '214', '312', '415', '617', '646', '718', '917', '206'];
const numbers = (count: number, from: number): string[] =>
  Array.from({ length: count }, (_, k) => `+1${AREAS[Math.floor((from + k) / 10_000)] ?? '999'}555${String((from + k) % 10_000).padStart(4, '0')}`);

async function startSimulator(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', join(ROOT, 'src/main/sandbox/cli.ts'),
    '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '100000', '--max-concurrency', '10000', '--open-control',
  ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('simulator did not print its URL within 20 s')), 20_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      ok(line.trim());
    });
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)));
  });
  return { baseUrl, child };
}

async function control<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Run {
  backlog: boolean;
  messagesPerSecond: number;
  /** How long the backlog took to queue and write (not measured in the rate). */
  backlogWriteMs: number | null;
  load1: number;
}

async function run(baseUrl: string, dir: string, index: number, backlog: boolean): Promise<Run> {
  await control(baseUrl, '/__sim/reset', {});
  await control(baseUrl, '/__sim/settings', { queueMs: 0, sendingMs: 0, deliveryMs: 0 });
  const { messagingServiceSid } = await control<{ messagingServiceSid: string }>(baseUrl, '/__sim/bootstrap', {});
  const engine = startStandaloneEngine({
    dbFile: join(dir, `run-${index}.sqlite`), baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid,
    dispatcher: { messagesPerSecond: () => null },
  });
  const left = engine.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE batch_id = ? AND state IN ('queued', 'claimed')");
  const beingWritten = engine.db.prepare('SELECT COUNT(*) AS n FROM send_batches WHERE expanded = 0');
  const count = (statement: typeof left, ...args: number[]): number => (statement.get(...args) as { n: number }).n;
  try {
    await engine.ledger.adjust('sandbox', NOW_MESSAGES + BACKLOG_MESSAGES, null, 'bench', Date.now());
    engine.dispatcher.start();
    let backlogWriteMs: number | null = null;
    if (backlog) {
      const t = performance.now();
      await engine.sends.queue({ kind: 'mass', body: BODY, recipients: numbers(BACKLOG_MESSAGES, NOW_MESSAGES), honorHours: true, notBefore: Date.now() + DAY_MS, createdBy: null });
      engine.dispatcher.notify();
      while (count(beingWritten) > 0) await sleep(50);
      backlogWriteMs = round2(performance.now() - t);
    }
    const t0 = performance.now();
    const { batch } = await engine.sends.queue({ kind: 'mass', body: BODY, recipients: numbers(NOW_MESSAGES, 0), honorHours: false, notBefore: null, createdBy: null });
    engine.dispatcher.notify();
    while (count(beingWritten) > 0 || count(left, batch.id) > 0) await sleep(20);
    const seconds = (performance.now() - t0) / 1000;
    return { backlog, messagesPerSecond: Math.round(NOW_MESSAGES / seconds), backlogWriteMs, load1: round2(loadavg()[0] ?? 0) };
  } finally {
    await engine.close();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-backlog-'));
  const { baseUrl, child } = await startSimulator();
  try {
    // One unmeasured run first: the first send compiles the SDK and the engine's code.
    await run(baseUrl, dir, 0, false);
    const runs: Run[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const backlog of pair % 2 === 0 ? [false, true] : [true, false]) {
        const result = await run(baseUrl, dir, runs.length + 1, backlog);
        runs.push(result);
        log(`  ${backlog ? 'with 100,000 scheduled' : 'no backlog            '}: ${result.messagesPerSecond} msg/s (load ${result.load1})`);
      }
    }
    const none = median(runs.filter((r) => !r.backlog).map((r) => r.messagesPerSecond));
    const withBacklog = median(runs.filter((r) => r.backlog).map((r) => r.messagesPerSecond));
    const ratio = round2(withBacklog / none);
    // Each pair's two runs are back to back: their ratio sees one minute of the machine.
    const pairRatios = Array.from({ length: PAIRS }, (_, pair) => {
      const [a, b] = [runs[pair * 2], runs[pair * 2 + 1]];
      const [withIt, without] = a?.backlog ? [a, b] : [b, a];
      return round2((withIt?.messagesPerSecond ?? 0) / (without?.messagesPerSecond ?? 1));
    }).sort((x, y) => x - y);
    log(`  backlog ÷ none per pair: ${pairRatios.join(', ')}; of the medians ${ratio}`);
    log(JSON.stringify({
      scenario: 'backlog', nproc: availableParallelism(), nowMessages: NOW_MESSAGES, backlogMessages: BACKLOG_MESSAGES, runs,
      medianMessagesPerSecond: { none, withBacklog }, ratio, pairRatios: { min: pairRatios[0], median: median(pairRatios), max: pairRatios[pairRatios.length - 1] },
      target: TARGET, pass: ratio >= TARGET.min && ratio <= TARGET.max,
    }));
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
