import type { DatabaseSync } from 'node:sqlite';
import { permissionSchema, type Permission, type StaffSummary } from '../../../shared/contract';
import { z } from 'zod';

interface StaffRow {
  id: string;
  name: string;
  secret_hash: string;
  permissions: string;
  active: number;
  failed_attempts: number;
  locked_out_until: number | null;
  created_at: number;
}

export interface StaffRecord extends StaffSummary {
  secretHash: string;
  failedAttempts: number;
}

const storedPermissions = z.array(permissionSchema);

function toRecord(row: StaffRow): StaffRecord {
  const parsed = storedPermissions.safeParse(JSON.parse(row.permissions));
  return {
    id: row.id,
    name: row.name,
    permissions: parsed.success ? parsed.data : [],
    active: row.active === 1,
    lockedOutUntil: row.locked_out_until,
    createdAt: row.created_at,
    secretHash: row.secret_hash,
    failedAttempts: row.failed_attempts,
  };
}

export function toSummary({ secretHash: _h, failedAttempts: _f, ...summary }: StaffRecord): StaffSummary {
  return summary;
}

/** SQL for staff profiles; every statement touches one row by primary key. */
export class StaffRepository {
  constructor(private readonly db: DatabaseSync) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
  }

  find(id: string): StaffRecord | null {
    const row = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(): StaffRecord[] {
    return (this.db.prepare('SELECT * FROM staff ORDER BY name COLLATE NOCASE').all() as unknown as StaffRow[]).map(toRecord);
  }

  insert(record: { id: string; name: string; secretHash: string; permissions: readonly Permission[]; createdAt: number }): void {
    this.db
      .prepare('INSERT INTO staff (id, name, secret_hash, permissions, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.id, record.name, record.secretHash, JSON.stringify(record.permissions), record.createdAt);
  }

  update(id: string, patch: { name?: string; permissions?: readonly Permission[]; active?: boolean; secretHash?: string }): void {
    const current = this.find(id);
    if (!current) return;
    this.db
      .prepare('UPDATE staff SET name = ?, permissions = ?, active = ?, secret_hash = ? WHERE id = ?')
      .run(
        patch.name ?? current.name,
        JSON.stringify(patch.permissions ?? current.permissions),
        (patch.active ?? current.active) ? 1 : 0,
        patch.secretHash ?? current.secretHash,
        id,
      );
  }

  /**
   * Counts a PIN try before the slow hash is compared, in one statement: parallel guesses each
   * take a try of their own, so no more than `maxAttempts` are ever judged per lock-out window.
   * Returns the try's number, or null when none is left (locked out, or every try is taken).
   */
  reserveAttempt(id: string, now: number, maxAttempts: number): number | null {
    const row = this.db
      .prepare(
        `UPDATE staff SET failed_attempts = failed_attempts + 1
         WHERE id = ? AND (locked_out_until IS NULL OR locked_out_until <= ?) AND failed_attempts < ?
         RETURNING failed_attempts`,
      )
      .get(id, now, maxAttempts) as { failed_attempts: number } | undefined;
    return row ? row.failed_attempts : null;
  }

  /**
   * Starts a lock-out when every try is taken but none has been judged wrong yet (many at once,
   * or the limit was lowered below the count). True if this call started it.
   */
  lockOutWhenFull(id: string, now: number, maxAttempts: number, until: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE staff SET failed_attempts = 0, locked_out_until = ?
         WHERE id = ? AND failed_attempts >= ? AND (locked_out_until IS NULL OR locked_out_until <= ?)`,
      )
      .run(until, id, maxAttempts, now);
    return Number(result.changes) > 0;
  }

  /** Starts a lock-out; the attempt counter restarts so the profile gets fresh tries afterwards. */
  lockOut(id: string, until: number): void {
    this.db.prepare('UPDATE staff SET failed_attempts = 0, locked_out_until = ? WHERE id = ?').run(until, id);
  }

  clearFailures(id: string): void {
    this.db.prepare('UPDATE staff SET failed_attempts = 0, locked_out_until = NULL WHERE id = ?').run(id);
  }

  activeAdminCount(): number {
    return this.list().filter((s) => s.active && s.permissions.includes('adminAccess')).length;
  }
}
