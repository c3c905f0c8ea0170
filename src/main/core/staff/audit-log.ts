import type { AuditEntry } from '../../../shared/contract';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { AuditListOptions } from '../ports/stores/audit-store';

export interface AuditRecord {
  staffId: string | null;
  action: string;
  detail: string;
  override?: boolean;
}

/** A detail longer than this is cut: the log records what happened, not whole payloads. */
const MAX_DETAIL = 1000;

/** Who did what and when, stamped with the clock's time. Insert-only. */
export class AuditLog {
  constructor(
    private readonly storage: Pick<Storage, 'audit'>,
    private readonly clock: Clock,
  ) {}

  /** Writes one entry; pass `tx` to make it part of an open transaction. */
  append(record: AuditRecord, tx: Pick<Storage, 'audit'> = this.storage): Promise<void> {
    return tx.audit.append({
      at: this.clock.now(),
      staffId: record.staffId,
      action: record.action,
      detail: record.detail.slice(0, MAX_DETAIL),
      override: record.override ?? false,
    });
  }

  list(options: AuditListOptions): Promise<AuditEntry[]> {
    return this.storage.audit.list(options);
  }
}
