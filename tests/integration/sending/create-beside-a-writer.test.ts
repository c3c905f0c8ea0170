import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { createSendingModule } from '../../../src/main/core/sending';
import { createAudiencesModule } from '../../../src/main/core/audiences';
import type { Caller } from '../../../src/main/core/router';
import { ALWAYS_OPEN } from '../../../src/main/app/standalone-engine';

const caller: Caller = { staffId: 'dana', name: 'Dana', permissions: ['sendMassSms'], locked: false };
const ctx = { sessionId: 's', caller };
/** How long the other connection keeps the write lock once it has it. */
const LOCK_HELD_MS = 1_000;

/**
 * Another connection in its own thread, as the sending thread is: when told (through shared
 * memory, so at once), it takes the write lock, says so, and keeps it LOCK_HELD_MS.
 */
const WRITER = `
const { workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
const flag = new Int32Array(workerData.flag);
Atomics.wait(flag, 0, 0);
db.exec('BEGIN IMMEDIATE');
Atomics.store(flag, 0, 2);
Atomics.notify(flag, 0);
Atomics.wait(flag, 0, 2, workerData.holdMs);
db.exec('COMMIT');
db.close();
`;

let dir: string | null = null;
let closeDb: (() => void) | null = null;
afterEach(() => {
  closeDb?.();
  closeDb = null;
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A desk on a file, a saved draft, and a writer that takes the lock when a send is queued (`notify`, as the sending thread starts writing its rows) or when told. */
async function desk() {
  dir = mkdtempSync(join(tmpdir(), 'sms-desk-create-lock-'));
  const file = join(dir, 'desk.sqlite');
  const db = openDatabase(file);
  closeDb = () => db.close();
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('dana', 'Dana', 'h', 1)").run();
  db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES ('+15125550100', 'opted_in', 1)").run();
  const storage = new SqliteStorage(db);
  const settings = new MemorySettingsStore();
  settings.update({ messageOptions: { ...settings.read().messageOptions, header: '', footer: '', availableHours: ALWAYS_OPEN } });
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const writer = new Worker(WRITER, { eval: true, workerData: { file, flag: flag.buffer, holdMs: LOCK_HELD_MS } });
  const writerDone = new Promise((resolve) => writer.once('exit', resolve));
  const takeLock = (): void => {
    if (Atomics.compareExchange(flag, 0, 0, 1) !== 0) return;
    Atomics.notify(flag, 0);
    Atomics.wait(flag, 0, 1, 10_000);
  };
  const sending = createSendingModule({
    storage,
    settings,
    clock: { now: () => Date.now() },
    events: new LocalEventBus(),
    audit: () => undefined,
    carrier: { connect: () => Promise.reject(new Error('nothing is sent here')) },
    engine: () => ({ start: () => undefined, stop: () => Promise.resolve(), notify: takeLock, status: () => ({ paused: {}, inFlight: 0 }) }),
  });
  await sending.ready;
  const audiences = createAudiencesModule({ storage, settings, clock: { now: () => Date.now() }, sends: sending.sends });
  await storage.drafts.put('dana', { to: '(512) 555-0100', body: 'Open gym tonight.' }, 1);
  return {
    storage, sending, audiences, takeLock,
    lockWasTaken: () => Atomics.load(flag, 0) === 2,
    /** Waits for the writer to let go of the lock. */
    finish: () => writerDone,
  };
}

/** The call's answer, and the longest stretch meanwhile in which this thread ran no timer (a 5 ms ticker). */
async function longestGapDuring<T>(call: () => T | Promise<T>): Promise<{ answer: T; longestGapMs: number }> {
  let last = performance.now();
  let longestGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const answer = await call();
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);
  return { answer, longestGapMs };
}

describe('the composer’s writes while the sending thread writes', () => {
  it.each(['sends.create', 'audiences.send'] as const)('%s never holds the main thread waiting for the write lock, and still removes the spent draft', async (channel) => {
    const d = await desk();
    const { answer: queued, longestGapMs } = await longestGapDuring(() => channel === 'sends.create'
      ? d.sending.handlers['sends.create']({ recipients: ['(512) 555-0100'], body: 'Open gym tonight.', timing: { kind: 'now' } }, ctx)
      : d.audiences.handlers['audiences.send']({ audience: { selection: {}, pasted: ['(512) 555-0100'] }, body: 'Open gym tonight.', timing: { kind: 'now' } }, ctx));
    await d.finish();
    // The lock was taken once the send was queued, so removing the draft had to wait for it...
    expect(d.lockWasTaken()).toBe(true);
    expect(queued.batch.recipients).toBe(1);
    expect(await d.storage.drafts.get('dana')).toBeNull();
    // ...without sleeping inside SQLite on this thread: it kept answering everything else.
    expect(longestGapMs).toBeLessThan(LOCK_HELD_MS / 2);
  });

  it('saves a draft (as typing pauses) without holding the main thread while a send is written', async () => {
    const d = await desk();
    d.takeLock();
    const { answer, longestGapMs } = await longestGapDuring(() => d.sending.handlers['drafts.save']({ to: '(512) 555-0100', body: 'Pool closed.' }, ctx));
    await d.finish();
    expect(answer.updatedAt).not.toBeNull();
    expect((await d.storage.drafts.get('dana'))?.body).toBe('Pool closed.');
    expect(longestGapMs).toBeLessThan(LOCK_HELD_MS / 2);
  });
});
