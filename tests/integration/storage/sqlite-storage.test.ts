import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';

const fresh = () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-storage-')), 'desk.sqlite'));
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('a', 'Ana', 'h', 1), ('b', 'Ben', 'h', 1)").run();
  return { db, storage: new SqliteStorage(db) };
};

describe('the SQLite storage port', () => {
  it('commits all of a transaction or none of it', async () => {
    const { storage } = fresh();
    await expect(
      storage.transaction(async (tx) => {
        await tx.drafts.put('a', { to: '+12125550142', body: 'Hi' }, 1);
        await tx.registration.update({ phoneAreaCode: '212' }, 1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storage.drafts.get('a')).toBeNull();
    expect((await storage.registration.read()).phoneAreaCode).toBeNull();

    await storage.transaction(async (tx) => {
      await tx.drafts.put('a', { to: '+12125550142', body: 'Hi' }, 1);
      await tx.registration.update({ phoneAreaCode: '212' }, 1);
    });
    expect(await storage.drafts.get('a')).toEqual({ to: '+12125550142', body: 'Hi', updatedAt: 1 });
    expect((await storage.registration.read()).phoneAreaCode).toBe('212');
  });

  it('makes a call from outside wait until an open transaction ends, so it never sees half of it', async () => {
    const { storage } = fresh();
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const tx = storage.transaction(async (t) => {
      await t.drafts.put('a', { to: '', body: 'first half' }, 1);
      await paused; // the transaction awaits something slow, e.g. a network database
      await t.drafts.put('b', { to: '', body: 'second half' }, 1);
    });
    const seen = storage.drafts.get('b');
    let answered = false;
    void seen.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    release();
    await tx;
    expect(await seen).toEqual({ to: '', body: 'second half', updatedAt: 1 });
  });

  it('runs a call from outside at once when no transaction is open or waiting, and keeps the order otherwise', async () => {
    const { db, storage } = fresh();
    const bodyOf = (staff: string) => (db.prepare('SELECT body FROM drafts WHERE staff_id = ?').get(staff) as { body: string } | undefined)?.body;
    // Nothing open: the statement has run before the call returns (no turn of the queue per call).
    const put = storage.drafts.put('a', { to: '', body: 'now' }, 1);
    expect(bodyOf('a')).toBe('now');
    await put;
    // A transaction asked for first still goes first: a later call waits for it, in order.
    const order: string[] = [];
    const tx = storage.transaction(async (t) => {
      await t.drafts.put('b', { to: '', body: 'in tx' }, 1);
      order.push('tx');
    });
    const after = storage.drafts.get('b').then((draft) => order.push(`after:${draft?.body}`));
    expect(bodyOf('b')).toBeUndefined();
    await Promise.all([tx, after]);
    expect(order).toEqual(['tx', 'after:in tx']);
    // Once everything has settled, calls run at once again.
    const again = storage.drafts.put('a', { to: '', body: 'again' }, 2);
    expect(bodyOf('a')).toBe('again');
    await again;
  });

  it('nests a transaction as a savepoint: the inner one can fail alone', async () => {
    const { storage } = fresh();
    await storage.transaction(async (tx) => {
      await tx.drafts.put('a', { to: '', body: 'kept' }, 1);
      await expect(
        tx.transaction(async (inner) => {
          await inner.drafts.put('b', { to: '', body: 'undone' }, 1);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    expect(await storage.drafts.get('a')).toMatchObject({ body: 'kept' });
    expect(await storage.drafts.get('b')).toBeNull();
  });

  it('turns a store error into a rejected promise, and the next call still works', async () => {
    const { storage } = fresh();
    await expect(storage.drafts.put('nobody', { to: '', body: 'x' }, 1)).rejects.toThrow(/FOREIGN KEY/);
    await storage.drafts.put('a', { to: '', body: 'x' }, 2);
    expect(await storage.drafts.get('a')).toMatchObject({ updatedAt: 2 });
  });
});
