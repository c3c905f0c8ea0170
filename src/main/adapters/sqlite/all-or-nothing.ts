import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs a store method's statements as one unit: a method that writes a row and the figure kept
 * beside it (a balance, the credits held) never leaves one without the other, whether or not the
 * caller opened a transaction and whatever the caller does with an error. Outside a transaction
 * it takes the write lock first, as SqliteStorage does, so another connection cannot slip in
 * between its reads and its writes.
 */
export function allOrNothing<T>(db: DatabaseSync, name: string, work: () => T): T {
  const nested = db.isTransaction;
  db.exec(nested ? `SAVEPOINT ${name}` : 'BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec(nested ? `RELEASE ${name}` : 'COMMIT');
    return result;
  } catch (error) {
    if (nested) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
    } else if (db.isTransaction) {
      db.exec('ROLLBACK');
    }
    throw error;
  }
}
