/**
 * Several desks may one day share one database, each with its own sending engine. Each engine
 * reads what is due and then takes it; between the two another desk may have taken the same
 * text. The outbox port takes a text only while it is still due (outbox-store.ts, MessageChange),
 * so of two engines that read it, one sends it; the ledger takes credits only while the balance
 * covers them (ledger-store.ts, recordIfCovered). Here two connections to one SQLite file stand
 * for the two desks, with the steps of each interleaved as two clients of a server can be.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { SqliteOutboxStore } from '../../../src/main/adapters/sqlite/stores/outbox-store';
import type { Mode } from '../../../src/shared/contract';
import { CreditLedger } from '../../../src/main/core/sending/credit-ledger';

const NOW = 1_800_000_000_000;
const LATER = NOW + 60_000;
const opened: Array<{ close(): void }> = [];

function twoDesks() {
  const file = join(mkdtempSync(join(tmpdir(), 'sms-desk-desks-')), 'shared.sqlite');
  const [a, b] = [openDatabase(file), openDatabase(file)];
  opened.push(a, b);
  return { a: new SqliteOutboxStore(a), b: new SqliteOutboxStore(b), db: a };
}

function queue(outbox: SqliteOutboxStore, to: readonly string[]): void {
  const id = outbox.addSend({
    mode: 'sandbox', kind: 'mass', body: 'Pool closed', text: 'Pool closed', segments: 1, recipients: to, honorHours: false,
    notBefore: null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: NOW,
  });
  outbox.writeMessages(id, to.map((n) => ({ to: n, canceledReason: null })), 1, NOW);
  outbox.markWritten(id);
}

const due = (outbox: SqliteOutboxStore, limit = 10) => outbox.due({ now: NOW, withinHours: true, modes: ['sandbox'], limit });

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('two desks sharing one database', () => {
  it('never both take the same text: the second take of a text read by both is refused', () => {
    const { a, b, db } = twoDesks();
    queue(a, ['+12125550101', '+12125550102', '+12125550103']);
    const readByA = due(a);
    const readByB = due(b);
    expect(readByB.map((m) => m.id)).toEqual(readByA.map((m) => m.id));

    // B takes the first two; A then tries to take all three it read.
    expect(b.apply(readByB.slice(0, 2).map((m) => ({ kind: 'claim', id: m.id, checkAfter: LATER })), NOW)).toEqual([true, true]);
    expect(a.apply(readByA.map((m) => ({ kind: 'claim', id: m.id, checkAfter: LATER })), NOW)).toEqual([false, false, true]);

    // Each text was attempted once, and only the third is A's.
    const attempts = db.prepare('SELECT attempts FROM outbox ORDER BY id').all() as Array<{ attempts: number }>;
    expect(attempts.map((r) => r.attempts)).toEqual([1, 1, 1]);
  });

  it('never both look up the same in-doubt text', () => {
    const { a, b } = twoDesks();
    queue(a, ['+12125550101']);
    const [text] = due(a);
    // Claimed by a desk that then stopped: in doubt, and due again once its request could have timed out.
    a.apply([{ kind: 'claim', id: text!.id, checkAfter: NOW - 1 }], NOW - 10_000);
    const [readByA] = due(a);
    const [readByB] = due(b);
    expect(readByA?.inDoubt).toBe(true);
    expect(readByB?.id).toBe(readByA?.id);

    expect(b.apply([{ kind: 'lookUp', id: readByB!.id, checkAfter: LATER }], NOW)).toEqual([true]);
    expect(a.apply([{ kind: 'lookUp', id: readByA!.id, checkAfter: LATER }], NOW)).toEqual([false]);
    // Nor is it claimed for a fresh attempt while B looks it up.
    expect(a.apply([{ kind: 'claim', id: readByA!.id, checkAfter: LATER }], NOW)).toEqual([false]);
  });

  it('a text handed back to wait is taken again once it is due', () => {
    const { a, b } = twoDesks();
    queue(a, ['+12125550101']);
    const [text] = due(a);
    expect(a.apply([{ kind: 'claim', id: text!.id, checkAfter: LATER }], NOW)).toEqual([true]);
    expect(a.apply([{ kind: 'retryLater', id: text!.id, at: NOW + 5_000, errorCode: null }], NOW)).toEqual([true]);
    expect(b.apply([{ kind: 'claim', id: text!.id, checkAfter: LATER }], NOW)).toEqual([false]);
    expect(b.apply([{ kind: 'claim', id: text!.id, checkAfter: LATER + 5_000 }], NOW + 5_000)).toEqual([true]);
  });
});

describe('two desks spending one balance', () => {
  function twoStorages() {
    const file = join(mkdtempSync(join(tmpdir(), 'sms-desk-desks-')), 'shared.sqlite');
    const [a, b] = [openDatabase(file), openDatabase(file)];
    opened.push(a, b);
    return { a: new SqliteStorage(a), b: new SqliteStorage(b) };
  }

  const aSend = (storage: SqliteStorage): Promise<number> => storage.outbox.addSend({
    mode: 'live', kind: 'mass', body: 'Pool closed', text: 'Pool closed', segments: 1, recipients: ['+12125550101'], honorHours: false,
    notBefore: null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: NOW,
  });

  /** Desk B acts once, between desk A's look at the balance and whatever A writes next. */
  function interleave(a: SqliteStorage, between: () => Promise<unknown>): { acted: () => boolean } {
    const look = a.ledger.available.bind(a.ledger);
    let acted = false;
    (a.ledger as { available: (mode: Mode) => Promise<number> }).available = async (mode) => {
      const seen = await look(mode);
      if (!acted) {
        acted = true;
        await between().catch(() => undefined);
      }
      return seen;
    };
    return { acted: () => acted };
  }

  it('never take it below zero: of two holds of 800 against 1,000, one is refused', async () => {
    const { a, b } = twoStorages();
    await new CreditLedger(a).adjust('live', 1_000, null, 'Bought', NOW);
    const [sendA, sendB] = [await aSend(a), await aSend(a)];
    const deskB = interleave(a, () => new CreditLedger(b).hold('live', sendB, 800, NOW));

    const byA = await new CreditLedger(a).hold('live', sendA, 800, NOW).then(() => 'held', (e: { code?: string }) => e.code);
    // B holds too if it has not had its turn yet.
    const byB = deskB.acted() ? null : await new CreditLedger(b).hold('live', sendB, 800, NOW).then(() => 'held', (e: { code?: string }) => e.code);

    expect(await b.ledger.available('live')).toBe(200);
    if (byB !== null) expect([byA, byB]).toEqual(['held', 'INSUFFICIENT_CREDITS']);
    else expect(byA).toBe('INSUFFICIENT_CREDITS');
  });

  it('the balance pays exactly: a hold of all of it is taken, one more credit is not', async () => {
    const { a } = twoStorages();
    await new CreditLedger(a).adjust('live', 5, null, 'Bought', NOW);
    expect(await a.ledger.recordIfCovered([{ mode: 'live', kind: 'adjustment', credits: -6, sendId: null, messageId: null, staffId: null, note: null, at: NOW }])).toBe(false);
    expect(await a.ledger.available('live')).toBe(5);
    expect(await a.ledger.recordIfCovered([{ mode: 'live', kind: 'adjustment', credits: -5, sendId: null, messageId: null, staffId: null, note: null, at: NOW }])).toBe(true);
    expect(await a.ledger.available('live')).toBe(0);
  });

  it('the Sandbox’s starting credits are given once, however many desks start', async () => {
    const { a, b } = twoStorages();
    const grant = { mode: 'sandbox', kind: 'grant', credits: 500, sendId: null, messageId: null, staffId: null, note: 'Sandbox starting credits', at: NOW } as const;
    expect(await a.ledger.grantOnce(grant)).toBe(true);
    expect(await b.ledger.grantOnce(grant)).toBe(false);
    await Promise.all([new CreditLedger(a).grantSandboxOnce(NOW), new CreditLedger(b).grantSandboxOnce(NOW)]);
    expect(await a.ledger.available('sandbox')).toBe(500);
    expect(await a.ledger.available('live')).toBe(0);
  });
});
