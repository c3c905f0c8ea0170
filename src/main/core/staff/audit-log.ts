import type { DatabaseSync } from 'node:sqlite';
import type { AuditEntry } from '../../../shared/contract';
import type { Clock } from '../ports/clock';

export interface AuditRecord {
  staffId: string | null;
  action: string;
  detail: string;
  override?: boolean;
}

interface AuditRow {
  id: number;
  at: number;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  detail: string;
  override: number;
}

/** Who did what and when. Insert-only; the table's triggers refuse updates and deletes. */
export class AuditLog {
  constructor(
    private readonly db: DatabaseSync,
    private readonly clock: Clock,
  ) {}

  append(record: AuditRecord): void {
    this.db
      .prepare('INSERT INTO audit_log (at, staff_id, action, detail, override) VALUES (?, ?, ?, ?, ?)')
      .run(this.clock.now(), record.staffId, record.action, record.detail.slice(0, 1000), record.override ? 1 : 0);
  }

  list(options: { beforeId?: number; limit: number }): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.at, a.staff_id, s.name AS staff_name, a.action, a.detail, a.override
         FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
         WHERE a.id < ? ORDER BY a.id DESC LIMIT ?`,
      )
      .all(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit) as unknown as AuditRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      staffId: row.staff_id,
      staffName: row.staff_name,
      action: row.action,
      detail: row.detail,
      override: row.override === 1,
    }));
  }
}
