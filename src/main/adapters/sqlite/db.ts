import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from './migrate';
import { migrations } from './migrations';

export type Db = DatabaseSync;

/** Read and write for the account running SMS Desk only: the file holds PIN hashes and phone numbers. */
const OWNER_ONLY = 0o600;
/** How long a write waits for another connection's write lock before it gives up. */
export const BUSY_TIMEOUT_MS = 5_000;

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
  const onDisk = file !== '' && file !== ':memory:' && !file.startsWith('file:');
  if (onDisk) createOwnerOnly(file);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (onDisk) for (const companion of [`${file}-wal`, `${file}-shm`]) if (existsSync(companion)) chmodSync(companion, OWNER_ONLY);
  return db;
}

/**
 * Creates the database file owner-only before SQLite opens it (SQLite gives the -wal and -shm
 * files the database's mode), and tightens a file an older version created open to everyone.
 */
function createOwnerOnly(file: string): void {
  closeSync(openSync(file, 'a', OWNER_ONLY));
  chmodSync(file, OWNER_ONLY);
}
