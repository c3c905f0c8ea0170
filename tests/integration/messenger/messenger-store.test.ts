import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import type { InboundReply } from '../../../src/main/core/ports/stores/messenger-store';

// The MessengerStore port as the SQLite adapter keeps it: what any other adapter must also do.

const FAMILY = '+12125550142';
const OTHER = '+16175550199';

function open() {
  const db = openDatabase(':memory:');
  // A staff member to hand conversations to and sign notes with (the staff store owns this table).
  db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('dana', 'Dana', 'x', 0)").run();
  return { db, storage: new SqliteStorage(db) };
}

let sid = 0;
function reply(phone: string, body: string, at: number, keyword: InboundReply['keyword'] = null): InboundReply {
  return { sid: `SM${++sid}`, phone, body, at, keyword };
}

describe('MessengerStore on SQLite', () => {
  it('keeps each reply once, says which were new, and moves the sync cursor only forward, per mode', async () => {
    const { storage } = open();
    const first = reply(FAMILY, 'Is practice on?', 2_000);
    const second = reply(OTHER, 'Running late', 3_000);
    expect(await storage.messenger.syncCursor('sandbox')).toBeNull();

    expect(await storage.messenger.recordReplies('sandbox', [first, second])).toEqual([first, second]);
    const older = reply(FAMILY, 'Sent earlier, read later', 1_000);
    expect(await storage.messenger.recordReplies('sandbox', [first, older, second])).toEqual([older]);
    expect(await storage.messenger.syncCursor('sandbox')).toBe(3_000);

    expect(await storage.messenger.syncCursor('live')).toBeNull();
    expect(await storage.messenger.hasTextedIn('live', FAMILY)).toBe(false);
    expect(await storage.messenger.hasTextedIn('sandbox', FAMILY)).toBe(true);
    // Newest first by the time it was sent, whatever order the log was read in.
    expect((await storage.messenger.replies('sandbox', FAMILY, null, 10)).map((r) => r.body)).toEqual(['Is practice on?', 'Sent earlier, read later']);
    expect((await storage.messenger.replies('sandbox', FAMILY, null, 1)).map((r) => r.body)).toEqual(['Is practice on?']);
  });

  it('keeps nothing, cursor included, when the transaction it was recorded in fails', async () => {
    const { storage } = open();
    await expect(
      storage.transaction(async (tx) => {
        await tx.messenger.recordReplies('sandbox', [reply(FAMILY, 'STOP', 5_000, 'opt_out')]);
        throw new Error('consent could not be written');
      }),
    ).rejects.toThrow('consent could not be written');
    expect(await storage.messenger.syncCursor('sandbox')).toBeNull();
    expect(await storage.messenger.hasTextedIn('sandbox', FAMILY)).toBe(false);
  });

  it('lists conversations by number digits or words, filtered, paged, with read and handled marks', async () => {
    const { storage } = open();
    await storage.messenger.recordReplies('sandbox', [reply(FAMILY, 'Where is the swim meet?', 1_000), reply(OTHER, 'Running late', 2_000)]);
    const all = { filter: 'all', staffId: 'dana', phoneDigits: '', words: [] } as const;

    expect(await storage.messenger.threads('sandbox', all, null, 1)).toEqual({
      threads: [{ phone: OTHER, lastAt: 2_000, lastBody: 'Running late', unread: 1, needsReply: true, handled: false, handledBy: null, handledAt: null, assignedTo: null }],
      next: { lastAt: 2_000, phone: OTHER },
      total: 2,
    });
    expect((await storage.messenger.threads('sandbox', all, { lastAt: 2_000, phone: OTHER }, 1))).toMatchObject({ threads: [{ phone: FAMILY }], next: null, total: 2 });
    expect((await storage.messenger.threads('sandbox', { ...all, phoneDigits: '617555' }, null, 10)).threads.map((t) => t.phone)).toEqual([OTHER]);
    expect((await storage.messenger.threads('sandbox', { ...all, words: ['swi'] }, null, 10)).threads.map((t) => t.phone)).toEqual([FAMILY]);
    expect((await storage.messenger.threads('sandbox', { ...all, words: ['%'] }, null, 10)).total).toBe(0);
    expect(await storage.messenger.unreadTotal('sandbox')).toBe(2);

    await storage.messenger.markRead('sandbox', FAMILY);
    await storage.messenger.setHandled('sandbox', OTHER, { staffId: 'dana', at: 2_500 });
    expect(await storage.messenger.unreadTotal('sandbox')).toBe(1);
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'unread' }, null, 10)).threads.map((t) => t.phone)).toEqual([OTHER]);
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'needs_reply' }, null, 10)).threads.map((t) => t.phone)).toEqual([FAMILY]);
    expect(await storage.messenger.thread('sandbox', OTHER)).toMatchObject({ handled: true, needsReply: false, handledBy: 'Dana', handledAt: 2_500 });

    // Handled covers the replies kept so far: a new one needs an answer again.
    await storage.messenger.recordReplies('sandbox', [reply(OTHER, 'Still there?', 2_000)]);
    expect(await storage.messenger.thread('sandbox', OTHER)).toMatchObject({ handled: false, needsReply: true, handledBy: null, handledAt: null, unread: 2 });
    await storage.messenger.setHandled('sandbox', OTHER, { staffId: 'dana', at: 2_600 });
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'handled' }, null, 10)).total).toBe(1);
    await storage.messenger.setHandled('sandbox', OTHER, null);
    expect((await storage.messenger.threads('sandbox', { ...all, filter: 'handled' }, null, 10)).total).toBe(0);
    expect(await storage.messenger.thread('live', OTHER)).toBeNull();
  });

  it('keeps notes in order with who wrote them, and reads the texts sent to a number without writing them', async () => {
    const { storage } = open();
    await storage.messenger.addNote('sandbox', FAMILY, { staffId: 'dana', body: 'Told mom we take cards.', at: 1_000 });
    await storage.messenger.addNote('sandbox', FAMILY, { staffId: 'dana', body: 'She paid.', at: 2_000 });
    expect(await storage.messenger.notes('sandbox', FAMILY)).toEqual([
      expect.objectContaining({ body: 'Told mom we take cards.', at: 1_000, staffName: 'Dana' }),
      expect.objectContaining({ body: 'She paid.', at: 2_000, staffName: 'Dana' }),
    ]);
    expect(await storage.messenger.notes('live', FAMILY)).toEqual([]);
    expect(await storage.messenger.sentTexts('sandbox', FAMILY, null, 10)).toEqual([]);
  });
});
