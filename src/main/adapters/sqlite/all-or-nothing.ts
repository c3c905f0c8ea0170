import type { DatabaseSync } from 'node:sqlite';

/** A unit of work begun on a connection: commit it, or roll back everything since it began. */
export interface Unit {
  commit(): void;
  rollback(): void;
}

/**
 * Begins a unit of work: a savepoint named `savepoint` inside an open transaction, otherwise a
 * transaction that takes the write lock first (BEGIN IMMEDIATE), so another connection cannot
 * slip in between its reads and its writes. The one place that spells these statements.
 */
export function beginUnit(db: DatabaseSync, savepoint: string): Unit {
  const nested = db.isTransaction;
  db.exec(nested ? `SAVEPOINT ${savepoint}` : 'BEGIN IMMEDIATE');
  return {
    commit: () => db.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT'),
    rollback: () => {
      if (nested) {
        db.exec(`ROLLBACK TO ${savepoint}`);
        db.exec(`RELEASE ${savepoint}`);
      } else if (db.isTransaction) {
        db.exec('ROLLBACK');
      }
    },
  };
}

/**
 * Runs a store method's statements as one unit: a method that writes a row and the figure kept
 * beside it (a balance, the credits held) never leaves one without the other, whether or not the
 * caller opened a transaction and whatever the caller does with an error.
 */
export function allOrNothing<T>(db: DatabaseSync, name: string, work: () => T): T {
  const unit = beginUnit(db, name);
  try {
    const result = work();
    unit.commit();
    return result;
  } catch (error) {
    unit.rollback();
    throw error;
  }
}
