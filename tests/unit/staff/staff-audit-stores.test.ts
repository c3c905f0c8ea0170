import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';

const NOW = 1_700_000_000_000;
const UNTIL = NOW + 15 * 60_000;

async function withSam() {
  const storage = new SqliteStorage(openDatabase(':memory:'));
  await storage.staff.insert({ id: 'sam', name: 'Sam', secretHash: 'hash', permissions: ['sendMassSms'], createdAt: NOW });
  return storage;
}

describe('the staff store', () => {
  it('hands out each PIN try once, however many are asked for at once', async () => {
    const storage = await withSam();
    const answers = await Promise.all(Array.from({ length: 40 }, () => storage.staff.reservePinAttempt('sam', { now: NOW, maxAttempts: 5, lockoutUntil: UNTIL })));
    const judged = answers.flatMap((a) => (a.judged ? [a.attempt] : []));
    expect(judged.sort()).toEqual([1, 2, 3, 4, 5]);
    // The first try past the limit starts the lock-out; every later one is told when it ends.
    expect(answers.filter((a) => !a.judged && a.startedNow)).toHaveLength(1);
    expect(answers.filter((a) => !a.judged).every((a) => !a.judged && a.lockedOutUntil === UNTIL)).toBe(true);
    expect(await storage.staff.find('sam')).toMatchObject({ failedAttempts: 0, lockedOutUntil: UNTIL });
  });

  it('gives fresh tries once the lock-out is over, and after the failures are cleared', async () => {
    const storage = await withSam();
    await storage.staff.lockOut('sam', UNTIL);
    expect(await storage.staff.reservePinAttempt('sam', { now: UNTIL - 1, maxAttempts: 5, lockoutUntil: UNTIL + 1 })).toEqual({ judged: false, lockedOutUntil: UNTIL, startedNow: false });
    expect(await storage.staff.reservePinAttempt('sam', { now: UNTIL, maxAttempts: 5, lockoutUntil: UNTIL + 1 })).toEqual({ judged: true, attempt: 1 });
    await storage.staff.clearFailures('sam');
    expect(await storage.staff.find('sam')).toMatchObject({ failedAttempts: 0, lockedOutUntil: null });
  });

  it('changes only the fields a patch names', async () => {
    const storage = await withSam();
    await storage.staff.update('sam', { active: false });
    expect(await storage.staff.find('sam')).toMatchObject({ name: 'Sam', permissions: ['sendMassSms'], active: false, secretHash: 'hash' });
    await storage.staff.update('sam', { name: 'Samantha', permissions: ['adminAccess'], active: true, secretHash: 'new' });
    expect(await storage.staff.find('sam')).toMatchObject({ name: 'Samantha', permissions: ['adminAccess'], active: true, secretHash: 'new' });
    expect(await storage.staff.activeAdminCount()).toBe(1);
  });
});

describe('the audit store', () => {
  it('lists newest first with the staff name, a page at a time', async () => {
    const storage = await withSam();
    for (const action of ['a', 'b', 'c']) await storage.audit.append({ at: NOW, staffId: 'sam', action, detail: '', override: action === 'b' });
    const page = await storage.audit.list({ limit: 2 });
    expect(page.map((e) => [e.action, e.staffName, e.override])).toEqual([['c', 'Sam', false], ['b', 'Sam', true]]);
    expect((await storage.audit.list({ beforeId: page[1]!.id, limit: 2 })).map((e) => e.action)).toEqual(['a']);
  });

  it('writes an entry with the rest of a transaction, or not at all', async () => {
    const storage = await withSam();
    await expect(
      storage.transaction(async (tx) => {
        await tx.staff.lockOut('sam', UNTIL);
        await tx.audit.append({ at: NOW, staffId: 'sam', action: 'session.lockedOut', detail: '', override: false });
        throw new Error('gave up');
      }),
    ).rejects.toThrow('gave up');
    expect(await storage.audit.list({ limit: 10 })).toEqual([]);
    expect(await storage.staff.find('sam')).toMatchObject({ lockedOutUntil: null });
  });
});
