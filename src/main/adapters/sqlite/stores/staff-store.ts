import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { permissionSchema } from '../../../../shared/contract';
import type { NewStaff, PinAttempt, StaffPatch, StaffRecord, StaffStore } from '../../../core/ports/stores/staff-store';
import type { SyncStore } from '../sync-store';

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

type Statement = 'count' | 'find' | 'list' | 'insert' | 'update' | 'reserve' | 'lockOutWhenFull' | 'lockedOutUntil' | 'lockOut' | 'clearFailures';

/** Owns `staff`; every statement touches one row by primary key, except the counts and the list. */
export class SqliteStaffStore implements SyncStore<StaffStore> {
  private readonly s: Record<Statement, StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      count: db.prepare('SELECT COUNT(*) AS n FROM staff'),
      find: db.prepare('SELECT * FROM staff WHERE id = ?'),
      list: db.prepare('SELECT * FROM staff ORDER BY name COLLATE NOCASE'),
      insert: db.prepare('INSERT INTO staff (id, name, secret_hash, permissions, created_at) VALUES (?, ?, ?, ?, ?)'),
      update: db.prepare(`UPDATE staff SET name = COALESCE(?, name), permissions = COALESCE(?, permissions),
        active = COALESCE(?, active), secret_hash = COALESCE(?, secret_hash) WHERE id = ?`),
      // One statement counts the try, so two guesses at once can never both take the last one.
      reserve: db.prepare(`UPDATE staff SET failed_attempts = failed_attempts + 1
        WHERE id = ? AND (locked_out_until IS NULL OR locked_out_until <= ?) AND failed_attempts < ?
        RETURNING failed_attempts`),
      lockOutWhenFull: db.prepare(`UPDATE staff SET failed_attempts = 0, locked_out_until = ?
        WHERE id = ? AND failed_attempts >= ? AND (locked_out_until IS NULL OR locked_out_until <= ?)`),
      lockedOutUntil: db.prepare('SELECT locked_out_until AS until FROM staff WHERE id = ?'),
      lockOut: db.prepare('UPDATE staff SET failed_attempts = 0, locked_out_until = ? WHERE id = ?'),
      clearFailures: db.prepare('UPDATE staff SET failed_attempts = 0, locked_out_until = NULL WHERE id = ?'),
    };
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  find(id: string): StaffRecord | null {
    const row = this.s.find.get(id) as StaffRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(): StaffRecord[] {
    return (this.s.list.all() as unknown as StaffRow[]).map(toRecord);
  }

  activeAdminCount(): number {
    return this.list().filter((s) => s.active && s.permissions.includes('adminAccess')).length;
  }

  insert(record: NewStaff): void {
    this.s.insert.run(record.id, record.name, record.secretHash, JSON.stringify(record.permissions), record.createdAt);
  }

  update(id: string, patch: StaffPatch): void {
    const active = patch.active === undefined ? null : patch.active ? 1 : 0;
    const permissions = patch.permissions ? JSON.stringify(patch.permissions) : null;
    this.s.update.run(patch.name ?? null, permissions, active, patch.secretHash ?? null, id);
  }

  /** Synchronous from start to end: nothing else runs on this connection in between. */
  reservePinAttempt(id: string, options: { now: number; maxAttempts: number; lockoutUntil: number }): PinAttempt {
    const { now, maxAttempts, lockoutUntil } = options;
    const reserved = this.s.reserve.get(id, now, maxAttempts) as { failed_attempts: number } | undefined;
    if (reserved) return { judged: true, attempt: reserved.failed_attempts };
    const started = Number(this.s.lockOutWhenFull.run(lockoutUntil, id, maxAttempts, now).changes) > 0;
    if (started) return { judged: false, lockedOutUntil: lockoutUntil, startedNow: true };
    const current = this.s.lockedOutUntil.get(id) as { until: number | null } | undefined;
    return { judged: false, lockedOutUntil: current?.until ?? lockoutUntil, startedNow: false };
  }

  lockOut(id: string, until: number): void {
    this.s.lockOut.run(until, id);
  }

  clearFailures(id: string): void {
    this.s.clearFailures.run(id);
  }
}
