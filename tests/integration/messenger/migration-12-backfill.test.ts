import { mkdtempSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src/main/adapters/sqlite/migrate';
import { migrations } from '../../../src/main/adapters/sqlite/migrations';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';

// A desk that already has a year of replies opens with migration 12: each conversation's summary,
// the kept counts and the search index are filled from the rows already there.

describe('migration 12 on a desk with replies', () => {
  it('fills each conversation\'s summary, the counts and the search index from what was there', async () => {
    const db = new DatabaseSync(join(mkdtempSync(join(tmpdir(), 'sms-desk-m12-')), 'desk.sqlite'));
    db.exec('PRAGMA foreign_keys = ON');
    applyMigrations(db, migrations.filter((m) => m.id <= 11));
    db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('dana', 'Dana', 'x', 0)").run();
    const reply = db.prepare("INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at) VALUES (?, ?, ?, ?, ?)");
    reply.run('sandbox', 'SM1', '+12125550142', 'Is swim practice on?', 1_000);
    reply.run('sandbox', 'SM2', '+12125550142', 'Hello again', 2_000);
    reply.run('sandbox', 'SM3', '+16175550199', 'Running late', 3_000);
    reply.run('live', 'SM4', '+16175550199', 'Live reply', 4_000);
    // Read up to the first reply, handled up to the second (before migration 12 these rows came with a mark only).
    db.prepare("INSERT INTO threads (mode, phone, read_up_to, handled_up_to, handled_at, handled_by) VALUES ('sandbox', '+12125550142', 1, 2, 2_500, 'dana')").run();
    db.prepare(`INSERT INTO send_batches (id, mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
      VALUES (1, 'sandbox', 'mass', 'Pool closed', 'Pool closed Monday', 1, '[]', 1, 1, 14400, 500)`).run();
    db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at, mode) VALUES (1, '+12125550142', 1, 500, 'sandbox')").run();

    applyMigrations(db, migrations);
    const storage = new SqliteStorage(db);
    const all = { filter: 'all', staffId: 'dana', words: [], phoneDigits: '' } as const;
    const page = await storage.messenger.threads('sandbox', all, null, 10);
    expect(page.total).toBe(2);
    expect(page.threads).toEqual([
      expect.objectContaining({ phone: '+16175550199', lastAt: 3_000, lastBody: 'Running late', unread: 1, needsReply: true }),
      expect.objectContaining({ phone: '+12125550142', lastAt: 2_000, lastBody: 'Hello again', unread: 1, handled: true, handledBy: 'Dana' }),
    ]);
    expect(await storage.messenger.unreadTotal('sandbox')).toBe(2);
    expect(await storage.messenger.unreadTotal('live')).toBe(1);
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'handled' }, null, 10)).total).toBe(1);
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'needs_reply' }, null, 10)).total).toBe(1);
    const search = (words: string[]) => storage.messenger.search('sandbox', { words, phoneDigits: '' }, null, 10);
    expect((await search(['swim'])).map((h) => h.body)).toEqual(['Is swim practice on?']);
    expect((await search(['pool'])).map((h) => ({ body: h.body, direction: h.direction }))).toEqual([{ body: 'Pool closed Monday', direction: 'outbound' }]);
    expect(await search(['live'])).toEqual([]);
  });
});
