/**
 * Does an open Messenger Center slow a mass send, or make the desk wait? The real browser mode
 * (`out/main/web.js`, built first) in Debian Chromium, Sandbox mode behind the simulator (its
 * control API open, 100,000 texts/s), sending at the desk's top pace (1,000 a second):
 *
 * 1. 5,000 families are imported with their consent (one CSV, one transaction).
 * 2. **Closed**: the desk on Compose sends 5,000 texts; the send's rate is timed.
 * 3. **Open**: the desk on the Messenger Center with a conversation open sends 5,000 more while
 *    families reply (a reply every 200 ms through the simulator, found by the reply checks) and a
 *    search is typed; the rate is timed again, and every call the page makes is timed in the page.
 *
 * Closed and open take turns, BENCH_ROUNDS (2) times each; their median rates are compared.
 * 4. **Idle**, the reference for the waits: the same Messenger Center, replies and search for as
 *    long as an open send took, with no send running, so a wait the send causes shows apart from
 *    what the machine's scheduling costs any call at that load.
 * Targets: the send keeps at least 90 % of its rate with the Messenger Center closed, and no call
 * from the page waits more than 100 ms (reported for every channel, the Messenger Center's apart,
 * with the slowest calls named and the idle desk's waits beside them).
 * Prints progress, then ONE line of JSON, last.
 *   npx electron-vite build && node --import tsx bench/messenger-during-send.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import type { BatchSummary } from '../src/shared/contract';
import { createFirstAdmin } from '../tests/e2e/flows';
import { openSmsSettings, registerEverything } from '../tests/e2e/registration-flows';

const ROOT = resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
const AUTH_TOKEN = 'bench-messenger-auth-token-012345';
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 5_000);
const TARGETS = { keptRate: 0.9, maxCallWaitMs: 100 };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const numbers = Array.from({ length: FAMILIES }, (_, i) => `+1512${String(2_000_000 + i).padStart(7, '0')}`);

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${what} did not start within 30 s`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      ok(line.trim());
    });
    child.once('exit', (code) => fail(new Error(`${what} exited with ${code}`)));
  });
}

async function startSimulator() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/sandbox/cli.ts'), '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--isv', '--open-control', '--mps', '100000', '--max-concurrency', '10000'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await firstLine(child, 'the simulator');
  const control = async (path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/__sim/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`simulator ${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return { child, baseUrl, control };
}

type CallResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
async function call<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    // Runs in the page: its bridge, as the screens call it (this file is typed without the DOM).
    ({ channel, input }) => (globalThis as unknown as { smsDesk: { call: Record<string, (i: unknown) => Promise<CallResult>> } }).smsDesk.call[channel]!(input),
    { channel, input },
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function importFamilies(page: Page) {
  const csv = ['First name,Last name,Phone', ...numbers.map((phone, i) => `Pat${i},Family${i},${phone}`)].join('\n');
  const { importId } = await call<{ importId: string }>(page, 'contacts.importStart', { fileName: 'families.csv', chars: csv.length });
  const CHUNK = 128 * 1024;
  for (let index = 0; index * CHUNK < csv.length; index += 1) await call(page, 'contacts.importChunk', { importId, index, text: csv.slice(index * CHUNK, (index + 1) * CHUNK) });
  const waitFor = async (phase: string) => {
    for (;;) {
      const status = await call<{ phase: string; error: string | null }>(page, 'contacts.importStatus', { importId });
      if (status.phase === phase) return;
      if (status.phase === 'failed') throw new Error(`import failed: ${status.error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await waitFor('ready');
  await call(page, 'contacts.importRun', { importId, mapping: ['firstName', 'lastName', 'phone1'], consent: { statement: 'collected on our registration form' } });
  await waitFor('done');
}

/** Waits until nothing waits to be sent; returns ms from `since`. */
async function drained(page: Page, since: number): Promise<number> {
  for (;;) {
    const batches = await call<BatchSummary[]>(page, 'sends.list', { limit: 20 });
    if (batches.every((b) => b.counts.queued + b.counts.claimed === 0)) return performance.now() - since;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function timedSend(page: Page, body: string): Promise<{ ms: number; perSecond: number }> {
  const started = performance.now();
  await call(page, 'sends.create', { recipients: numbers, body, timing: { kind: 'now' } });
  const ms = await drained(page, started);
  return { ms: Math.round(ms), perSecond: Math.round((FAMILIES / ms) * 1000) };
}

type Timing = { channel: string; ms: number; at: number };

/** Opens the Messenger Center on its first conversation, with the search box empty. */
async function openMessenger(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Messenger Center/ }).click();
  await page.getByLabel('Search').fill('');
  await page.getByRole('list', { name: 'Conversations' }).getByRole('button').first().click();
  await page.getByRole('list', { name: 'Messages' }).waitFor();
}

/** Families reply every 200 ms and a search is typed until `done` settles; returns once both stopped. */
async function busyDesk<T>(page: Page, replyFrom: (i: number) => Promise<unknown>, done: Promise<T>): Promise<T> {
  let replying = true;
  const replies = (async () => {
    for (let i = 0; replying; i += 1) {
      await replyFrom(i);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const typing = (async () => {
    await new Promise((r) => setTimeout(r, 1500));
    await page.getByLabel('Search').pressSequentially('practice', { delay: 80 });
  })();
  try {
    return await done;
  } finally {
    replying = false;
    await Promise.all([replies, typing]);
  }
}

/** The page's calls since `startedAt`, the bench's own progress checks and the send itself left out. */
async function screenCallsSince(page: Page, startedAt: number): Promise<Timing[]> {
  const timings = await page.evaluate(() => (globalThis as unknown as { callTimings: Timing[] }).callTimings);
  return timings.filter((t) => t.at >= startedAt && t.channel !== 'sends.list' && t.channel !== 'sends.create');
}

function summarize(calls: Timing[]) {
  const byChannel: Record<string, { calls: number; maxMs: number }> = {};
  for (const t of calls) {
    const entry = (byChannel[t.channel] ??= { calls: 0, maxMs: 0 });
    entry.calls += 1;
    entry.maxMs = Math.max(entry.maxMs, Math.round(t.ms));
  }
  const waits = calls.map((t) => t.ms);
  return {
    count: calls.length,
    byChannel,
    p50Ms: Math.round(percentile(waits, 50)),
    p95Ms: Math.round(percentile(waits, 95)),
    maxMs: Math.round(Math.max(0, ...waits)),
    messengerMaxMs: Math.round(Math.max(0, ...calls.filter((t) => t.channel.startsWith('messenger.')).map((t) => t.ms))),
    slowest: [...calls].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => ({ channel: t.channel, ms: Math.round(t.ms) })),
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-bench-messenger-'));
  const sim = await startSimulator();
  await sim.control('settings', { brandReviewMs: 500, campaignReviewMs: 500 });
  const { primaryCustomerProfileSid } = (await sim.control('info')) as { primaryCustomerProfileSid: string };
  const app = spawn(process.execPath, [join(ROOT, 'out/main/web.js'), '--data-dir', dataDir, '--port', '0', '--twilio-base-url', sim.baseUrl], {
    env: { ...process.env, SMS_DESK_TWILIO_ACCOUNT_SID: ACCOUNT_SID, SMS_DESK_TWILIO_AUTH_TOKEN: AUTH_TOKEN, SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID: primaryCustomerProfileSid },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(await firstLine(app, 'browser mode'))?.[1] ?? '';
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Every call the page makes, timed where the screen waits for it.
    await page.addInitScript(() => {
      const page = globalThis as unknown as { fetch: typeof fetch; callTimings: Array<{ channel: string; ms: number; at: number }> };
      const timings: Array<{ channel: string; ms: number; at: number }> = [];
      const original = page.fetch.bind(globalThis);
      page.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        if (!String(input).endsWith('/api/call')) return original(input, init);
        const started = performance.now();
        const response = await original(input, init);
        await response.clone().text();
        const { channel } = JSON.parse(String(init?.body ?? '{}')) as { channel?: string };
        timings.push({ channel: channel ?? '?', ms: performance.now() - started, at: started });
        return response;
      };
      page.callTimings = timings;
    });
    page.setDefaultTimeout(60_000);
    await page.goto(url);
    await createFirstAdmin(page, 'Bench Admin', '482913');
    await openSmsSettings(page);
    await registerEverything(page);
    const number = /\+1\d{10}/.exec((await page.getByRole('status').filter({ hasText: 'Your texting number is' }).textContent()) ?? '')?.[0] ?? '';
    const options = await call<Record<string, unknown> & { availableHours: Record<string, unknown> }>(page, 'messageOptions.get');
    const schedule = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
    await call(page, 'messageOptions.update', { ...options, messagesPerSecond: 1000, availableHours: { ...options.availableHours, schedule } });
    // Two sends of FAMILIES texts, and the replies' signups if any.
    await call(page, 'credits.adjust', { credits: FAMILIES * (2 * ROUNDS + 1), reason: 'Bench: credits for the timed sends' });
    log(`importing ${FAMILIES} families with consent…`);
    await importFamilies(page);
    await drained(page, performance.now());

    // A conversation to have open later, before anything is timed.
    await sim.control('inbound', { from: numbers[0], to: number, body: 'Is practice on tonight?' });
    await call(page, 'messenger.checkNow');

    // Closed and open take turns, ROUNDS times each, so a machine that grows busier or quieter
    // meanwhile weighs on both alike; the medians are compared.
    const closedRuns: Array<{ ms: number; perSecond: number }> = [];
    const openRuns: Array<{ ms: number; perSecond: number }> = [];
    const screen: Array<{ channel: string; ms: number; at: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      log(`round ${round + 1}: send with the Messenger Center closed (Compose on screen)…`);
      await page.getByRole('link', { name: 'Compose' }).click();
      closedRuns.push(await timedSend(page, `Practice moves to 5 PM tonight (${round})`));
      log(`  ${JSON.stringify(closedRuns.at(-1))}`);

      log(`round ${round + 1}: send with the Messenger Center open, a conversation open, replies arriving and a search typed…`);
      await openMessenger(page);
      const startedAt = await page.evaluate(() => performance.now());
      const reply = (i: number) => sim.control('inbound', { from: numbers[1 + round * 1000 + i], to: number, body: `Thanks! See you at practice #${i}` });
      openRuns.push(await busyDesk(page, reply, timedSend(page, `Practice moves to 6 PM tomorrow (${round})`)));
      log(`  ${JSON.stringify(openRuns.at(-1))}`);
      screen.push(...(await screenCallsSince(page, startedAt)));
    }

    // The reference: the same desk with nothing being sent, for as long as an open send took.
    log('idle: the Messenger Center open, replies arriving and a search typed, nothing sent…');
    await openMessenger(page);
    const idleFrom = await page.evaluate(() => performance.now());
    const idleMs = Math.max(...openRuns.map((r) => r.ms));
    const idleReply = (i: number) => sim.control('inbound', { from: numbers[3_000 + i], to: number, body: `Thanks! See you at practice #${i}` });
    await busyDesk(page, idleReply, new Promise((r) => setTimeout(r, idleMs)));
    const idle = await screenCallsSince(page, idleFrom);
    const median = (runs: Array<{ perSecond: number }>) => {
      const sorted = runs.map((r) => r.perSecond).sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
    };
    const waits = screen.map((t) => t.ms);
    const keptRate = Math.round((median(openRuns) / median(closedRuns)) * 100) / 100;
    const result = {
      bench: 'messenger-during-send',
      machine: { cores: availableParallelism(), load: loadavg()[0] },
      families: FAMILIES,
      closed: { runs: closedRuns, medianPerSecond: median(closedRuns) },
      open: { runs: openRuns, medianPerSecond: median(openRuns) },
      keptRate,
      screenCalls: summarize(screen),
      idleScreenCalls: summarize(idle),
      targets: TARGETS,
      pass: keptRate >= TARGETS.keptRate && Math.max(0, ...waits) <= TARGETS.maxCallWaitMs,
    };
    log(JSON.stringify(result));
  } finally {
    await browser.close();
    app.kill('SIGTERM');
    sim.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
