import { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from './migrate';
import { migrations } from './migrations';

export type Db = DatabaseSync;

/**
 * Opens (or creates) the app database. WAL keeps readers off the writer's back;
 * synchronous=FULL makes every committed outbox claim and ledger row survive power loss.
 */
export function openDatabase(file: string): Db {
  const db = openConnection(file);
  applyMigrations(db, migrations);
  return db;
}

/**
 * A second connection to a database already opened (and migrated) by openDatabase: the sending
 * thread's. SQLite serializes the two connections' writes; busy_timeout makes each wait its turn.
 */
export function openConnection(file: string): Db {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/** Kept here too for adapter code and tests; the core owns the definition. */
export { transaction } from '../../core/transaction';
