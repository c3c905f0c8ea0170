import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Template } from '../../../../../shared/contract/templates';
import type { TemplateStore } from '../../../../core/ports/stores/template-store';
import type { SyncStore } from '../../sync-store';

/** Owns `templates`. The staff member's name is read for display only. */
export class SqliteTemplateStore implements SyncStore<TemplateStore> {
  private readonly s: Record<'list' | 'get' | 'insert' | 'update' | 'remove' | 'named', StatementSync>;

  constructor(db: DatabaseSync) {
    const select = `SELECT t.id, t.name, t.body, t.updated_at AS updatedAt, s.name AS updatedBy FROM templates t LEFT JOIN staff s ON s.id = t.updated_by`;
    this.s = {
      list: db.prepare(`${select} ORDER BY t.name`),
      get: db.prepare(`${select} WHERE t.id = ?`),
      insert: db.prepare('INSERT INTO templates (name, body, updated_by, updated_at) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE templates SET name = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM templates WHERE id = ?'),
      named: db.prepare('SELECT id FROM templates WHERE name = ? AND id IS NOT ?'),
    };
  }

  list(): Template[] {
    return this.s.list.all() as unknown as Template[];
  }

  get(id: number): Template | null {
    return (this.s.get.get(id) as Template | undefined) ?? null;
  }

  save(t: { id: number | null; name: string; body: string; staffId: string | null; at: number }): number | null {
    if (t.id === null) return Number(this.s.insert.run(t.name, t.body, t.staffId, t.at).lastInsertRowid);
    return Number(this.s.update.run(t.name, t.body, t.staffId, t.at, t.id).changes) === 1 ? t.id : null;
  }

  remove(id: number): boolean {
    return Number(this.s.remove.run(id).changes) === 1;
  }

  nameTaken(name: string, exceptId: number | null): boolean {
    return this.s.named.get(name, exceptId) !== undefined;
  }
}
