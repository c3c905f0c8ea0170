import type { DatabaseSync } from 'node:sqlite';
import { beginUnit, type Unit } from './all-or-nothing';
import { BUSY_TIMEOUT_MS } from './db';

/** SQLite's answer when another connection holds the write lock. */
const SQLITE_BUSY = 5;
/** The longest pause between two tries: about what SQLite's own busy handler sleeps once it has waited a while. */
const MAX_PAUSE_MS = 20;

const isBusy = (error: unknown): boolean => (error as { errcode?: unknown } | null)?.errcode === SQLITE_BUSY;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Begins an outermost transaction (BEGIN IMMEDIATE) without holding the thread while another
 * connection writes. SQLite's busy_timeout waits by sleeping inside the call: on the main thread
 * that froze every window for as long as the sending thread kept the write lock (a send of
 * 20,000 held it 240-1,130 ms under load, while the thread wrote the previous send's rows).
 * Here the lock is tried without waiting and, while it is busy, tried again after a short pause
 * in which the thread answers everything else; after `timeoutMs` the busy error is thrown, as
 * busy_timeout would have.
 */
export async function beginWhenWritable(db: DatabaseSync, savepoint: string, timeoutMs: number = BUSY_TIMEOUT_MS): Promise<Unit> {
  const giveUpAt = Date.now() + timeoutMs;
  for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS)) {
    db.exec('PRAGMA busy_timeout = 0');
    try {
      return beginUnit(db, savepoint);
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error;
    } finally {
      db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    await pause(pauseMs);
  }
}
