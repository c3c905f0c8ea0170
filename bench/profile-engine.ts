/**
 * Where the engine's time goes: the dispatcher on this thread (as the sending thread runs it),
 * 4,000 texts unpaced against the simulator in its own process, under V8's sampling profiler.
 * Prints self time grouped by what the code is (SQLite, the twilio SDK and axios, Node's http,
 * the engine's own code, GC) and the top functions.
 *
 *   node --import tsx bench/profile-engine.ts [texts]       (PROFILE_OUT=file.cpuprofile keeps the profile;
 *                                                            PROFILE_BACKLOG=100000 first queues that many for tomorrow)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startStandaloneEngine } from '../src/main/app/standalone-engine';
import { ACCOUNT_SID, AUTH_TOKEN, BODY } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = join(__dirname, '..');
const texts = Number(process.argv[2] ?? 4000);

function bucketOf(url: string, name: string): string {
  if (name === '(garbage collector)') return 'gc';
  if (name === '(idle)' || name === '(program)') return name;
  if (url.includes('node_modules/twilio')) return 'twilio SDK';
  if (url.includes('node_modules/axios') || url.includes('follow-redirects') || url.includes('form-data') || url.includes('proxy-from-env')) return 'axios';
  if (url.includes('node_modules/')) return `other package: ${url.split('node_modules/')[1]?.split('/')[0]}`;
  if (url.startsWith('node:')) return url.startsWith('node:_http') || url.startsWith('node:http') || url.startsWith('node:net') || url.startsWith('node:stream') || url.startsWith('node:internal/streams') ? 'node http/net/streams' : 'node other';
  if (url.includes('/adapters/sqlite/')) return 'sqlite adapter (incl. statements)';
  if (url.includes('/adapters/twilio/')) return 'twilio adapter';
  if (url.includes('/core/')) return 'engine core';
  if (url === '') return name === '' ? '(native)' : `native: ${name}`;
  return 'other';
}

async function simulator(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/sandbox/cli.ts'), '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--mps', '100000', '--max-concurrency', '10000', '--open-control'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', (l) => ok(l.trim())));
  const post = (path: string, body: unknown = {}) => fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/__sim/settings', { queueMs: 0, sendingMs: 0, deliveryMs: 0 });
  return { baseUrl, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const sim = await simulator();
  const { messagingServiceSid } = (await (await fetch(`${sim.baseUrl}/__sim/bootstrap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { messagingServiceSid: string };
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-profile-'));
  const engine = startStandaloneEngine({ dbFile: join(dir, 'p.db'), baseUrl: sim.baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid, thread: false, dispatcher: { messagesPerSecond: () => null } });
  const waiting = engine.db.prepare("SELECT (SELECT COUNT(*) FROM outbox WHERE state IN ('queued','claimed')) + (SELECT COUNT(*) FROM send_batches WHERE expanded = 0) AS n");
  const drain = async (): Promise<void> => {
    while ((waiting.get() as { n: number }).n > 0) await new Promise((r) => setTimeout(r, 20));
  };
  const backlog = Number(process.env.PROFILE_BACKLOG ?? 0);
  await engine.ledger.adjust('sandbox', texts * 2 + backlog + 1000, null, 'profile', Date.now());
  engine.dispatcher.start();
  const areas = ['512', '737', '210', '214', '312', '415', '617', '646', '718', '917', '206', '303', '720'];
  const numbers = (from: number, n: number) => Array.from({ length: n }, (_, i) => `+1${areas[Math.floor((from + i) / 10_000)]}555${String((from + i) % 10_000).padStart(4, '0')}`);
  if (backlog > 0) {
    await engine.sends.queue({ kind: 'mass', body: BODY, recipients: numbers(20_000, backlog), honorHours: true, notBefore: Date.now() + 86_400_000, createdBy: null });
    engine.dispatcher.notify();
    await drain();
  }
  // Warm-up: the SDK's lazy requires, JIT.
  await engine.sends.queue({ kind: 'mass', body: BODY, recipients: numbers(0, 1000), honorHours: false, notBefore: null, createdBy: null });
  engine.dispatcher.notify();
  await drain();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  await engine.sends.queue({ kind: 'mass', body: BODY, recipients: numbers(1000, texts), honorHours: false, notBefore: null, createdBy: null });
  engine.dispatcher.notify();
  await drain();
  const ms = performance.now() - t0;
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const bucket = bucketOf(url, functionName);
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(ROOT, '')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const busy = total - (byBucket.get('(idle)') ?? 0);
  console.log(`${texts} texts in ${ms.toFixed(0)} ms = ${(texts / (ms / 1000)).toFixed(0)}/s; thread busy ${(busy / 1000).toFixed(0)} ms = ${((busy / 1000 / texts) * 1000).toFixed(0)} µs per text`);
  for (const [bucket, us] of [...byBucket].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${bucket.padEnd(40)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((us / texts)).toFixed(0).padStart(4)} µs/text  ${((100 * us) / busy).toFixed(1)} %`);
  }
  console.log('top functions (self):');
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  await engine.close();
  sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

void main();
