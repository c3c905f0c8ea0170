import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AuditEntry } from '../../../../shared/contract';
import type { AuditAppend, AuditListOptions, AuditStore } from '../../../core/ports/stores/audit-store';
import type { SyncStore } from '../sync-store';

interface AuditRow {
  id: number;
  at: number;
  staffId: string | null;
  staffName: string | null;
  action: string;
  detail: string;
  override: number;
}

/** Owns `audit_log` (its triggers refuse updates and deletes); reads staff names for display. */
export class SqliteAuditStore implements SyncStore<AuditStore> {
  private readonly s: Record<'append' | 'list', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      append: db.prepare('INSERT INTO audit_log (at, staff_id, action, detail, override) VALUES (?, ?, ?, ?, ?)'),
      list: db.prepare(`SELECT a.id, a.at, a.staff_id AS staffId, s.name AS staffName, a.action, a.detail, a.override
        FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
        WHERE a.id < ?1 AND (?2 IS NULL OR a.staff_id = ?2) AND (?3 IS NULL OR a.action = ?3)
        ORDER BY a.id DESC LIMIT ?4`),
    };
  }

  append(entry: AuditAppend): void {
    this.s.append.run(entry.at, entry.staffId, entry.action, entry.detail, entry.override ? 1 : 0);
  }

  list(options: AuditListOptions): AuditEntry[] {
    const rows = this.s.list.all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.staffId ?? null, options.action ?? null, options.limit) as unknown as AuditRow[];
    return rows.map((row) => ({ ...row, override: row.override === 1 }));
  }
}
