import { mkdtempSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { SqliteLedgerStore } from '../../../src/main/adapters/sqlite/stores/ledger-store';
import { SqliteOutboxStore } from '../../../src/main/adapters/sqlite/stores/outbox-store';
import type { Mode } from '../../../src/shared/contract';
import { CreditLedger } from '../../../src/main/core/sending/credit-ledger';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const TOMORROW = NOW + 24 * HOUR;

const freshDb = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-backlog-')), 'desk.sqlite'));
const numbers = (count: number, from: number) => Array.from({ length: count }, (_, i) => `+1212${String(from + i).padStart(7, '0')}`);

/** The SQL of a store's prepared statement, so the plan checked is the plan the store runs. */
function sqlOf(store: SqliteOutboxStore | SqliteLedgerStore, name: string): string {
  const statement = (store as unknown as { s: Record<string, StatementSync | undefined> }).s[name];
  if (statement === undefined) throw new Error(`no statement ${name}`);
  return statement.sourceSQL;
}

/** SQLite's plan for a statement, one line per step. */
const planOf = (db: DatabaseSync, sql: string): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail);

/** Queues a send and writes all its messages straight through the stores (no engine, no network). */
function queueAndWrite(db: DatabaseSync, to: readonly string[], o: { mode?: Mode; notBefore?: number | null; honorHours?: boolean } = {}): number {
  const outbox = new SqliteOutboxStore(db);
  const ledger = new SqliteLedgerStore(db);
  const mode = o.mode ?? 'sandbox';
  db.exec('BEGIN IMMEDIATE');
  const id = outbox.addSend({
    mode, kind: 'mass', body: 'Pool closed', text: 'Pool closed', segments: 1, recipients: to, honorHours: o.honorHours ?? true,
    notBefore: o.notBefore ?? null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: NOW,
  });
  ledger.record([{ mode, kind: 'hold', credits: -to.length, sendId: id, messageId: null, staffId: null, note: null, at: NOW }]);
  outbox.writeMessages(id, to.map((n) => ({ to: n, canceledReason: null })), 1, NOW);
  outbox.markWritten(id);
  db.exec('COMMIT');
  return id;
}

const grant = (db: DatabaseSync, mode: Mode, credits: number) =>
  new SqliteLedgerStore(db).record([{ mode, kind: 'grant', credits, sendId: null, messageId: null, staffId: null, note: null, at: NOW }]);

/** What the maintained figures must equal: the sums the old queries read every time. */
function recounted(db: DatabaseSync, mode: Mode): { available: number; reserved: number } {
  const one = (sql: string) => Number((db.prepare(sql).get(mode) as { n: number }).n);
  return {
    available: one('SELECT COALESCE(SUM(credits), 0) AS n FROM credit_ledger WHERE mode = ?'),
    reserved:
      one("SELECT COALESCE(SUM(credits), 0) AS n FROM outbox WHERE state IN ('queued', 'claimed') AND mode = ?")
      + one(`SELECT COALESCE(SUM((recipient_count - (SELECT COUNT(*) FROM outbox o WHERE o.batch_id = b.id)) * segments), 0) AS n
          FROM send_batches b WHERE expanded = 0 AND mode = ?`),
  };
}

describe('the queries asked every round read what they return, not the backlog', () => {
  const db = freshDb();
  const outbox = new SqliteOutboxStore(db);
  const ledger = new SqliteLedgerStore(db);

  it('due messages are found in the lane index, in due order, without a sort or a scan', () => {
    const plan = planOf(db, sqlOf(outbox, 'due'));
    expect(plan.join('\n')).toMatch(/SEARCH o USING INDEX outbox_due_by_lane \(mode=\? AND honor_hours=\? AND next_attempt_at<\?\)/);
    expect(plan.join('\n')).toMatch(/SEARCH b USING INTEGER PRIMARY KEY/);
    expect(plan.filter((step) => /^SCAN|TEMP B-TREE/.test(step))).toEqual([]);
  });

  it('the next due time is the first entry of a lane', () => {
    const plan = planOf(db, sqlOf(outbox, 'nextDue'));
    expect(plan).toEqual([expect.stringMatching(/^SEARCH outbox USING (COVERING )?INDEX outbox_due_by_lane \(mode=\? AND honor_hours=\?\)$/)]);
  });

  it('the credits held and the balance are one row each', () => {
    expect(planOf(db, sqlOf(outbox, 'held'))).toEqual([expect.stringMatching(/^SEARCH outbox_credits_held USING INDEX sqlite_autoindex_outbox_credits_held_1 \(mode=\?\)$/)]);
    expect(planOf(db, sqlOf(ledger, 'available'))).toEqual([expect.stringMatching(/^SEARCH credit_balance USING INDEX sqlite_autoindex_credit_balance_1 \(mode=\?\)$/)]);
  });

  it('a send still being written is found without reading every send ever made', () => {
    // The partial index holds only the sends still being written.
    for (const name of ['anyUnexpanded', 'unexpanded']) {
      expect(planOf(db, sqlOf(outbox, name))).toEqual([expect.stringMatching(/^SCAN send_batches USING (COVERING )?INDEX send_batches_being_written$/)]);
    }
  });
});

describe('100,000 texts scheduled for tomorrow', () => {
  it('are not due, do not move the next due time, and the balance answers from the kept figures', async () => {
    const db = freshDb();
    grant(db, 'sandbox', 200_000);
    grant(db, 'live', 50);
    queueAndWrite(db, numbers(100_000, 1_000_000), { notBefore: TOMORROW });
    const nowSend = queueAndWrite(db, numbers(30, 0), { honorHours: false });
    queueAndWrite(db, numbers(5, 100), { mode: 'live', honorHours: false });

    const storage = new SqliteStorage(db);
    const due = await storage.outbox.due({ now: NOW, withinHours: true, modes: ['sandbox'], limit: 20 });
    expect(due.map((m) => m.batchId)).toEqual(Array(20).fill(nowSend));
    expect(due.map((m) => m.id)).toEqual([...due.map((m) => m.id)].sort((a, b) => a - b));
    expect(due[0]).toMatchObject({ mode: 'sandbox', text: 'Pool closed', credits: 1, validitySeconds: 3600, attempts: 0, inDoubt: false, claimedAt: null });
    expect(due[0]).not.toHaveProperty('dueAt');
    expect(await storage.outbox.nextDueAt(true, ['sandbox', 'live'])).toBe(0);

    const balance = await new CreditLedger(storage).balance('sandbox');
    expect(balance).toEqual({ mode: 'sandbox', available: 200_000 - 100_030, reserved: 100_030 });
    expect(balance).toEqual({ mode: 'sandbox', ...recounted(db, 'sandbox') });
    expect(await new CreditLedger(storage).balance('live')).toEqual({ mode: 'live', available: 45, reserved: 5 });

    // Once everything due now has gone, the next due time is tomorrow's, outside hours nothing.
    await storage.transaction(async (tx) => {
      const ids = (await tx.outbox.due({ now: NOW, withinHours: true, modes: ['sandbox', 'live'], limit: 100 })).map((m) => m.id);
      expect(ids).toHaveLength(35);
      await tx.outbox.apply(ids.map((id) => ({ kind: 'fail', id, state: 'canceled', errorCode: null, errorMessage: 'test' })), NOW);
    });
    expect(await storage.outbox.due({ now: NOW, withinHours: true, modes: ['sandbox', 'live'], limit: 100 })).toEqual([]);
    expect(await storage.outbox.nextDueAt(true, ['sandbox', 'live'])).toBe(TOMORROW);
    expect(await storage.outbox.nextDueAt(false, ['sandbox', 'live'])).toBeNull();
    expect(await storage.outbox.creditsHeld('sandbox')).toBe(100_000);
    expect(await storage.outbox.due({ now: TOMORROW, withinHours: true, modes: ['sandbox'], limit: 3 })).toHaveLength(3);
    expect(await storage.outbox.due({ now: TOMORROW, withinHours: false, modes: ['sandbox'], limit: 3 })).toEqual([]);
    db.close();
  }, 60_000);
});

describe('the kept figures follow every change the sums would see', () => {
  it('holds, writes, claims, acceptances, failures, cancels, refunds and a send still being written', async () => {
    const db = freshDb();
    const storage = new SqliteStorage(db);
    const check = async () => {
      for (const mode of ['sandbox', 'live'] as const) {
        const { available, reserved } = await new CreditLedger(storage).balance(mode);
        expect({ mode, available, reserved }).toEqual({ mode, ...recounted(db, mode) });
      }
    };
    grant(db, 'sandbox', 1_000);
    grant(db, 'live', 100);
    const first = queueAndWrite(db, numbers(10, 0), { honorHours: false });
    queueAndWrite(db, numbers(4, 50), { mode: 'live', notBefore: TOMORROW });
    await check();

    // A send queued with a number listed twice: one message for it, the second copy's hold freed.
    const twice = await storage.transaction(async (tx) => {
      const id = await tx.outbox.addSend({
        mode: 'sandbox', kind: 'mass', body: 'Hi', text: 'Hi', segments: 2, recipients: ['+12125559001', '+12125559002', '+12125559001'],
        honorHours: false, notBefore: null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: NOW,
      });
      await new CreditLedger(tx).hold('sandbox', id, 6, NOW);
      return id;
    });
    await check();
    await storage.transaction(async (tx) => {
      const canceled = await tx.outbox.writeMessages(twice, [{ to: '+12125559001', canceledReason: null }, { to: '+12125559002', canceledReason: 'Opted out before sending.' }], 2, NOW);
      await new CreditLedger(tx).release(canceled, 'opted out', NOW);
    });
    await check();
    await storage.transaction(async (tx) => {
      await tx.outbox.writeMessages(twice, [{ to: '+12125559001', canceledReason: null }], 2, NOW);
      await tx.outbox.markWritten(twice);
    });
    await check();

    // A round: claims, then each outcome with its settle or refund, as outcomes.ts records them.
    const due = await storage.outbox.due({ now: NOW, withinHours: true, modes: ['sandbox'], limit: 5 });
    await storage.outbox.apply(due.map((m) => ({ kind: 'claim', id: m.id, checkAfter: NOW + 1000 })), NOW);
    await check();
    const [a, b, c, d] = due;
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('expected four due messages');
    await storage.transaction(async (tx) => {
      const applied = await tx.outbox.apply([
        { kind: 'accept', id: a.id, state: 'accepted', sid: 'SM1', errorCode: null, errorMessage: null, pollAt: NOW + 2000 },
        { kind: 'accept', id: b.id, state: 'failed', sid: 'SM2', errorCode: 30008, errorMessage: 'x', pollAt: null },
        { kind: 'fail', id: c.id, state: 'failed', errorCode: 21211, errorMessage: 'x' },
        { kind: 'retryLater', id: d.id, at: NOW + 5000, errorCode: null },
        // Another message already owns SM1: not applied, still held.
        { kind: 'accept', id: d.id, state: 'accepted', sid: 'SM1', errorCode: null, errorMessage: null, pollAt: null },
      ], NOW);
      expect(applied).toEqual([true, true, true, true, false]);
      await tx.ledger.record([
        { mode: 'sandbox', kind: 'settle', credits: 0, sendId: null, messageId: a.id, staffId: null, note: null, at: NOW },
        { mode: 'sandbox', kind: 'settle', credits: 0, sendId: null, messageId: b.id, staffId: null, note: null, at: NOW },
        { mode: 'sandbox', kind: 'release', credits: b.credits, sendId: null, messageId: b.id, staffId: null, note: null, at: NOW },
        { mode: 'sandbox', kind: 'release', credits: c.credits, sendId: null, messageId: c.id, staffId: null, note: null, at: NOW },
      ]);
    });
    await check();
    // A delivery check on an accepted message changes nothing held; one aimed at a waiting message does nothing.
    await storage.outbox.apply([
      { kind: 'status', id: a.id, state: 'undelivered', errorCode: 30003, errorMessage: 'x', pollAt: null },
      { kind: 'status', id: d.id, state: 'delivered', errorCode: null, errorMessage: null, pollAt: null },
    ], NOW);
    expect(await storage.outbox.stateOf(d.id)).toBe('claimed');
    await check();

    // Cancels by send and by number, refunded as the services do.
    await storage.transaction(async (tx) => {
      await new CreditLedger(tx).release(await tx.outbox.cancelWaitingIn(first, 'Canceled before sending.', NOW), 'canceled', NOW);
      await new CreditLedger(tx).release(await tx.outbox.cancelWaitingTo('+12120000050', 'Opted out.', NOW), 'opted out', NOW);
    });
    await check();

    // A refused entry leaves the balance as it was (a second hold for the same send).
    const before = await new CreditLedger(storage).balance('sandbox');
    await expect(storage.ledger.record([
      { mode: 'sandbox', kind: 'adjustment', credits: 7, sendId: null, messageId: null, staffId: null, note: null, at: NOW },
      { mode: 'sandbox', kind: 'hold', credits: -1, sendId: first, messageId: null, staffId: null, note: null, at: NOW },
    ])).rejects.toThrow(/UNIQUE/);
    expect(await new CreditLedger(storage).balance('sandbox')).toEqual(before);
    await check();
    db.close();
  });
});
