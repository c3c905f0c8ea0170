import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import type { Storage } from '../../../src/main/core/ports/storage';
import { CreditLedger } from '../../../src/main/core/sending/credit-ledger';
import { SendWriter } from '../../../src/main/core/sending/send-writer';

const STAYS = '+12125550100';
const LEFT = '+12125550101';

/** A send of one credit each to two numbers, queued before one of them opted out. */
async function queuedSendWithOptOut() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-writer-')), 'desk.sqlite'));
  const storage = new SqliteStorage(db);
  const ledger = new CreditLedger(storage);
  await ledger.grantSandboxOnce(1);
  const sendId = await storage.transaction(async (tx) => {
    const id = await tx.outbox.addSend({
      mode: 'sandbox', kind: 'mass', body: 'Pool closed', text: 'Pool closed', segments: 1, recipients: [STAYS, LEFT], honorHours: false,
      notBefore: null, validitySeconds: 3600, createdBy: null, overrideReason: null, consentEventId: null, createdAt: 1,
    });
    await new CreditLedger(tx).hold('sandbox', id, 2, 1);
    return id;
  });
  await storage.consent.record(LEFT, 'opted_out', 'staff', null, 2);
  const rows = () => db.prepare('SELECT to_number AS "to", state FROM outbox ORDER BY id').all();
  const refunds = () => db.prepare("SELECT outbox_id AS messageId, credits, note FROM credit_ledger WHERE kind = 'release'").all();
  return { db, storage, ledger, sendId, rows, refunds };
}

/** The same storage, except that the ledger refuses every entry inside a transaction. */
function ledgerFailsInTransactions(storage: Storage): Storage {
  const failing = (tx: Storage): Storage => ({
    ...tx,
    ledger: { ...tx.ledger, record: () => Promise.reject(new Error('the disk is full')) },
    transaction: (work) => tx.transaction((inner) => work(failing(inner))),
  });
  return { ...storage, outbox: storage.outbox, transaction: (work) => storage.transaction((tx) => work(failing(tx))) };
}

describe('writing a send that reaches a number opted out after it was queued', () => {
  it('writes that message canceled and refunds it, the outbox and the ledger each by its owner', async () => {
    const t = await queuedSendWithOptOut();
    await new SendWriter(t.storage).finish(3);
    expect(t.rows()).toEqual([{ to: STAYS, state: 'queued' }, { to: LEFT, state: 'canceled' }]);
    expect(t.refunds()).toEqual([{ messageId: 2, credits: 1, note: 'opted out' }]);
    expect(await t.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: 999, reserved: 1 });
  });

  it('the outbox store alone writes the canceled message but refunds nothing: the refund is the writer\'s', async () => {
    const t = await queuedSendWithOptOut();
    const held = await t.storage.transaction((tx) => tx.outbox.writeMessages(t.sendId, [{ to: LEFT, canceledReason: 'Opted out before sending.' }], 1, 3));
    expect(held).toEqual([{ id: 1, credits: 1, mode: 'sandbox' }]);
    expect(t.refunds()).toEqual([]);
  });

  it('writes nothing when the refund cannot be recorded: the message and its refund commit together', async () => {
    const t = await queuedSendWithOptOut();
    await expect(new SendWriter(ledgerFailsInTransactions(t.storage)).writeNextChunk(3)).rejects.toThrow('the disk is full');
    expect(t.rows()).toEqual([]);
    expect(t.refunds()).toEqual([]);
    // Nothing half-done is remembered: the next try writes the whole chunk.
    await new SendWriter(t.storage).finish(4);
    expect(t.rows()).toHaveLength(2);
    expect(t.refunds()).toHaveLength(1);
  });
});
