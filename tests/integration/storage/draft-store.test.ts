import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';

const fresh = () => {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'sms-desk-drafts-')), 'desk.sqlite'));
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('a', 'Ana', 'h', 1)").run();
  return { db, storage: new SqliteStorage(db) };
};

describe('the draft store', () => {
  it('keeps the classes, tags and families picked in Compose with the draft', async () => {
    const { storage } = fresh();
    await storage.drafts.put('a', { to: '', body: 'Pool closed', selection: { classes: [3, 4], tags: [7], families: [12] } }, 1);
    expect(await storage.drafts.get('a')).toEqual({ to: '', body: 'Pool closed', selection: { classes: [3, 4], tags: [7], families: [12] }, updatedAt: 1 });

    // Picking nobody again clears it.
    await storage.drafts.put('a', { to: '+12125550142', body: 'Pool closed' }, 2);
    expect(await storage.drafts.get('a')).toEqual({ to: '+12125550142', body: 'Pool closed', updatedAt: 2 });
  });

  it('drops a stored choice the contract does not accept, and still opens the draft', async () => {
    const { db, storage } = fresh();
    await storage.drafts.put('a', { to: '', body: 'Hi', selection: { classes: [1] } }, 1);
    db.prepare(`UPDATE drafts SET selection = '{"classes":["swim"],"rooms":[1]}' WHERE staff_id = 'a'`).run();
    expect(await storage.drafts.get('a')).toEqual({ to: '', body: 'Hi', updatedAt: 1 });
  });
});
