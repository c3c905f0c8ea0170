import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode, ThreadFilter, ThreadNote } from '../../../../shared/contract';
import {
  type Handling, type InboundReply, type KeptReply, type MessageCursor, type MessengerStore, type SearchCursor, type SearchQuery,
  type SearchRecord, type SentText, type ThreadCursor, type ThreadListQuery, type ThreadRecord,
} from '../../../core/ports/stores/messenger-store';
import type { SyncStore } from '../sync-store';
import { ftsMatch } from './messenger-search-terms';

/**
 * Which conversations each filter lists. Each condition is word for word the WHERE of its
 * partial index in migration 12, so a page reads only the rows it shows.
 */
const FILTERS: Record<ThreadFilter, string> = {
  all: 't.last_reply_id > 0',
  unread: 't.unread > 0',
  needs_reply: 't.last_reply_id > COALESCE(t.handled_up_to, 0)',
  handled: 't.last_reply_id > 0 AND t.handled_up_to >= t.last_reply_id',
  assigned_to_me: 't.assigned_to IS NOT NULL AND t.assigned_to = :staff AND t.last_reply_id > 0',
};

const THREAD_COLUMNS = `t.phone, t.last_at AS lastAt, t.last_body AS lastBody, t.unread, t.last_reply_id AS lastReplyId,
  t.handled_up_to AS handledUpTo, t.handled_at AS handledAt, h.name AS handledBy, t.assigned_to AS assignedId, a.name AS assignedName`;
const THREAD_JOINS = 'LEFT JOIN staff h ON h.id = t.handled_by LEFT JOIN staff a ON a.id = t.assigned_to';

/**
 * A search ranks the newest this-many matching messages: enough for any one search a person
 * reads, and it keeps a search for a common word as quick as one for a rare word.
 */
const RANKED_WINDOW = 1_000;

interface ThreadRow {
  phone: string;
  lastAt: number;
  lastBody: string;
  unread: number;
  lastReplyId: number;
  handledUpTo: number | null;
  handledAt: number | null;
  handledBy: string | null;
  assignedId: string | null;
  assignedName: string | null;
}

/** Messages older than the cursor in (time, inbound before outbound, id) order; every row when the cursor is null. */
const cursorParams = (before: MessageCursor | null) => ({
  at: before?.at ?? null,
  dir: before === null ? null : before.direction === 'inbound' ? 0 : 1,
  id: before?.id ?? null,
});

/**
 * Owns `inbound_messages`, `threads`, `thread_notes`, `inbound_sync`, `thread_counts` and
 * `message_search` (summary columns, counts and search rows are kept by migration 12's triggers
 * as messages and conversations are written). Staff names, and the texts sent to a number, are read for display only.
 */
export class SqliteMessengerStore implements SyncStore<MessengerStore> {
  private readonly s: Record<string, StatementSync>;
  private readonly lists = new Map<string, { page: StatementSync; count: StatementSync }>();

  constructor(private readonly db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p('INSERT OR IGNORE INTO inbound_messages (mode, carrier_sid, phone, body, at, keyword) VALUES (?, ?, ?, ?, ?, ?)'),
      cursor: p('SELECT newest_at AS at FROM inbound_sync WHERE mode = ?'),
      keptSids: p('SELECT carrier_sid AS sid FROM inbound_messages WHERE carrier_sid IN (SELECT value FROM json_each(?))'),
      advanceCursor: p('INSERT INTO inbound_sync (mode, newest_at) VALUES (?, ?) ON CONFLICT (mode) DO UPDATE SET newest_at = MAX(newest_at, excluded.newest_at)'),
      thread: p(`SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE t.mode = ? AND t.phone = ? AND t.last_reply_id > 0`),
      replies: p(`SELECT id, body, at, keyword FROM inbound_messages
        WHERE mode = :mode AND phone = :phone AND (:at IS NULL OR (at, 0, id) < (:at, :dir, :id))
        ORDER BY at DESC, id DESC LIMIT :limit`),
      sent: p(`SELECT o.id, COALESCE(o.text, b.text) AS body, b.created_at AS at, b.kind, o.state, o.error_message AS problem, s.name AS staffName
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id LEFT JOIN staff s ON s.id = b.created_by
        WHERE o.to_number = :phone AND o.mode = :mode AND (:at IS NULL OR (b.created_at, 1, o.id) < (:at, :dir, :id))
        ORDER BY b.created_at DESC, o.id DESC LIMIT :limit`),
      notes: p('SELECT n.id, n.body, n.at, s.name AS staffName FROM thread_notes n LEFT JOIN staff s ON s.id = n.staff_id WHERE n.mode = ? AND n.phone = ? ORDER BY n.id'),
      addNote: p('INSERT INTO thread_notes (mode, phone, staff_id, body, at) VALUES (?, ?, ?, ?, ?)'),
      hasTextedIn: p('SELECT 1 AS yes FROM threads WHERE mode = ? AND phone = ? AND last_reply_id > 0'),
      markRead: p('UPDATE threads SET read_up_to = last_reply_id, unread = 0 WHERE mode = ? AND phone = ? AND unread > 0'),
      setHandled: p(`UPDATE threads SET handled_up_to = CASE WHEN :on THEN last_reply_id END, handled_at = :at, handled_by = :staff
        WHERE mode = :mode AND phone = :phone`),
      assign: p('UPDATE threads SET assigned_to = ?, assigned_at = ? WHERE mode = ? AND phone = ?'),
      // Ranked among the newest RANKED_WINDOW matches (FTS5 walks them newest first without scoring
      // the rest): bm25, lower is better; equal scores newest first. The cursor resumes after the last hit shown.
      search: p(`SELECT row, score FROM (
          SELECT rowid AS row, bm25(message_search) AS score FROM message_search
          WHERE message_search MATCH :match AND (rowid & 1) = :live ORDER BY rowid DESC LIMIT ${RANKED_WINDOW})
        WHERE :score IS NULL OR score > :score OR (score = :score AND row < :row)
        ORDER BY score, row DESC LIMIT :limit`),
      // The texts of just the hits shown, by rowid (no second full-text match).
      bodies: p('SELECT rowid AS row, body, phone, at FROM message_search WHERE rowid IN (SELECT value FROM json_each(?))'),
      count: p('SELECT n FROM thread_counts WHERE mode = ? AND key = ?'),
      phoneHits: p(`SELECT t.phone, t.last_at AS at, t.last_body AS body FROM threads t
        WHERE t.mode = ? AND t.last_reply_id > 0 AND instr(t.phone, ?) > 0 ORDER BY t.last_at DESC, t.phone DESC LIMIT ?`),
    };
  }

  recordReplies(mode: Mode, replies: readonly InboundReply[]): InboundReply[] {
    const kept = replies.filter((r) => Number(this.s.insert!.run(mode, r.sid, r.phone, r.body, r.at, r.keyword).changes) === 1);
    if (kept.length > 0) this.s.advanceCursor!.run(mode, Math.max(...kept.map((r) => r.at)));
    return kept;
  }

  keptSids(sids: readonly string[]): string[] {
    return (this.s.keptSids!.all(JSON.stringify(sids)) as Array<{ sid: string }>).map((r) => r.sid);
  }

  syncCursor(mode: Mode): number | null {
    return (this.s.cursor!.get(mode) as { at: number } | undefined)?.at ?? null;
  }

  threads(mode: Mode, query: ThreadListQuery, cursor: ThreadCursor | null, limit: number): { threads: ThreadRecord[]; next: ThreadCursor | null; total: number } {
    const match = ftsMatch(query.words);
    const { page, count } = this.list(query.filter, match !== null, query.phoneDigits !== '');
    const params = {
      mode, staff: query.staffId, digits: query.phoneDigits, match: match ?? '',
      lastAt: cursor?.lastAt ?? null, phone: cursor?.phone ?? '', limit: limit + 1,
    };
    const rows = page.all(params) as unknown as ThreadRow[];
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      threads: shown.map(toRecord),
      next: more && last !== undefined ? { lastAt: last.lastAt, phone: last.phone } : null,
      // Kept counts when the filter alone decides; counted only under a search.
      total: match === null && query.phoneDigits === '' ? this.kept(mode, query.filter === 'assigned_to_me' ? `assigned:${query.staffId}` : query.filter) : (count.get(params) as { n: number }).n,
    };
  }

  thread(mode: Mode, phone: string): ThreadRecord | null {
    const row = this.s.thread!.get(mode, phone) as ThreadRow | undefined;
    return row === undefined ? null : toRecord(row);
  }

  replies(mode: Mode, phone: string, before: MessageCursor | null, limit: number): KeptReply[] {
    return this.s.replies!.all({ mode, phone, limit, ...cursorParams(before) }) as unknown as KeptReply[];
  }

  sentTexts(mode: Mode, phone: string, before: MessageCursor | null, limit: number): SentText[] {
    return this.s.sent!.all({ mode, phone, limit, ...cursorParams(before) }) as unknown as SentText[];
  }

  hasTextedIn(mode: Mode, phone: string): boolean {
    return this.s.hasTextedIn!.get(mode, phone) !== undefined;
  }

  unreadTotal(mode: Mode): number {
    return this.kept(mode, 'unread_messages');
  }

  /** One of the counts migration 12's triggers keep (thread_counts); 0 before the first. */
  private kept(mode: Mode, key: string): number {
    return (this.s.count!.get(mode, key) as { n: number } | undefined)?.n ?? 0;
  }

  search(mode: Mode, query: SearchQuery, cursor: SearchCursor | null, limit: number): SearchRecord[] {
    const phones: SearchRecord[] = cursor === null && query.phoneDigits !== ''
      ? (this.s.phoneHits!.all(mode, query.phoneDigits, limit) as Array<{ phone: string; at: number; body: string }>)
        .map((t) => ({ phone: t.phone, direction: null, messageId: null, at: t.at, body: t.body, cursor: null }))
      : [];
    const match = ftsMatch(query.words);
    if (match === null) return phones;
    const ranked = this.s.search!.all({ match, live: mode === 'live' ? 1 : 0, score: cursor?.score ?? null, row: cursor?.row ?? null, limit }) as Array<{ row: number; score: number }>;
    const found = new Map((this.s.bodies!.all(JSON.stringify(ranked.map((r) => r.row))) as Array<{
      row: number; phone: string; at: number; body: string;
    }>).map((h) => [h.row, h]));
    return [...phones, ...ranked.flatMap((r): SearchRecord[] => {
      const h = found.get(r.row);
      if (h === undefined) return [];
      // The rowid says which message: id * 4, + 2 for a text sent, + 1 in live mode (migration 12).
      const direction = (r.row & 2) === 0 ? 'inbound' : 'outbound';
      return [{ phone: h.phone, direction, messageId: Math.floor(r.row / 4), at: h.at, body: h.body, cursor: { score: r.score, row: r.row } }];
    })];
  }

  markRead(mode: Mode, phone: string): void {
    this.s.markRead!.run(mode, phone);
  }

  setHandled(mode: Mode, phone: string, handling: Handling | null): void {
    this.s.setHandled!.run({ on: handling === null ? 0 : 1, at: handling?.at ?? null, staff: handling?.staffId ?? null, mode, phone });
  }

  assign(mode: Mode, phone: string, assignment: { staffId: string; at: number } | null): void {
    this.s.assign!.run(assignment?.staffId ?? null, assignment?.at ?? null, mode, phone);
  }

  notes(mode: Mode, phone: string): ThreadNote[] {
    return this.s.notes!.all(mode, phone) as unknown as ThreadNote[];
  }

  addNote(mode: Mode, phone: string, note: { staffId: string; body: string; at: number }): void {
    this.s.addNote!.run(mode, phone, note.staffId, note.body, note.at);
  }

  /** The page and count statements for one filter, with or without the words and digits limits; prepared once. */
  private list(filter: ThreadFilter, withWords: boolean, withDigits: boolean): { page: StatementSync; count: StatementSync } {
    const key = `${filter}:${withWords}:${withDigits}`;
    let statements = this.lists.get(key);
    if (statements === undefined) {
      const where = [
        't.mode = :mode',
        FILTERS[filter],
        ...(withDigits ? ['instr(t.phone, :digits) > 0'] : []),
        ...(withWords ? ["t.phone IN (SELECT phone FROM message_search WHERE message_search MATCH :match AND (rowid & 1) = (:mode = 'live'))"] : []),
      ].join(' AND ');
      statements = {
        page: this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS}
          WHERE ${where} AND (:lastAt IS NULL OR (t.last_at, t.phone) < (:lastAt, :phone))
          ORDER BY t.last_at DESC, t.phone DESC LIMIT :limit`),
        count: this.db.prepare(`SELECT COUNT(*) AS n FROM threads t WHERE ${where}`),
      };
      // One set of parameters serves every variant: those a variant does not use are left out.
      statements.page.setAllowUnknownNamedParameters(true);
      statements.count.setAllowUnknownNamedParameters(true);
      this.lists.set(key, statements);
    }
    return statements;
  }
}

function toRecord(row: ThreadRow): ThreadRecord {
  const handled = row.handledUpTo !== null && row.handledUpTo >= row.lastReplyId;
  return {
    phone: row.phone,
    lastAt: row.lastAt,
    lastBody: row.lastBody,
    unread: row.unread,
    needsReply: !handled,
    handled,
    handledBy: handled ? row.handledBy : null,
    handledAt: handled ? row.handledAt : null,
    assignedTo: row.assignedId === null ? null : { id: row.assignedId, name: row.assignedName ?? '' },
  };
}
