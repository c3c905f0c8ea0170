import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Draft } from '../../../../shared/contract';
import type { DraftStore, SavedDraft } from '../../../core/ports/stores/draft-store';
import type { SyncStore } from '../sync-store';

/** Owns `drafts`. */
export class SqliteDraftStore implements SyncStore<DraftStore> {
  private readonly s: Record<'get' | 'upsert' | 'remove', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      get: db.prepare('SELECT recipients AS "to", body, updated_at AS updatedAt FROM drafts WHERE staff_id = ?'),
      upsert: db.prepare(`INSERT INTO drafts (staff_id, recipients, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (staff_id) DO UPDATE SET recipients = excluded.recipients, body = excluded.body, updated_at = excluded.updated_at`),
      remove: db.prepare('DELETE FROM drafts WHERE staff_id = ?'),
    };
  }

  get(staffId: string): SavedDraft | null {
    return (this.s.get.get(staffId) as SavedDraft | undefined) ?? null;
  }

  put(staffId: string, draft: Draft, at: number): void {
    this.s.upsert.run(staffId, draft.to, draft.body, at);
  }

  remove(staffId: string): void {
    this.s.remove.run(staffId);
  }
}
