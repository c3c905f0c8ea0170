import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { audienceSelectionSchema, type Draft } from '../../../../shared/contract';
import type { DraftStore, SavedDraft } from '../../../core/ports/stores/draft-store';
import type { SyncStore } from '../sync-store';

interface DraftRow {
  to: string;
  body: string;
  selection: string | null;
  updatedAt: number;
}

/** Owns `drafts`. */
export class SqliteDraftStore implements SyncStore<DraftStore> {
  private readonly s: Record<'get' | 'upsert' | 'remove', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      get: db.prepare('SELECT recipients AS "to", body, selection, updated_at AS updatedAt FROM drafts WHERE staff_id = ?'),
      upsert: db.prepare(`INSERT INTO drafts (staff_id, recipients, body, selection, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (staff_id) DO UPDATE SET recipients = excluded.recipients, body = excluded.body, selection = excluded.selection, updated_at = excluded.updated_at`),
      remove: db.prepare('DELETE FROM drafts WHERE staff_id = ?'),
    };
  }

  get(staffId: string): SavedDraft | null {
    const row = this.s.get.get(staffId) as DraftRow | undefined;
    if (!row) return null;
    const selection = readSelection(row.selection);
    return { to: row.to, body: row.body, ...(selection ? { selection } : {}), updatedAt: row.updatedAt };
  }

  put(staffId: string, draft: Draft, at: number): void {
    this.s.upsert.run(staffId, draft.to, draft.body, draft.selection ? JSON.stringify(draft.selection) : null, at);
  }

  remove(staffId: string): void {
    this.s.remove.run(staffId);
  }
}

/**
 * The stored choice, checked against the contract: a selection an older or newer build wrote in
 * another shape is dropped, so the draft's text still opens rather than the composer failing.
 */
function readSelection(json: string | null): Draft['selection'] {
  if (json === null) return undefined;
  try {
    const parsed = audienceSelectionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
