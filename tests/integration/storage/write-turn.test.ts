import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { beginWhenWritable } from '../../../src/main/adapters/sqlite/write-turn';

/**
 * Another connection, in another thread (as the sending thread is), that takes the write lock,
 * says so, and keeps it until told to let go.
 */
function lockHolder(file: string): { locked: Promise<void>; release(): Promise<void>; worker: Worker } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const { DatabaseSync } = require('node:sqlite');
     const db = new DatabaseSync(workerData);
     db.exec('BEGIN IMMEDIATE');
     db.exec("INSERT INTO audit_log (staff_id, action, detail, override, at) VALUES (NULL, 'lock', 'held by the other connection', 0, 1)");
     parentPort.postMessage('locked');
     parentPort.once('message', () => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); });`,
    { eval: true, workerData: file },
  );
  const next = (): Promise<unknown> => new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const locked = next().then(() => undefined);
  return {
    worker,
    locked,
    release: async () => {
      const released = next();
      worker.postMessage('go');
      await released;
    },
  };
}

describe('a transaction waiting for another connection’s write lock', () => {
  let dir: string | null = null;
  const workers: Worker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.terminate()));
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  function desk(): { file: string; storage: SqliteStorage; db: ReturnType<typeof openDatabase> } {
    dir = mkdtempSync(join(tmpdir(), 'sms-desk-write-turn-'));
    const file = join(dir, 'desk.sqlite');
    const db = openDatabase(file);
    return { file, db, storage: new SqliteStorage(db) };
  }

  it('leaves the thread free to answer meanwhile, then runs once the lock is let go', async () => {
    const { file, db, storage } = desk();
    const holder = lockHolder(file);
    workers.push(holder.worker);
    await holder.locked;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    let lockWasLetGo = false;
    const writing = storage.transaction(async (tx) => {
      // Runs only once this connection holds the lock: the other one has committed.
      expect(lockWasLetGo).toBe(true);
      await tx.audit.append({ at: 2, staffId: null, action: 'after', detail: 'written once the lock was free', override: false });
    });
    // While the transaction waits, timers keep firing on time on this thread.
    const ticks: number[] = [];
    for (let i = 0; i < 10; i++) {
      const at = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      ticks.push(performance.now() - at);
    }
    lockWasLetGo = true;
    await holder.release();
    await writing;
    delay.disable();
    // SQLite's own busy wait sleeps inside the call: this thread would have been held until busy_timeout
    // (5 s), since the lock is let go only after these timers. The bound leaves room for a busy machine.
    expect(delay.max / 1e6).toBeLessThan(1_000);
    expect(Math.max(...ticks)).toBeLessThan(1_000);
    const actions = db.prepare('SELECT action FROM audit_log ORDER BY id').all().map((row) => (row as { action: string }).action);
    expect(actions).toEqual(['lock', 'after']);
  });

  it('gives up with SQLite’s busy error once it has waited its time', async () => {
    const { file, db } = desk();
    const holder = lockHolder(file);
    workers.push(holder.worker);
    await holder.locked;
    await expect(beginWhenWritable(db, 'sp1', 150)).rejects.toMatchObject({ errcode: 5 });
    expect(db.isTransaction).toBe(false);
    await holder.release();
    const unit = await beginWhenWritable(db, 'sp1', 150);
    expect(db.isTransaction).toBe(true);
    unit.rollback();
    // Its usual patience is back for every other statement.
    expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 5_000 });
  });
});
