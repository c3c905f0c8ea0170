import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import { underCpuLoadIfAsked } from '../../support/cpu-load';
import { copiesPerRecipient, ledgerRows, numbers, startEngineRig, type EngineRig } from './engine-harness';
import { untilTrue as until } from '../../support/wait';

// CPU_LOAD=1: run beside a busy-loop process per core, as on a loaded machine.
underCpuLoadIfAsked();

let rig: EngineRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const queue = (r: EngineRig, recipients: string[], body = 'Pool closed today', kind: 'mass' | 'reply' = 'mass') =>
  r.engine.sends.queue({ kind, body, recipients, honorHours: false, notBefore: null, createdBy: null });


/** Counts the dispatcher's finished rounds, so a test can prove nothing was sent by rounds that sent nothing. */
function roundCounter() {
  let finished = 0;
  return {
    dispatcher: { onRound: () => void (finished += 1) },
    /** Wakes the dispatcher and waits for two more rounds: the second began after this call, with all known. */
    async twoMore(r: EngineRig): Promise<void> {
      const target = finished + 2;
      r.engine.dispatcher.notify();
      await until(() => finished >= target);
    },
  };
}

const stateOf = (r: EngineRig, to: string) => (r.engine.db.prepare('SELECT state FROM outbox WHERE to_number = ?').get(to) as { state: string } | undefined)?.state;

const states = (r: EngineRig) =>
  Object.fromEntries((r.engine.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>).map((s) => [s.state, s.n]));

describe('sending engine against the simulator', () => {
  it('sends each message once with header and footer, settles credits and polls to delivered', async () => {
    rig = await startEngineRig(undefined, { messageOptions: { header: 'Tumble Town', footer: 'Reply STOP to opt out.' } });
    const queued = await queue(rig, numbers(40));
    expect(queued.balance).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - 40, reserved: 40 });
    rig.engine.dispatcher.start();
    await rig.drained();
    const r = rig;
    await until(() => states(r).delivered === 40);
    expect([...copiesPerRecipient(rig.sim).values()].every((n) => n === 1)).toBe(true);
    expect(rig.sim.messages()[0]?.body).toBe('Tumble Town\nPool closed today\nReply STOP to opt out.');
    expect(await rig.engine.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - 40, reserved: 0 });
    expect(ledgerRows(rig.engine).filter((row) => row.kind === 'settle')).toHaveLength(40);
  });

  it('fails permanent rejections at once with the reason and refunds them', async () => {
    rig = await startEngineRig();
    await queue(rig, ['+15005550001', '+15005550009', '+15125550100']);
    rig.engine.dispatcher.start();
    await rig.drained();
    const rows = rig.engine.db.prepare('SELECT to_number, state, error_code, error_message, attempts FROM outbox ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(rows[0]).toMatchObject({ state: 'failed', error_code: 21211, attempts: 1 });
    expect(String(rows[0]?.error_message)).toMatch(/not valid/);
    expect(rows[1]).toMatchObject({ state: 'failed', error_code: 21614, attempts: 1 });
    expect((await rig.engine.ledger.balance('sandbox')).available).toBe(SANDBOX_GRANT - 1);
  });

  it('opts a number out when the carrier says it opted out', async () => {
    rig = await startEngineRig();
    await queue(rig, ['+15005550004']);
    rig.engine.dispatcher.start();
    await rig.drained();
    expect(await rig.engine.consent.stateOf('+15005550004')).toBe('opted_out');
    expect((await rig.engine.ledger.balance('sandbox')).available).toBe(SANDBOX_GRANT);
  });

  // With the engine's own look-up timings: a reset before the carrier took the text is sent
  // again only after two empty look-ups, about 15 s after the attempt.
  it('reconciles in-doubt attempts (5xx after processing, resets, timeouts) without sending twice', async () => {
    rig = await startEngineRig(undefined, { requestTimeoutMs: 300 });
    rig.sim.addFault({ kind: 'http_error', status: 503, when: 'after', count: 3, method: 'POST', pathIncludes: '/Messages.json' });
    rig.sim.addFault({ kind: 'reset', when: 'before', count: 3, method: 'POST', pathIncludes: '/Messages.json' });
    rig.sim.addFault({ kind: 'reset', when: 'after', count: 3, method: 'POST', pathIncludes: '/Messages.json' });
    rig.sim.addFault({ kind: 'slow', delayMs: 1_000, when: 'after', count: 2, method: 'POST', pathIncludes: '/Messages.json' });
    await queue(rig, numbers(30));
    rig.engine.dispatcher.start();
    await rig.drained(40_000);
    const copies = copiesPerRecipient(rig.sim);
    expect(copies.size).toBe(30);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    expect(await rig.engine.ledger.balance('sandbox')).toMatchObject({ available: SANDBOX_GRANT - 30, reserved: 0 });
  });

  it('backs off on 429 and still sends everything exactly once', async () => {
    rig = await startEngineRig({ mps: 10_000, maxConcurrency: 2, latencyMs: 20 });
    await queue(rig, numbers(60));
    rig.engine.dispatcher.start();
    await rig.drained(30_000);
    expect([...copiesPerRecipient(rig.sim).values()].filter((n) => n === 1)).toHaveLength(60);
    const retried = rig.engine.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE attempts > 1').get() as { n: number };
    expect(retried.n).toBeGreaterThan(0);
  });

  it('waits while the carrier is unreachable and resumes when it is back', async () => {
    rig = await startEngineRig();
    const port = new URL(rig.baseUrl).port;
    await rig.sim.stop();
    await queue(rig, numbers(10));
    rig.engine.dispatcher.start();
    const r = rig;
    await until(() => r.engine.dispatcher.status().paused.sandbox !== undefined);
    expect(states(rig)).not.toHaveProperty('accepted');
    await rig.sim.start({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sandbox-secret-token', port: Number(port), stateFile: `${rig.dir}/sim.json` });
    await rig.drained(40_000);
    expect([...copiesPerRecipient(rig.sim).values()]).toEqual(Array(10).fill(1));
  });

  it('resumes after a restart and looks up claims left in doubt', async () => {
    rig = await startEngineRig();
    await queue(rig, numbers(5));
    await rig.engine.writer.writeNextChunk(Date.now());
    // A crash right after the claim was committed: rows are claimed and in doubt, nothing sent.
    const crashed = rig.engine.db.prepare("UPDATE outbox SET state = 'claimed', in_doubt = 1, claimed_at = 0, attempts = 1 WHERE id <= 2").run();
    expect(crashed.changes).toBe(2);
    const engine = await rig.restart();
    engine.dispatcher.start();
    // Nothing left, so each is found missing twice, 10 s apart, before it is sent.
    await rig.drained(40_000);
    expect([...copiesPerRecipient(rig.sim).values()]).toEqual(Array(5).fill(1));
    expect(engine.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE attempts = 2').get()).toEqual({ n: 2 });
  });

  it('never lets a status move backwards', async () => {
    rig = await startEngineRig();
    await queue(rig, numbers(1));
    await rig.engine.writer.writeNextChunk(Date.now());
    rig.engine.db.exec("UPDATE outbox SET state = 'delivered'");
    expect(() => rig?.engine.db.exec("UPDATE outbox SET state = 'sent'")).toThrow(/backwards/);
    expect(() => rig?.engine.db.exec("UPDATE outbox SET state = 'failed'")).toThrow(/backwards/);
  });

  it('refuses a send the balance cannot pay and changes nothing', async () => {
    rig = await startEngineRig();
    const before = ledgerRows(rig.engine).length;
    await expect(queue(rig as EngineRig, numbers(SANDBOX_GRANT + 1))).rejects.toThrow(/needs 1,001 credits but only 1,000/);
    expect(ledgerRows(rig.engine)).toHaveLength(before);
    expect(await rig.engine.storage.outbox.recent(10)).toEqual([]);
  });
});

describe('timing: Available SMS Hours and schedules', () => {
  // Monday 2026-11-23 in UTC; open 09:00–17:00 every day.
  const MONDAY = Date.UTC(2026, 10, 23);
  const at = (hour: number, minute = 0) => MONDAY + hour * 3_600_000 + minute * 60_000;
  const nineToFive = { timeZone: 'UTC', schedule: Array.from({ length: 7 }, () => [{ start: '09:00', end: '17:00' }]) };
  /** Real time moved to a chosen moment: it still ticks, which the pacer needs, and can jump ahead. */
  const clockAt = (start: number) => {
    let offset = start - Date.now();
    return { now: () => Date.now() + offset, jumpTo: (moment: number) => (offset = moment - Date.now()) };
  };

  it('an automated send waits for the next opening; a reply and a signup go out at once', async () => {
    const clock = clockAt(at(22));
    const rounds = roundCounter();
    rig = await startEngineRig(undefined, { clock, messageOptions: { availableHours: nineToFive }, dispatcher: rounds.dispatcher });
    const r = rig;
    await r.engine.sends.queue({ kind: 'automated', body: 'Happy birthday, Mia!', recipients: ['+15125550101'], honorHours: true, notBefore: null, createdBy: null });
    await queue(r, ['+15125550102'], 'See you Thursday', 'reply');
    await r.engine.sends.queue({ kind: 'signup', body: 'Welcome to Tumble Town texts.', recipients: ['+15125550103'], honorHours: false, notBefore: null, createdBy: null });
    r.engine.dispatcher.start();

    await until(() => copiesPerRecipient(r.sim).size === 2);
    await rounds.twoMore(r);
    // Still queued: no round claimed it (a claim is committed before its request leaves).
    expect(stateOf(r, '+15125550101')).toBe('queued');
    expect(copiesPerRecipient(r.sim).has('+15125550101')).toBe(false);

    clock.jumpTo(at(9, 0) + 24 * 3_600_000); // the next morning's opening
    r.engine.dispatcher.notify();
    await until(() => copiesPerRecipient(r.sim).get('+15125550101') === 1);
    expect([...copiesPerRecipient(r.sim).values()]).toEqual([1, 1, 1]);
  });

  it('a scheduled send waits for its time', async () => {
    const clock = clockAt(at(10));
    const rounds = roundCounter();
    rig = await startEngineRig(undefined, { clock, messageOptions: { availableHours: nineToFive }, dispatcher: rounds.dispatcher });
    const r = rig;
    await r.engine.sends.queue({ kind: 'mass', body: 'Meet at 4', recipients: numbers(3), honorHours: true, notBefore: at(15, 30), createdBy: null });
    r.engine.dispatcher.start();
    await rounds.twoMore(r);
    expect(states(r)).toEqual({ queued: 3 });
    expect(r.sim.messages()).toHaveLength(0);

    clock.jumpTo(at(15, 30));
    r.engine.dispatcher.notify();
    await r.drained();
    expect(copiesPerRecipient(r.sim).size).toBe(3);
  });
});

describe('the sending thread', () => {
  it('drains the outbox from its worker thread, paced, exactly once, and stops cleanly', async () => {
    rig = await startEngineRig(undefined, { thread: true, messageOptions: { messagesPerSecond: 200 } });
    const r = rig;
    await queue(r, numbers(100));
    r.engine.dispatcher.start();
    await r.drained();
    expect(copiesPerRecipient(r.sim).size).toBe(100);
    expect([...copiesPerRecipient(r.sim).values()].every((n) => n === 1)).toBe(true);
    expect(await r.engine.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - 100, reserved: 0 });
    // 100 texts at 200 per second take about half a second at the carrier, not less.
    const created = r.sim.messages().map((m) => Number(m.dateCreated));
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThanOrEqual(350);
  });
});
