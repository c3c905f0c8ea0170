import { mkdtempSync } from 'node:fs';
import type { StatementSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteOutboxStore } from '../../../src/main/adapters/sqlite/stores/outbox-store';
import type { Mode } from '../../../src/shared/contract';

const NOW = 1_800_000_000_000;
const numbers = (count: number, from: number) => Array.from({ length: count }, (_, i) => `+1212${String(from + i).padStart(7, '0')}`);

function queue(outbox: SqliteOutboxStore, mode: Mode, to: readonly string[]): number {
  const id = outbox.addSend({
    mode, kind: 'mass', body: 'Pool closed', text: 'Pool closed', segments: 1, recipients: to, honorHours: false,
    notBefore: null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: NOW,
  });
  outbox.writeMessages(id, to.map((n) => ({ to: n, canceledReason: null })), 1, NOW);
  outbox.markWritten(id);
  return id;
}

describe('the count of texts waiting to be sent', () => {
  it('counts every waiting text of the mode, in any send, queued or being handed over, and none that left or were canceled', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-waiting-')), 'desk.sqlite'));
    const outbox = new SqliteOutboxStore(db);
    // More sends than the recent sends list shows (20): the count is not limited to those.
    for (let send = 0; send < 25; send += 1) queue(outbox, 'sandbox', numbers(4, send * 10));
    const canceled = queue(outbox, 'sandbox', numbers(3, 900));
    outbox.cancelWaitingIn(canceled, 'Canceled', NOW);
    queue(outbox, 'live', numbers(7, 1000));
    expect(outbox.waitingCount('sandbox')).toBe(100);
    expect(outbox.waitingCount('live')).toBe(7);

    const [first, second, third] = outbox.due({ now: NOW, withinHours: true, modes: ['sandbox'], limit: 3 });
    outbox.apply([
      { kind: 'claim', id: first!.id, checkAfter: NOW + 60_000 },
      { kind: 'claim', id: second!.id, checkAfter: NOW + 60_000 },
      { kind: 'accept', id: second!.id, state: 'accepted', sid: 'SM1', errorCode: null, errorMessage: null, pollAt: null },
      { kind: 'fail', id: third!.id, state: 'failed', errorCode: 21211, errorMessage: 'Not a mobile number' },
    ], NOW);
    // Claimed still waits; handed over and failed do not.
    expect(outbox.waitingCount('sandbox')).toBe(98);
    db.close();
  });

  it('reads only the waiting messages, through the due index', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-waiting-')), 'desk.sqlite'));
    const statement = (new SqliteOutboxStore(db) as unknown as { s: Record<string, StatementSync> }).s.waitingCount!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${statement.sourceSQL}`).all() as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan).toEqual([expect.stringMatching(/^SEARCH outbox USING (COVERING )?INDEX outbox_due_by_lane \(mode=\?\)$/)]);
    db.close();
  });
});
