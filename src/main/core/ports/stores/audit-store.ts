import type { AuditEntry } from '../../../../shared/contract';

export interface AuditAppend {
  at: number;
  staffId: string | null;
  action: string;
  detail: string;
  override: boolean;
}

/** Who did what and when. Insert-only: nothing in it is ever changed or removed. Owns `audit_log`. */
export interface AuditStore {
  append(entry: AuditAppend): Promise<void>;
  /** Newest first, each with the staff member's current name; `beforeId` pages back. */
  list(options: { beforeId?: number; limit: number }): Promise<AuditEntry[]>;
}
