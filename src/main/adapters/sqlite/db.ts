import { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from './migrate';
import { migrations } from './migrations';

export type Db = DatabaseSync;

/**
 * Opens (or creates) the app database. WAL keeps readers off the writer's back;
 * synchronous=FULL makes every committed outbox claim and ledger row survive power loss.
 */
export function openDatabase(file: string): Db {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  applyMigrations(db, migrations);
  return db;
}

/** Runs `work` in one transaction: one fsync for all of it, nothing half-written on a crash. */
export function transaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
