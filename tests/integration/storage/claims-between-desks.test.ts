/**
 * Several desks may one day share one database, each with its own sending engine. Each engine
 * reads what is due and then takes it; between the two another desk may have taken the same
 * text. The outbox port takes a text only while it is still due (outbox-store.ts, MessageChange),
 * so of two engines that read it, one sends it. Here two connections to one SQLite file stand for
 * the two desks: the read and the take are in separate steps, as they are between two desks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteOutboxStore } from '../../../src/main/adapters/sqlite/stores/outbox-store';

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
