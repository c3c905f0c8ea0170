import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { MAX_THREAD_MESSAGES, MAX_THREADS_LISTED, type ThreadFilter, type ThreadMessage, type ThreadNote, type ThreadSummary } from '../../../shared/contract';
import type { Mode } from '../../../shared/contract';

import type { Keyword } from '../../../shared/sms/keywords';

export interface InboundReply {
  sid: string;
  phone: string;
  body: string;
  at: number;
  keyword: Keyword | null;
}

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

/** SQL for replies, conversations and notes. Only this file knows the tables. */
export class MessengerRepository {
  private readonly s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p('INSERT OR IGNORE INTO inbound_messages (mode, carrier_sid, phone, body, at, keyword) VALUES (?, ?, ?, ?, ?, ?)'),
      newest: p('SELECT newest_at AS at FROM inbound_sync WHERE mode = ?'),
      setNewest: p('INSERT INTO inbound_sync (mode, newest_at) VALUES (?, ?) ON CONFLICT (mode) DO UPDATE SET newest_at = MAX(newest_at, excluded.newest_at)'),
      // Search: digits of the number, or words anywhere in the family's messages. instr(): the text is data, never a pattern.
      threads: p(`${THREADS}
        WHERE (:digits != '' AND instr(l.phone, :digits) > 0)
           OR (:words != '' AND EXISTS (SELECT 1 FROM inbound_messages w WHERE w.mode = :mode AND w.phone = l.phone AND instr(lower(w.body), :words) > 0))
           OR (:digits = '' AND :words = '')
        ORDER BY l.last_at DESC, l.phone`),
      thread: p(`${THREADS} WHERE l.phone = :phone`),
      inbound: p(`SELECT id, body, at, keyword FROM inbound_messages WHERE mode = ? AND phone = ? ORDER BY id DESC LIMIT ${MAX_THREAD_MESSAGES}`),
      outbound: p(`SELECT o.id, b.text AS body, b.created_at AS at, b.kind, o.state, o.error_message AS problem, s.name AS staffName
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id LEFT JOIN staff s ON s.id = b.created_by
        WHERE o.to_number = ? AND b.mode = ? ORDER BY o.id DESC LIMIT ${MAX_THREAD_MESSAGES}`),
      notes: p('SELECT n.id, n.body, n.at, s.name AS staffName FROM thread_notes n LEFT JOIN staff s ON s.id = n.staff_id WHERE n.mode = ? AND n.phone = ? ORDER BY n.id'),
      addNote: p('INSERT INTO thread_notes (mode, phone, staff_id, body, at) VALUES (?, ?, ?, ?, ?)'),
      lastInboundId: p('SELECT MAX(id) AS id FROM inbound_messages WHERE mode = ? AND phone = ?'),
      markRead: p(`INSERT INTO threads (mode, phone, read_up_to) VALUES (?, ?, ?)
        ON CONFLICT (mode, phone) DO UPDATE SET read_up_to = MAX(read_up_to, excluded.read_up_to)`),
      setHandled: p(`INSERT INTO threads (mode, phone, handled_up_to, handled_at, handled_by) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (mode, phone) DO UPDATE SET handled_up_to = excluded.handled_up_to, handled_at = excluded.handled_at, handled_by = excluded.handled_by`),
      unreadTotal: p(`SELECT COUNT(*) AS n FROM inbound_messages i LEFT JOIN threads t ON t.mode = i.mode AND t.phone = i.phone
        WHERE i.mode = ? AND i.id > COALESCE(t.read_up_to, 0)`),
    };
  }

  private get(name: string): StatementSync {
    const statement = this.s[name];
    if (statement === undefined) throw new Error(`no statement ${name}`);
    return statement;
  }

  /** Keeps a reply unless it is kept already (same carrier SID); true when it is new. */
  insert(mode: Mode, reply: InboundReply): boolean {
    return Number(this.get('insert').run(mode, reply.sid, reply.phone, reply.body, reply.at, reply.keyword).changes) === 1;
  }

  /** The newest reply time read from the carrier's log; the next check starts on that UTC day. */
  newestSeen(mode: Mode): number | null {
    return (this.get('newest').get(mode) as { at: number } | undefined)?.at ?? null;
  }

  recordNewest(mode: Mode, at: number): void {
    this.get('setNewest').run(mode, at);
  }

  threads(mode: Mode, filter: ThreadFilter, search: string): { threads: ThreadSummary[]; total: number } {
    const digits = /^[\d\s()+.-]+$/.test(search.trim()) ? search.replace(/\D/g, '') : '';
    const words = digits === '' ? search.trim().toLowerCase() : '';
    const all = (this.get('threads').all({ mode, digits, words }) as unknown as ThreadRow[]).map(toSummary).filter((t) => matches(t, filter));
    return { threads: all.slice(0, MAX_THREADS_LISTED), total: all.length };
  }

  thread(mode: Mode, phone: string): ThreadSummary & { handledAt: number | null } | null {
    const row = this.get('thread').get({ mode, phone }) as ThreadRow | undefined;
    return row === undefined ? null : { ...toSummary(row), handledAt: row.handledAt };
  }

  /** Both sides of the conversation, oldest first: the family's replies and every text sent to the number. */
  messages(mode: Mode, phone: string): ThreadMessage[] {
    const inbound = (this.get('inbound').all(mode, phone) as Array<{ id: number; body: string; at: number; keyword: Keyword | null }>).map(
      (m): ThreadMessage => ({ direction: 'inbound', ...m }),
    );
    const outbound = (this.get('outbound').all(phone, mode) as unknown as Array<Omit<Extract<ThreadMessage, { direction: 'outbound' }>, 'direction'>>).map(
      (m): ThreadMessage => ({ direction: 'outbound', ...m }),
    );
    return [...inbound, ...outbound].sort((a, b) => a.at - b.at || a.id - b.id).slice(-MAX_THREAD_MESSAGES);
  }

  notes(mode: Mode, phone: string): ThreadNote[] {
    return this.get('notes').all(mode, phone) as unknown as ThreadNote[];
  }

  addNote(mode: Mode, phone: string, staffId: string, body: string, at: number): void {
    this.get('addNote').run(mode, phone, staffId, body, at);
  }

  /** True once the number has texted the business in this mode: there is a conversation to answer. */
  hasTextedIn(mode: Mode, phone: string): boolean {
    return (this.get('lastInboundId').get(mode, phone) as { id: number | null }).id !== null;
  }

  markRead(mode: Mode, phone: string): void {
    const last = (this.get('lastInboundId').get(mode, phone) as { id: number | null }).id;
    if (last !== null) this.get('markRead').run(mode, phone, last);
  }

  /** Handled covers the replies kept so far; one arriving later needs an answer again. */
  setHandled(mode: Mode, phone: string, handled: { at: number; staffId: string } | null): void {
    const upTo = handled === null ? null : (this.get('lastInboundId').get(mode, phone) as { id: number | null }).id;
    this.get('setHandled').run(mode, phone, upTo, handled?.at ?? null, handled?.staffId ?? null);
  }

  unreadTotal(mode: Mode): number {
    return (this.get('unreadTotal').get(mode) as { n: number }).n;
  }
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
