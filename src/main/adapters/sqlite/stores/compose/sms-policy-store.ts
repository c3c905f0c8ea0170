import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SmsPolicy } from '../../../../../shared/contract/templates';
import type { SmsPolicyStore } from '../../../../core/ports/stores/sms-policy-store';
import type { SyncStore } from '../../sync-store';

/** Owns `sms_policy` (one row once saved). The staff member's name is read for display only. */
export class SqliteSmsPolicyStore implements SyncStore<SmsPolicyStore> {
  private readonly s: Record<'read' | 'upsert', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      read: db.prepare(`SELECT p.family_policy AS familyPolicy, p.staff_guidelines AS staffGuidelines, p.updated_at AS updatedAt, s.name AS updatedBy
        FROM sms_policy p LEFT JOIN staff s ON s.id = p.updated_by WHERE p.id = 1`),
      upsert: db.prepare(`INSERT INTO sms_policy (id, family_policy, staff_guidelines, updated_by, updated_at) VALUES (1, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET family_policy = excluded.family_policy, staff_guidelines = excluded.staff_guidelines,
          updated_by = excluded.updated_by, updated_at = excluded.updated_at`),
    };
  }

  read(): SmsPolicy | null {
    return (this.s.read.get() as SmsPolicy | undefined) ?? null;
  }

  save(p: { familyPolicy: string; staffGuidelines: string; staffId: string | null; at: number }): void {
    this.s.upsert.run(p.familyPolicy, p.staffGuidelines, p.staffId, p.at);
  }
}
