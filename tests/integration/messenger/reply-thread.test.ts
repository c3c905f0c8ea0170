import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { ReplyThread } from '../../../src/main/app/reply-thread/reply-thread-host';
import { createMessengerModule } from '../../../src/main/core/messenger';
import { readCarrierLog, readFrom } from '../../../src/main/core/messenger/carrier-log';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { systemClock } from '../../../src/main/core/ports/clock';
import { createSendingModule } from '../../../src/main/core/sending';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, type Harness } from '../carrier/sim-harness';

// Replies read in a thread of their own (app/reply-thread), from the simulator through the
// official twilio SDK, kept by main in a SQLite file.

let harness: Harness | null = null;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await harness?.stop();
  harness = null;
});

async function simulator() {
  harness = await startHarness();
  const number = harness.sim.bootstrap().phoneNumbers[0]!;
  const dbFile = join(mkdtempSync(join(tmpdir(), 'sms-desk-reply-thread-')), 'desk.sqlite');
  return { sim: harness, number, dbFile };
}

/** The desk as the app opens it: its own connection, the sending module for consent, replies read off main. */
function openDesk(env: { sim: { carrier: TwilioCarrier }; number: string; dbFile: string }, onKeep: () => void = () => undefined, onConnect: () => void = () => undefined) {
  const db = openDatabase(env.dbFile);
  const storage = new SqliteStorage(db);
  const settings = new MemorySettingsStore();
  const events = new LocalEventBus();
  const sending = createSendingModule({ storage, settings, clock: systemClock, events, audit: () => undefined, carrier: { connect: () => Promise.reject(new Error('not sending here')) } });
  const messenger = createMessengerModule({
    storage, settings, clock: systemClock, events, sends: sending.sends, consent: sending.consent,
    connect: () => Promise.reject(new Error('replies are read in the reply thread')),
    replyReader: (hooks) => new ReplyThread({
      dbFile: env.dbFile,
      hooks: { ...hooks, keep: (mode, replies) => (onKeep(), hooks.keep(mode, replies)) },
      pace: { busyMs: 100, idleMs: 100, retryMs: 200 },
      connection: () => (onConnect(), Promise.resolve({ carrier: env.sim.carrier.threadSpec(), number: env.number })),
    }),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await messenger.poller.stop();
    db.close();
  };
  stops.push(close);
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM inbound_messages').get() as { n: number }).n;
  return { messenger, sending, count, close };
}

const families = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `+1512555${String(from + i).padStart(4, '0')}`);

describe('the reply thread', () => {
  it('reads replies by itself, and after the desk was closed catches up on what arrived meanwhile, each once', async () => {
    const env = await simulator();
    for (const from of families(40)) env.sim.sim.injectInbound({ from, to: env.number, body: 'See you at practice' });
    const first = openDesk(env);
    first.messenger.poller.start();
    await expect.poll(first.count, { timeout: 20_000 }).toBe(40);
    await first.close();

    // Closed: replies keep arriving at the carrier, a STOP among them.
    for (const from of families(25, 100)) env.sim.sim.injectInbound({ from, to: env.number, body: 'Running late' });
    env.sim.sim.injectInbound({ from: families(1)[0]!, to: env.number, body: 'STOP' });

    const again = openDesk(env);
    again.messenger.poller.start();
    await expect.poll(again.count, { timeout: 20_000 }).toBe(66);
    expect(await again.sending.consent.stateOf(families(1)[0]!)).toBe('opted_out');
    expect(await again.messenger.poller.checkNow()).toBe(0);
    expect(again.count()).toBe(66);
  }, 60_000);

  it('while a slow carrier is read for a catch-up of 3,000 replies, main does none of the reading', async () => {
    // The carrier in a process of its own, so only the desk's work is on this thread.
    const carrier = await simulatorProcess();
    const number = ((await carrier.control('POST', '/__sim/bootstrap', {})) as { phoneNumbers: string[] }).phoneNumbers[0]!;
    const senders = families(3_000);
    for (let i = 0; i < senders.length; i += 50) {
      await Promise.all(senders.slice(i, i + 50).map((from) => carrier.control('POST', '/__sim/inbound', { from, to: number, body: 'Is the pool open on Saturday morning for the swim meet?' })));
    }
    // Every answer from the carrier takes 300 ms: three pages of 1,000. (At a second each, main's own
    // upkeep over the longer wait, ~6 ms a second here, came to half of reading the log on main.)
    await carrier.control('POST', '/__sim/settings', { latencyMs: 300 });
    const env = { sim: { carrier: carrier.gateway }, number, dbFile: join(mkdtempSync(join(tmpdir(), 'sms-desk-reply-thread-')), 'desk.sqlite') };
    // Main's own CPU time from the thread's first request for the carrier until main is handed
    // the replies to keep: the wait, each page's JSON and sorting out which replies are new are
    // the reply thread's. (CPU time, not wall time: this shared machine's scheduling and disk are
    // not main's work.) The reference: the same log read on main, as the app did before.
    let readCpuMs: number | null = null;
    let before: NodeJS.CpuUsage | null = null;
    const desk = openDesk(env, () => {
      const used = process.threadCpuUsage(before ?? undefined);
      readCpuMs ??= (used.user + used.system) / 1000;
    }, () => {
      before ??= process.threadCpuUsage();
    });
    desk.messenger.poller.start();
    await expect.poll(desk.count, { timeout: 90_000, interval: 200 }).toBe(3_000);
    await carrier.control('POST', '/__sim/settings', { latencyMs: 0 });
    const onMain = process.threadCpuUsage();
    await readCarrierLog(carrier.gateway, number, readFrom(null, Date.now()), Date.now);
    const reference = process.threadCpuUsage(onMain);
    const referenceMs = (reference.user + reference.system) / 1000;
    expect(readCpuMs).not.toBeNull();
    expect(readCpuMs!).toBeLessThan(referenceMs / 2);
  }, 180_000);
});

/** `npm run simulator` as a child process, its control API open. */
async function simulatorProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/sandbox/cli.ts', '--port', '0', '--account-sid', ACCOUNT_SID, '--auth-token', AUTH_TOKEN, '--open-control'], { stdio: ['ignore', 'pipe', 'inherit'] });
  stops.push(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const baseUrl = line.trim();
  return {
    gateway: new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl, timeoutMs: 10_000 }),
    async control(method: string, path: string, json?: unknown): Promise<unknown> {
      const res = await fetch(`${baseUrl}${path}`, { method, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
      return (await res.json()) as unknown;
    },
  };
}

