import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode } from '../../../../shared/contract';
import type { LedgerEntry, LedgerStore } from '../../../core/ports/stores/ledger-store';
import type { SyncStore } from '../sync-store';

/** Owns `credit_ledger` (append-only; migration 0003's unique indexes refuse a second hold or refund). */
export class SqliteLedgerStore implements SyncStore<LedgerStore> {
  private readonly s: Record<'available' | 'insert' | 'grant', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      // Settle rows are zero, so the sum skips them and stays small however many texts were sent.
      available: db.prepare(
        "SELECT COALESCE(SUM(credits), 0) AS n FROM credit_ledger WHERE mode = ? AND kind IN ('grant', 'purchase', 'adjustment', 'hold', 'release')",
      ),
      insert: db.prepare('INSERT INTO credit_ledger (mode, kind, credits, batch_id, outbox_id, staff_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      grant: db.prepare("SELECT 1 FROM credit_ledger WHERE mode = ? AND kind = 'grant' LIMIT 1"),
    };
  }

  available(mode: Mode): number {
    return Number((this.s.available.get(mode) as { n: number }).n);
  }

  record(entries: readonly LedgerEntry[]): void {
    for (const e of entries) this.s.insert.run(e.mode, e.kind, e.credits, e.sendId, e.messageId, e.staffId, e.note, e.at);
  }

  hasGrant(mode: Mode): boolean {
    return this.s.grant.get(mode) !== undefined;
  }
}
