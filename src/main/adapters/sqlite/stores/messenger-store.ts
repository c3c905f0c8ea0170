import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode, ThreadFilter, ThreadNote, ThreadSummary } from '../../../../shared/contract';
import type { Handling, InboundReply, KeptReply, MessengerStore, ThreadQuery, ThreadState } from '../../../core/ports/stores/messenger-store';
import type { SyncStore } from '../sync-store';

interface ThreadRow {
  phone: string;
  lastAt: number;
  lastBody: string;
  unread: number;
  handledAt: number | null;
  handledBy: string | null;
}

/**
 * Per conversation: the family's latest message, how many are unread, and who handled it.
 * Handled counts only if it covered the latest message: a new reply needs an answer again.
 */
const THREADS = `
  WITH latest AS (
    SELECT phone, MAX(id) AS last_id, MAX(at) AS last_at FROM inbound_messages WHERE mode = :mode GROUP BY phone
  )
  SELECT l.phone, l.last_at AS lastAt, m.body AS lastBody,
    (SELECT COUNT(*) FROM inbound_messages u WHERE u.mode = :mode AND u.phone = l.phone AND u.id > COALESCE(t.read_up_to, 0)) AS unread,
    CASE WHEN t.handled_up_to >= l.last_id THEN t.handled_at END AS handledAt,
    CASE WHEN t.handled_up_to >= l.last_id THEN s.name END AS handledBy
  FROM latest l
  JOIN inbound_messages m ON m.id = l.last_id
  LEFT JOIN threads t ON t.mode = :mode AND t.phone = l.phone
  LEFT JOIN staff s ON s.id = t.handled_by`;

type Statement =
  | 'insert' | 'cursor' | 'advanceCursor' | 'threads' | 'thread' | 'replies' | 'notes' | 'addNote'
  | 'lastReplyId' | 'markRead' | 'setHandled' | 'unreadTotal';

/**
 * Owns `inbound_messages`, `threads`, `thread_notes` and `inbound_sync`. Staff names are joined
 * in for display only.
 */
export class SqliteMessengerStore implements SyncStore<MessengerStore> {
  private readonly s: Record<Statement, StatementSync>;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p('INSERT OR IGNORE INTO inbound_messages (mode, carrier_sid, phone, body, at, keyword) VALUES (?, ?, ?, ?, ?, ?)'),
      cursor: p('SELECT newest_at AS at FROM inbound_sync WHERE mode = ?'),
      advanceCursor: p('INSERT INTO inbound_sync (mode, newest_at) VALUES (?, ?) ON CONFLICT (mode) DO UPDATE SET newest_at = MAX(newest_at, excluded.newest_at)'),
      // Search: digits of the number, or words anywhere in the family's messages. instr(): the text is data, never a pattern.
      threads: p(`${THREADS}
        WHERE (:digits != '' AND instr(l.phone, :digits) > 0)
           OR (:words != '' AND EXISTS (SELECT 1 FROM inbound_messages w WHERE w.mode = :mode AND w.phone = l.phone AND instr(lower(w.body), :words) > 0))
           OR (:digits = '' AND :words = '')
        ORDER BY l.last_at DESC, l.phone`),
      thread: p(`${THREADS} WHERE l.phone = :phone`),
      replies: p('SELECT id, body, at, keyword FROM inbound_messages WHERE mode = ? AND phone = ? ORDER BY id DESC LIMIT ?'),
      notes: p('SELECT n.id, n.body, n.at, s.name AS staffName FROM thread_notes n LEFT JOIN staff s ON s.id = n.staff_id WHERE n.mode = ? AND n.phone = ? ORDER BY n.id'),
      addNote: p('INSERT INTO thread_notes (mode, phone, staff_id, body, at) VALUES (?, ?, ?, ?, ?)'),
      lastReplyId: p('SELECT MAX(id) AS id FROM inbound_messages WHERE mode = ? AND phone = ?'),
      markRead: p(`INSERT INTO threads (mode, phone, read_up_to) VALUES (?, ?, ?)
        ON CONFLICT (mode, phone) DO UPDATE SET read_up_to = MAX(read_up_to, excluded.read_up_to)`),
      setHandled: p(`INSERT INTO threads (mode, phone, handled_up_to, handled_at, handled_by) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (mode, phone) DO UPDATE SET handled_up_to = excluded.handled_up_to, handled_at = excluded.handled_at, handled_by = excluded.handled_by`),
      unreadTotal: p(`SELECT COUNT(*) AS n FROM inbound_messages i LEFT JOIN threads t ON t.mode = i.mode AND t.phone = i.phone
        WHERE i.mode = ? AND i.id > COALESCE(t.read_up_to, 0)`),
    };
  }

  recordReplies(mode: Mode, replies: readonly InboundReply[]): InboundReply[] {
    const kept = replies.filter((r) => Number(this.s.insert.run(mode, r.sid, r.phone, r.body, r.at, r.keyword).changes) === 1);
    if (kept.length > 0) this.s.advanceCursor.run(mode, Math.max(...kept.map((r) => r.at)));
    return kept;
  }

  syncCursor(mode: Mode): number | null {
    return (this.s.cursor.get(mode) as { at: number } | undefined)?.at ?? null;
  }

  threads(mode: Mode, query: ThreadQuery, limit: number): { threads: ThreadSummary[]; total: number } {
    const rows = this.s.threads.all({ mode, digits: query.phoneDigits, words: query.words }) as unknown as ThreadRow[];
    const all = rows.map(toSummary).filter((t) => matches(t, query.filter));
    return { threads: all.slice(0, limit), total: all.length };
  }

  thread(mode: Mode, phone: string): ThreadState | null {
    const row = this.s.thread.get({ mode, phone }) as ThreadRow | undefined;
    return row === undefined ? null : { ...toSummary(row), handledAt: row.handledAt };
  }

  replies(mode: Mode, phone: string, limit: number): KeptReply[] {
    return this.s.replies.all(mode, phone, limit) as unknown as KeptReply[];
  }

  hasTextedIn(mode: Mode, phone: string): boolean {
    return lastReplyId(this.s.lastReplyId, mode, phone) !== null;
  }

  unreadTotal(mode: Mode): number {
    return (this.s.unreadTotal.get(mode) as { n: number }).n;
  }

  markRead(mode: Mode, phone: string): void {
    const last = lastReplyId(this.s.lastReplyId, mode, phone);
    if (last !== null) this.s.markRead.run(mode, phone, last);
  }

  setHandled(mode: Mode, phone: string, handling: Handling | null): void {
    const upTo = handling === null ? null : lastReplyId(this.s.lastReplyId, mode, phone);
    this.s.setHandled.run(mode, phone, upTo, handling?.at ?? null, handling?.staffId ?? null);
  }

  notes(mode: Mode, phone: string): ThreadNote[] {
    return this.s.notes.all(mode, phone) as unknown as ThreadNote[];
  }

  addNote(mode: Mode, phone: string, note: { staffId: string; body: string; at: number }): void {
    this.s.addNote.run(mode, phone, note.staffId, note.body, note.at);
  }
}

function lastReplyId(statement: StatementSync, mode: Mode, phone: string): number | null {
  return (statement.get(mode, phone) as { id: number | null }).id;
}

function toSummary(row: ThreadRow): ThreadSummary {
  return { phone: row.phone, lastAt: row.lastAt, lastBody: row.lastBody, unread: row.unread, handled: row.handledAt !== null, handledBy: row.handledBy };
}

function matches(thread: ThreadSummary, filter: ThreadFilter): boolean {
  if (filter === 'unread') return thread.unread > 0;
  if (filter === 'needs_reply') return !thread.handled;
  if (filter === 'handled') return thread.handled;
  return true;
}
