import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SavedAudienceStore, StoredAudience } from '../../../../core/ports/stores/saved-audience-store';
import type { SyncStore } from '../../sync-store';

/** Owns `saved_audiences`. */
export class SqliteSavedAudienceStore implements SyncStore<SavedAudienceStore> {
  private readonly s: Record<'list' | 'get' | 'insert' | 'update' | 'remove' | 'named', StatementSync>;

  constructor(db: DatabaseSync) {
    const select = 'SELECT id, name, selection, updated_at AS updatedAt FROM saved_audiences';
    this.s = {
      list: db.prepare(`${select} ORDER BY name`),
      get: db.prepare(`${select} WHERE id = ?`),
      insert: db.prepare('INSERT INTO saved_audiences (name, selection, updated_by, updated_at) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE saved_audiences SET name = ?, selection = ?, updated_by = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM saved_audiences WHERE id = ?'),
      named: db.prepare('SELECT id FROM saved_audiences WHERE name = ? AND id IS NOT ?'),
    };
  }

  list(): StoredAudience[] {
    return this.s.list.all() as unknown as StoredAudience[];
  }

  get(id: number): StoredAudience | null {
    return (this.s.get.get(id) as StoredAudience | undefined) ?? null;
  }

  save(a: { id: number | null; name: string; selection: string; staffId: string | null; at: number }): number | null {
    if (a.id === null) return Number(this.s.insert.run(a.name, a.selection, a.staffId, a.at).lastInsertRowid);
    return Number(this.s.update.run(a.name, a.selection, a.staffId, a.at, a.id).changes) === 1 ? a.id : null;
  }

  remove(id: number): boolean {
    return Number(this.s.remove.run(id).changes) === 1;
  }

  nameTaken(name: string, exceptId: number | null): boolean {
    return this.s.named.get(name, exceptId) !== undefined;
  }
}
