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

  it('pages a conversation by time, both sides together, and a send leaves the conversation summary as it was', async () => {
    const { db, storage } = open();
    await storage.messenger.recordReplies('sandbox', [reply(FAMILY, 'First', 1_000), reply(FAMILY, 'Second', 3_000)]);
    db.prepare(`INSERT INTO send_batches (id, mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
      VALUES (1, 'sandbox', 'reply', 'Answer', 'Answer', 1, '[]', 1, 0, 14400, 2_000)`).run();
    db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at, mode) VALUES (1, ?, 1, 2_000, 'sandbox')").run(FAMILY);
    expect(await storage.messenger.thread('sandbox', FAMILY)).toMatchObject({ lastAt: 3_000, lastBody: 'Second', unread: 2 });

    const newest = [...(await storage.messenger.replies('sandbox', FAMILY, null, 2)).map((r) => r.body), ...(await storage.messenger.sentTexts('sandbox', FAMILY, null, 2)).map((t) => t.body)];
    expect(newest).toEqual(['Second', 'First', 'Answer']);
    const before = { at: 2_000, direction: 'outbound', id: 1 } as const;
    expect((await storage.messenger.replies('sandbox', FAMILY, before, 5)).map((r) => r.body)).toEqual(['First']);
    expect(await storage.messenger.sentTexts('sandbox', FAMILY, before, 5)).toEqual([]);
    // At the same time a family's reply sorts before the answer to it.
    expect((await storage.messenger.replies('sandbox', FAMILY, { at: 3_000, direction: 'outbound', id: 0 }, 5)).map((r) => r.body)).toEqual(['Second', 'First']);
  });

  it('reads a page of the list, the unread total, a conversation and marks through indexes, never every reply', async () => {
    const { db, storage } = open();
    await storage.messenger.recordReplies('sandbox', [reply(FAMILY, 'Hi', 1_000)]);
    const plan = (sql: string, ...params: Array<string | number | null>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    const filters = { all: 't.last_reply_id > 0', unread: 't.unread > 0', needs_reply: 't.last_reply_id > COALESCE(t.handled_up_to, 0)', handled: 't.last_reply_id > 0 AND t.handled_up_to >= t.last_reply_id' };
    for (const [name, where] of Object.entries(filters)) {
      const page = plan(`SELECT t.phone FROM threads t WHERE t.mode = 'sandbox' AND ${where} AND (t.last_at, t.phone) < (5000, '+1') ORDER BY t.last_at DESC, t.phone DESC LIMIT 50`);
      expect(page, name).toMatch(new RegExp(`USING (COVERING )?INDEX threads_${name === 'all' ? 'recent' : name}`));
      expect(page, name).not.toMatch(/TEMP B-TREE|inbound_messages/);
    }
    expect(plan("SELECT t.phone FROM threads t WHERE t.mode = 'sandbox' AND t.assigned_to IS NOT NULL AND t.assigned_to = 'dana' AND t.last_reply_id > 0 ORDER BY t.last_at DESC, t.phone DESC LIMIT 50")).toMatch(/INDEX threads_assigned/);
    expect(plan("UPDATE threads SET unread = 0 WHERE mode = 'sandbox' AND phone = '+1' AND unread > 0")).toMatch(/USING INDEX sqlite_autoindex_threads_1/);
  });

  it('keeps each filter\'s total and the unread total true through replies, reads, handling, reopening and assigning, per mode', async () => {
    const { db, storage } = open();
    db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('mia', 'Mia', 'x', 0)").run();
    // mulberry32: the same mix of steps on every run.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const phones = Array.from({ length: 12 }, (_, i) => `+1212555${String(1000 + i)}`);
    const modes = ['sandbox', 'live'] as const;
    for (let step = 0; step < 400; step++) {
      const mode = modes[next(2)]!;
      const phone = phones[next(phones.length)]!;
      const action = next(6);
      if (action <= 1) await storage.messenger.recordReplies(mode, [reply(phone, `Message ${step}`, 1_000 + step)]);
      if (action === 2) await storage.messenger.markRead(mode, phone);
      if (action === 3) await storage.messenger.setHandled(mode, phone, next(3) === 0 ? null : { staffId: 'dana', at: step });
      if (action === 4) await storage.messenger.assign(mode, phone, next(3) === 0 ? null : { staffId: next(2) === 0 ? 'dana' : 'mia', at: step });
      if (action === 5) await storage.messenger.addNote(mode, phone, { staffId: 'dana', body: 'note', at: step });
    }
    const totals: number[] = [];
    for (const mode of modes) {
      for (const filter of ['all', 'unread', 'needs_reply', 'handled', 'assigned_to_me'] as const) {
        for (const staffId of ['dana', 'mia']) {
          const page = await storage.messenger.threads(mode, { filter, staffId, words: [], phoneDigits: '' }, null, 100);
          expect(page.total, `${mode} ${filter} ${staffId}`).toBe(page.threads.length);
          totals.push(page.total);
        }
      }
      const counted = db.prepare('SELECT COUNT(*) AS n FROM inbound_messages i JOIN threads t ON t.mode = i.mode AND t.phone = i.phone WHERE i.mode = ? AND i.id > t.read_up_to').get(mode) as { n: number };
      expect(await storage.messenger.unreadTotal(mode)).toBe(counted.n);
    }
    // The steps reached every filter: none of the totals compared is trivially empty.
    expect(totals.filter((n) => n === 0)).toEqual([]);
  });
});
