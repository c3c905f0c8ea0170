import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';

/** A new database with one staff member ('a'), and the storage port over it. */
export function freshBook() {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-contacts-')), 'desk.sqlite'));
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('a', 'Ana', 'h', 1)").run();
  return { db, storage: new SqliteStorage(db) };
}
