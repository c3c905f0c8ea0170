import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import { createMessengerModule } from '../../../src/main/core/messenger';
import type { InboundConnection } from '../../../src/main/core/messenger/inbound-poller';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { systemClock } from '../../../src/main/core/ports/clock';
import { createSendingModule } from '../../../src/main/core/sending';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, type Harness } from '../carrier/sim-harness';

// The real path: replies texted to the simulator, read back through the official twilio SDK by
// the poller, kept in a SQLite file.

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

async function setUp() {
  harness = await startHarness();
  const { phoneNumbers } = (await harness.control('POST', '/__sim/bootstrap', {})) as { phoneNumbers: string[] };
  const number = phoneNumbers[0]!;
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-inbound-')), 'desk.sqlite'));
  const settings = new MemorySettingsStore();
  const events = new LocalEventBus();
  const noCarrier = () => Promise.reject(new Error('the dispatcher is not started here'));
  // One Storage per connection: its transactions queue every other call behind them.
  const storage = new SqliteStorage(db);
  const sending = createSendingModule({ storage, settings, clock: systemClock, events, audit: () => undefined, carrier: { connect: noCarrier } });
  let online = true;
  const offline = new TwilioCarrier({ credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }, baseUrl: 'http://127.0.0.1:9', timeoutMs: 1_000 });
  const changes: string[][] = [];
  events.subscribe((event, payload) => {
    if (event === 'data.changed') changes.push((payload as { areas: string[] }).areas);
  });
  const messenger = createMessengerModule({
    storage, settings, clock: systemClock, events, sends: sending.sends, consent: sending.consent,
    connect: (): Promise<InboundConnection> => Promise.resolve({ number, gateway: online ? harness!.carrier : offline }),
    pace: { busyMs: 50, idleMs: 50 },
  });
  const text = (from: string, body: string) => harness!.control('POST', '/__sim/inbound', { from, to: number, body });
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return { db, sending, messenger, text, count, changes, setOnline: (value: boolean) => (online = value) };
}

describe('replies from the carrier', () => {
  it('are read across pages, kept once each, and STOP/START change consent', async () => {
    const desk = await setUp();
    const families = Array.from({ length: 1_050 }, (_, i) => `+1512555${String(1000 + i).padStart(4, '0')}`);
    for (const from of families) await desk.text(from, 'See you at practice');
    await desk.text(families[0]!, 'STOP');

    // 1,051 replies: more than one page of 1,000.
    expect(await desk.messenger.poller.checkNow()).toBe(1_051);
    expect(await desk.messenger.poller.checkNow()).toBe(0);
    expect(desk.count('SELECT COUNT(*) AS n FROM inbound_messages')).toBe(1_051);
    expect(await desk.sending.consent.stateOf(families[0]!)).toBe('opted_out');
    expect(desk.changes).toContainEqual(['consent', 'sends', 'credits']);

    await desk.text(families[0]!, 'start');
    expect(await desk.messenger.poller.checkNow()).toBe(1);
    expect(await desk.sending.consent.stateOf(families[0]!)).toBe('opted_in');
    // Opting back in queues the signup message.
    expect(desk.count("SELECT COUNT(*) AS n FROM send_batches WHERE kind = 'signup'")).toBe(1);
  }, 60_000);

  it('while offline the check fails and nothing is lost; back online, what arrived meanwhile is caught up', async () => {
    const desk = await setUp();
    await desk.text('+15125550123', 'First');
    expect(await desk.messenger.poller.checkNow()).toBe(1);

    desk.setOnline(false);
    await desk.text('+15125550123', 'Sent while the desk was offline');
    await expect(desk.messenger.poller.checkNow()).rejects.toMatchObject({ name: 'CarrierError' });

    desk.setOnline(true);
    expect(await desk.messenger.poller.checkNow()).toBe(1);
    expect(desk.db.prepare('SELECT body FROM inbound_messages ORDER BY id').all()).toEqual([{ body: 'First' }, { body: 'Sent while the desk was offline' }]);
  });

  it('runs by itself every few seconds once started', async () => {
    const desk = await setUp();
    desk.messenger.poller.start();
    try {
      await desk.text('+15125550123', 'Hello from the pool');
      await expect.poll(() => desk.count('SELECT COUNT(*) AS n FROM inbound_messages'), { timeout: 5_000 }).toBe(1);
    } finally {
      await desk.messenger.poller.stop();
    }
  });
});
