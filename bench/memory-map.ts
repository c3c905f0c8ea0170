/**
 * Who holds the engine process's memory after a send: /proc/self/smaps read at idle, at the end of
 * a 10,000-text send, and after the engine sat idle and both isolates were collected, each mapping
 * put in one group (V8 heaps and their reservations, glibc arenas, the main malloc heap, thread
 * stacks, SQLite's files, code), with what each group gained. The engine runs as the app runs it
 * (sending thread from the built bundle, real SQLite file, the simulator in a child process).
 *
 *   node --expose-gc --import tsx bench/memory-map.ts      (prints one line of JSON, last)
 *
 * BENCH_MEMORY_MESSAGES overrides the size of the send; BENCH_MEMORY_WAIT_MS the idle time after it.
 * BENCH_MEMORY_ESTIMATE=1 first asks for the composer's estimate of the same list, as a desk does
 * before it sends (the list is parsed by the sending thread and its helper). Linux only (smaps).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import { ACCOUNT_SID, AUTH_TOKEN, BODY } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const MESSAGES = Number(process.env.BENCH_MEMORY_MESSAGES ?? 10_000);
const WAIT_MS = Number(process.env.BENCH_MEMORY_WAIT_MS ?? 30_000);
const ESTIMATE_FIRST = process.env.BENCH_MEMORY_ESTIMATE === '1';
const MB = 1024 * 1024;
const round1 = (n: number): number => Math.round(n * 10) / 10;

interface Mapping {
  start: number;
  end: number;
  perms: string;
  path: string;
  rssKb: number;
  anonKb: number;
}

/** Every mapping of this process with its resident and anonymous kilobytes. */
export function readSmaps(file = '/proc/self/smaps'): Mapping[] {
  const mappings: Mapping[] = [];
  let current: Mapping | null = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head !== null) {
      current = { start: parseInt(head[1]!, 16), end: parseInt(head[2]!, 16), perms: head[3]!, path: head[4]!.trim(), rssKb: 0, anonKb: 0 };
      mappings.push(current);
      continue;
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line);
    if (field !== null && current !== null) {
      if (field[1] === 'Rss') current.rssKb = Number(field[2]);
      else current.anonKb = Number(field[2]);
    }
  }
  return mappings;
}

/**
 * The group a mapping belongs to. glibc's per-thread arenas are 64 MB reservations, committed from
 * their start (a read-write mapping followed by an inaccessible rest, both inside one 64 MB-aligned
 * block); V8 places its pages at addresses it picks and keeps them 256 KB-aligned; a thread's stack
 * has a guard page right below it.
 */
export function groupOf(m: Mapping, all: readonly Mapping[], index: number): string {
  if (m.path === '[heap]') return 'main malloc heap ([heap], brk)';
  if (m.path === '[stack]') return 'main thread stack';
  if (m.path.includes('.sqlite')) return `sqlite file ${m.path.slice(m.path.lastIndexOf('.sqlite'))}`;
  if (m.path.startsWith('/')) return m.path.endsWith('.node') || m.path.includes('.so') ? 'shared libraries' : 'other files (node binary, ICU)';
  if (m.path !== '') return m.path;
  const arenaBlock = 64 * MB;
  const next = all[index + 1];
  const prev = all[index - 1];
  const sameBlock = (o: Mapping | undefined): boolean => o !== undefined && Math.floor(o.start / arenaBlock) === Math.floor(m.start / arenaBlock);
  if (m.perms.startsWith('rw') && m.start % arenaBlock === 0 && next !== undefined && next.start === m.end && next.perms.startsWith('---') && sameBlock(next)) return 'glibc arena (per-thread malloc heap)';
  if (m.perms.startsWith('---') && prev !== undefined && prev.end === m.start && prev.perms.startsWith('rw') && m.end - m.start <= 64 * 1024) return 'thread stack guard';
  if (prev !== undefined && prev.end === m.start && prev.perms.startsWith('---') && prev.end - prev.start <= 64 * 1024 && m.perms.startsWith('rw')) return 'thread stacks';
  if (m.start % (256 * 1024) === 0) return 'anonymous, 256 KB-aligned (V8 pages)';
  return 'anonymous, other (malloc mmap chunks, other allocators)';
}

interface Snapshot {
  rssMb: number;
  groups: Record<string, { rssMb: number; mappings: number }>;
  mainHeap: { usedMb: number; totalMb: number; mallocedMb: number; externalMb: number; arrayBuffersMb: number };
  threadHeap: { usedMb: number; totalMb: number; mallocedMb: number; externalMb: number } | null;
}

async function snapshot(thread: Worker | null): Promise<Snapshot> {
  const mappings = readSmaps();
  const groups: Snapshot['groups'] = {};
  mappings.forEach((m, i) => {
    if (m.rssKb === 0) return;
    const g = groupOf(m, mappings, i);
    const entry = (groups[g] ??= { rssMb: 0, mappings: 0 });
    entry.rssMb = round1(entry.rssMb + m.rssKb / 1024);
    entry.mappings += 1;
  });
  const main = getHeapStatistics();
  const usage = process.memoryUsage();
  const t = thread === null ? null : await thread.getHeapStatistics();
  return {
    rssMb: round1(usage.rss / MB),
    groups,
    mainHeap: {
      usedMb: round1(main.used_heap_size / MB), totalMb: round1(main.total_heap_size / MB), mallocedMb: round1(main.malloced_memory / MB),
      externalMb: round1(usage.external / MB), arrayBuffersMb: round1(usage.arrayBuffers / MB),
    },
    threadHeap: t === null ? null : {
      usedMb: round1(t.used_heap_size / MB), totalMb: round1(t.total_heap_size / MB), mallocedMb: round1(t.malloced_memory / MB), externalMb: round1(t.external_memory / MB),
    },
  };
}

async function startSimulator(): Promise<{ baseUrl: string; stop(): void }> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', join(ROOT, 'src/main/sandbox/cli.ts'),
    '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '100000', '--max-concurrency', '10000', '--open-control',
  ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => ok(line.trim()));
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)));
  });
  return { baseUrl, stop: () => void child.kill('SIGTERM') };
}

async function control<T>(baseUrl: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Each group's growth from one snapshot to another, largest first. */
function grown(from: Snapshot, to: Snapshot): Array<{ group: string; mb: number }> {
  const names = new Set([...Object.keys(from.groups), ...Object.keys(to.groups)]);
  return [...names]
    .map((group) => ({ group, mb: round1((to.groups[group]?.rssMb ?? 0) - (from.groups[group]?.rssMb ?? 0)) }))
    .filter((g) => Math.abs(g.mb) >= 0.5)
    .sort((a, b) => b.mb - a.mb);
}

export async function measureMemoryMap(log: (line: string) => void = () => undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-memory-map-'));
  const sim = await startSimulator();
  const built = join(ROOT, 'out', 'main', 'sending-thread.js');
  try {
    await control(sim.baseUrl, '/__sim/reset');
    await control(sim.baseUrl, '/__sim/settings', { queueMs: 0, sendingMs: 0, deliveryMs: 0 });
    const { messagingServiceSid } = await control<{ messagingServiceSid: string }>(sim.baseUrl, '/__sim/bootstrap');
    const engine = startStandaloneEngine({
      dbFile: join(dir, 'desk.sqlite'), baseUrl: sim.baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid,
      thread: true, ...(existsSync(built) ? { threadScript: built } : {}), dispatcher: { messagesPerSecond: () => null },
    });
    await engine.ready;
    engine.dispatcher.start();
    const thread = (): Worker | null => ((engine.dispatcher as unknown as { worker?: Worker | null }).worker ?? null);
    await engine.ledger.adjust('sandbox', MESSAGES + 10, null, 'bench', Date.now());
    await sleep(3_000);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const idle = await snapshot(thread());
    log(`memory map: idle rss ${idle.rssMb} MB (load ${loadavg()[0]?.toFixed(2)})`);
    const to = Array.from({ length: MESSAGES }, (_, i) => `${i < 10_000 ? '+1512555' : '+1737555'}${String(i % 10_000).padStart(4, '0')}`);
    const waiting = engine.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed')");
    const unexpanded = engine.db.prepare('SELECT COUNT(*) AS n FROM send_batches WHERE expanded = 0');
    const n = (s: typeof waiting): number => (s.get() as { n: number }).n;
    if (ESTIMATE_FIRST) {
      const caller = { staffId: 'bench', name: 'Bench', permissions: ['sendMassSms' as const], locked: false };
      const estimate = await engine.sends.estimateMass({ recipients: to, body: BODY }, caller);
      log(`memory map: estimate of ${MESSAGES} first (${estimate.skipped.length} skipped), rss ${round1(process.memoryUsage().rss / MB)} MB`);
    }
    const t0 = performance.now();
    await engine.sends.queue({ kind: 'mass', body: BODY, recipients: to, honorHours: false, notBefore: null, createdBy: null });
    let peakRss = 0;
    while (n(unexpanded) + n(waiting) > 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await sleep(50);
    }
    const sent = await snapshot(thread());
    log(`memory map: ${MESSAGES} texts in ${Math.round(performance.now() - t0)} ms, rss at the end ${sent.rssMb} MB (peak ${round1(peakRss / MB)} MB)`);
    await sleep(WAIT_MS);
    gc?.();
    const after = await snapshot(thread());
    log(`memory map: ${WAIT_MS / 1000} s later, after a GC, rss ${after.rssMb} MB`);
    for (const g of grown(idle, after)) log(`  ${g.mb >= 0 ? '+' : ''}${g.mb} MB  ${g.group}`);
    await engine.close();
    gc?.();
    const closed = await snapshot(null);
    log(`memory map: engine closed (thread ended, connections closed), after a GC, rss ${closed.rssMb} MB`);
    return {
      machine: { cores: cpus().length, load: round1(loadavg()[0] ?? 0) },
      messages: MESSAGES, waitMs: WAIT_MS, estimateFirst: ESTIMATE_FIRST, peakRssMb: round1(peakRss / MB),
      idle, sent, after, closed,
      grownIdleToAfter: grown(idle, after),
      grownIdleToClosed: grown(idle, closed),
    };
  } finally {
    sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  process.stdout.on('error', () => undefined);
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  measureMemoryMap(print).then(
    (result) => print(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
