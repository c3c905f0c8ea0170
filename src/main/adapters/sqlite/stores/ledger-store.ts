import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode } from '../../../../shared/contract';
import type { LedgerEntry, LedgerStore } from '../../../core/ports/stores/ledger-store';
import { allOrNothing } from '../all-or-nothing';
import type { SyncStore } from '../sync-store';

/**
 * Owns `credit_ledger` (append-only; migration 0003's unique indexes refuse a second hold or
 * refund) and `credit_balance`, the running sum of the ledger per mode (migration 0008): the
 * balance is read from one row, however long the ledger grows.
 */
export class SqliteLedgerStore implements SyncStore<LedgerStore> {
  private readonly s: Record<'available' | 'insert' | 'insertPurchase' | 'addToBalance' | 'takeFromBalance' | 'grantOnce', StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.s = {
      available: db.prepare('SELECT available FROM credit_balance WHERE mode = ?'),
      insert: db.prepare('INSERT INTO credit_ledger (mode, kind, credits, batch_id, outbox_id, staff_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      // Purchases name what they grant (migration 0009); the engine's hot insert stays as it was.
      insertPurchase: db.prepare('INSERT INTO credit_ledger (mode, kind, credits, staff_id, note, at, purchase_id) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      addToBalance: db.prepare('UPDATE credit_balance SET available = available + ? WHERE mode = ?'),
      // The balance is checked in the statement that changes it: no other writer can come between.
      takeFromBalance: db.prepare('UPDATE credit_balance SET available = available - ? WHERE mode = ? AND available >= ?'),
      grantOnce: db.prepare(`INSERT INTO credit_ledger (mode, kind, credits, note, at) SELECT ?, 'grant', ?, ?, ?
        WHERE NOT EXISTS (SELECT 1 FROM credit_ledger WHERE mode = ? AND kind = 'grant')`),
    };
  }

  available(mode: Mode): number {
    return Number((this.s.available.get(mode) as { available: number } | undefined)?.available ?? 0);
  }

  /** Each entry and its change to the balance are written together; a refused entry leaves both as they were. */
  record(entries: readonly LedgerEntry[]): void {
    if (entries.length === 0) return;
    allOrNothing(this.db, 'ledger_record', () => {
      this.insert(entries);
      // Settles are zero: a round of settles leaves the balance row alone.
      for (const [mode, credits] of changeByMode(entries)) if (credits !== 0) this.s.addToBalance.run(credits, mode);
    });
  }

  recordIfCovered(entries: readonly LedgerEntry[]): boolean {
    if (entries.length === 0) return true;
    try {
      allOrNothing(this.db, 'ledger_record_if_covered', () => {
        for (const [mode, credits] of changeByMode(entries)) {
          if (credits > 0) this.s.addToBalance.run(credits, mode);
          else if (credits < 0 && Number(this.s.takeFromBalance.run(-credits, mode, -credits).changes) !== 1) throw new NotCovered();
        }
        this.insert(entries);
      });
      return true;
    } catch (error) {
      if (error instanceof NotCovered) return false;
      throw error;
    }
  }

  private insert(entries: readonly LedgerEntry[]): void {
    for (const e of entries) {
      if (e.purchaseId) this.s.insertPurchase.run(e.mode, e.kind, e.credits, e.staffId, e.note, e.at, e.purchaseId);
      else this.s.insert.run(e.mode, e.kind, e.credits, e.sendId, e.messageId, e.staffId, e.note, e.at);
    }
  }

  grantOnce(grant: LedgerEntry & { kind: 'grant' }): boolean {
    return allOrNothing(this.db, 'ledger_grant_once', () => {
      if (Number(this.s.grantOnce.run(grant.mode, grant.credits, grant.note, grant.at, grant.mode).changes) !== 1) return false;
      this.s.addToBalance.run(grant.credits, grant.mode);
      return true;
    });
  }
}

/** The balance did not cover a `recordIfCovered`: everything it wrote is rolled back. */
class NotCovered extends Error {}

function changeByMode(entries: readonly LedgerEntry[]): Map<Mode, number> {
  const change = new Map<Mode, number>();
  for (const e of entries) change.set(e.mode, (change.get(e.mode) ?? 0) + e.credits);
  return change;
}
