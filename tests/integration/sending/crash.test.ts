import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStandaloneEngine } from '../../../src/main/app/standalone-engine';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';
import { underCpuLoadIfAsked } from '../../support/cpu-load';
import { ACCOUNT_SID, AUTH_TOKEN } from '../carrier/sim-harness';
import { copiesPerRecipient, numbers } from './engine-harness';

/**
 * Kills the process running the engine (SIGKILL: no clean-up of any kind) at random moments of
 * a send of thousands of texts while the carrier answers with 429s, 5xx, timeouts and dropped
 * connections, restarts it each time, and then checks the two promises: every recipient got
 * exactly one text, and the ledger accounts for every credit. The engine runs with its own
 * timings, except a short request timeout. CRASH_SEEDS=n runs more seeds; CPU_LOAD=1 runs them
 * with a busy-loop process per core beside them.
 */
const SEEDS = Number(process.env.CRASH_SEEDS ?? 6);
const RECIPIENTS = 2_000;
const KILLS = 4;
const CHILD = join(__dirname, 'crash-child.ts');
/** A child that sends nothing for this long is killed anyway (its start-up is a moment too). */
const FIRST_TEXT_WAIT_MS = 30_000;

underCpuLoadIfAsked();

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function injectFaults(sim: TwilioSimulator, random: () => number): void {
  const n = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const onSend = { method: 'POST' as const, pathIncludes: '/Messages.json' };
  sim.addFault({ kind: 'http_error', status: 500, when: 'after', count: n(5, 25), ...onSend });
  sim.addFault({ kind: 'http_error', status: 503, when: 'before', count: n(5, 25), ...onSend });
  sim.addFault({ kind: 'reset', when: 'after', count: n(5, 25), ...onSend });
  sim.addFault({ kind: 'reset', when: 'before', count: n(5, 25), ...onSend });
  sim.addFault({ kind: 'slow', delayMs: 1_000, when: 'after', count: n(2, 8), ...onSend });
  // Look-ups fail too: a reconciliation must survive its own errors.
  sim.addFault({ kind: 'reset', when: 'before', count: n(1, 5), method: 'GET', pathIncludes: '/Messages.json' });
}

/**
 * Resolves once the carrier holds more texts than `before`, or the child has ended: kills are
 * timed from the first text of a run, so a slow start on a busy machine does not use them up
 * before anything is sent.
 */
async function firstText(sim: TwilioSimulator, before: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + FIRST_TEXT_WAIT_MS;
  while (sim.messages().length <= before && child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function startChild(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; drained: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready')) markReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const drained = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(err);
      markReady();
      resolve(out.includes('drained') ? code : null);
    }),
  );
  return { child, ready, drained };
}

describe('a crash at any moment neither loses nor duplicates a text', () => {
  for (let seed = 1; seed <= SEEDS; seed += 1) {
    it(`seed ${seed}: ${KILLS} SIGKILLs during ${RECIPIENTS} texts with carrier faults (${seed % 2 === 1 ? 'sending thread' : 'in-process'})`, async () => {
      const random = mulberry32(seed * 7919);
      const dir = mkdtempSync(join(tmpdir(), `sms-desk-crash-${seed}-`));
      const sim = new TwilioSimulator();
      const handle = await sim.start({
        accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN,
        settings: { mps: 100_000, queueMs: 0, sendingMs: 0, deliveryMs: 0, maxConcurrency: 6, latencyMs: 2, seed: `crash-${seed}` },
      });
      try {
        const { messagingServiceSid } = sim.bootstrap();
        const dbFile = join(dir, 'engine.sqlite');
        const engineConfig = { dbFile, baseUrl: handle.baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid };

        // Queue the send with the engine stopped, as the app does when staff press Send.
        const setup = startStandaloneEngine(engineConfig);
        await setup.ledger.adjust('sandbox', RECIPIENTS, null, 'crash test credits', Date.now());
        const before = (await setup.ledger.balance('sandbox')).available;
        await setup.sends.queue({ kind: 'mass', body: `Meet moved to Hall B (run ${seed})`, recipients: numbers(RECIPIENTS), honorHours: false, notBefore: null, createdBy: null });
        await setup.close();

        // Odd seeds run the dispatcher in its worker thread, as the app does; even seeds in-process.
        const env = {
          CRASH_THREAD: seed % 2 === 1 ? '1' : '0',
          CRASH_DB: dbFile, CRASH_BASE_URL: handle.baseUrl, CRASH_ACCOUNT_SID: ACCOUNT_SID, CRASH_AUTH_TOKEN: AUTH_TOKEN, CRASH_SERVICE_SID: messagingServiceSid,
        };
        for (let kill = 0; kill < KILLS; kill += 1) {
          injectFaults(sim, random);
          const before = sim.messages().length;
          const run = startChild(env);
          await run.ready;
          await firstText(sim, before, run.child);
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 900)));
          run.child.kill('SIGKILL');
          await run.drained;
        }
        injectFaults(sim, random);
        const last = startChild(env);
        expect(await last.drained).toBe(0);

        // Exactly once: every recipient holds one text, nobody two, nobody none.
        const copies = copiesPerRecipient(sim);
        expect(copies.size).toBe(RECIPIENTS);
        expect([...copies.entries()].filter(([, n]) => n !== 1)).toEqual([]);

        // To the credit: one settle per text the carrier holds, nothing refunded, nothing held.
        const check = startStandaloneEngine(engineConfig);
        try {
          const settles = check.db.prepare("SELECT COUNT(*) AS n FROM credit_ledger WHERE kind = 'settle'").get() as { n: number };
          const releases = check.db.prepare("SELECT COUNT(*) AS n FROM credit_ledger WHERE kind = 'release'").get() as { n: number };
          const unsent = check.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed') OR carrier_sid IS NULL").get() as { n: number };
          expect(settles.n).toBe(RECIPIENTS);
          expect(releases.n).toBe(0);
          expect(unsent.n).toBe(0);
          expect(await check.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: before - RECIPIENTS, reserved: 0 });
        } finally {
          await check.close();
        }
      } finally {
        await handle.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  }
});
