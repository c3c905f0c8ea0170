import type { AuditEntry } from '../../../../shared/contract';

export interface AuditAppend {
  at: number;
  staffId: string | null;
  action: string;
  detail: string;
  override: boolean;
}

export interface AuditListOptions {
  beforeId?: number;
  limit: number;
  staffId?: string;
  action?: string;
}

/** Who did what and when. Insert-only: nothing in it is ever changed or removed. Owns `audit_log`. */
export interface AuditStore {
  append(entry: AuditAppend): Promise<void>;
  /** Newest first, each with the staff member's current name; `beforeId` pages back, `staffId` and `action` filter. */
  list(options: AuditListOptions): Promise<AuditEntry[]>;
}
