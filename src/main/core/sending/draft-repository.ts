import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Draft } from '../../../shared/contract';

/** One draft per staff member (SPEC §5: drafts save automatically and survive crashes). */
export class DraftRepository {
  private readonly s: Record<'get' | 'upsert' | 'remove', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      get: db.prepare('SELECT recipients AS "to", body, updated_at AS updatedAt FROM drafts WHERE staff_id = ?'),
      upsert: db.prepare(`INSERT INTO drafts (staff_id, recipients, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (staff_id) DO UPDATE SET recipients = excluded.recipients, body = excluded.body, updated_at = excluded.updated_at`),
      remove: db.prepare('DELETE FROM drafts WHERE staff_id = ?'),
    };
  }

  get(staffId: string): (Draft & { updatedAt: number }) | null {
    return (this.s.get.get(staffId) as (Draft & { updatedAt: number }) | undefined) ?? null;
  }

  /** Keeps the draft; a blank one (nothing typed) is removed instead. Returns when it was kept, or null. */
  save(staffId: string, draft: Draft, now: number): number | null {
    if (draft.to.trim() === '' && draft.body.trim() === '') {
      this.s.remove.run(staffId);
      return null;
    }
    this.s.upsert.run(staffId, draft.to, draft.body, now);
    return now;
  }
}
