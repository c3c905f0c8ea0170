import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  /** 1, 2, 3 … in order, never reused. */
  readonly id: number;
  readonly name: string;
  readonly sql: string;
  /** Checksums of other released texts of this migration that databases may have recorded. */
  readonly acceptedChecksums?: readonly string[];
  /** True when a database already holds this change (made by an earlier text of a migration). */
  readonly alreadyInPlace?: (db: DatabaseSync) => boolean;
}

export const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex');

/**
 * Applies each pending migration in its own transaction and records its checksum.
 * A landed migration whose text changed stops start-up: editing history corrupts real databases.
 */
export function applyMigrations(db: DatabaseSync, list: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL
  ) STRICT`);
  const applied = new Map(
    (db.prepare('SELECT id, checksum FROM schema_migrations').all() as { id: number; checksum: string }[]).map(
      (row) => [row.id, row.checksum],
    ),
  );
  const ids = list.map((m) => m.id);
  if (ids.some((id, i) => id !== i + 1)) throw new Error('Migrations must be numbered 1, 2, 3 … without gaps');

  const newlyApplied: number[] = [];
  for (const migration of list) {
    const known = applied.get(migration.id);
    const sum = checksum(migration.sql);
    if (known !== undefined) {
      if (known !== sum && !migration.acceptedChecksums?.includes(known)) throw new Error(`Migration ${migration.id} (${migration.name}) was changed after it was applied`);
      continue;
    }
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!migration.alreadyInPlace?.(db)) db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.id,
        migration.name,
        sum,
        Date.now(),
      );
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    newlyApplied.push(migration.id);
  }
  return newlyApplied;
}
