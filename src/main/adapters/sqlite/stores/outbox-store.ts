import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { outboxStates, type BatchSummary, type Mode, type OutboxState, type SendFailure } from '../../../../shared/contract';
import type { SentText } from '../../../core/ports/stores/messenger-store';
import type {
  DueMessage, DueQuery, HeldMessage, MessageChange, MessageToWrite, NewSend, OutboxStore, PersonalText, PollTarget, SendBeingWritten, SendKind,
} from '../../../core/ports/stores/outbox-store';
import { allOrNothing } from '../all-or-nothing';
import type { SyncStore } from '../sync-store';

/** How much of a send's body a list of sends shows: enough to recognise it. */
const PREVIEW_CHARS = 120;

/** Rows a message is found by in the due index: its mode, and whether it honours Available SMS Hours. */
type Lane = readonly [mode: Mode, honorHours: 0 | 1];

/**
 * Owns `send_batches`, `outbox` and `outbox_credits_held` (the credits its waiting messages hold,
 * kept as they change). Short statements only: the benchmark watches every stall. Nothing asked
 * every round reads more rows than it returns (migration 0008): a message carries its send's
 * mode and hours rule, a scheduled one's first attempt is its send's time, and the due index
 * is searched one lane (mode × hours rule) at a time.
 */
export class SqliteOutboxStore implements SyncStore<OutboxStore> {
  private readonly s: Record<string, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertBatch: p(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, not_before,
        validity_seconds, created_by, override_reason, consent_event_id, created_at, personal_texts, held_credits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      anyUnexpanded: p('SELECT 1 FROM send_batches WHERE expanded = 0 LIMIT 1'),
      unexpanded: p('SELECT id, mode, segments FROM send_batches WHERE expanded = 0 ORDER BY id LIMIT 1'),
      recipients: p('SELECT recipients, personal_texts AS personal FROM send_batches WHERE id = ?'),
      expandedCount: p('SELECT COUNT(*) AS n FROM outbox WHERE batch_id = ?'),
      lane: p(`SELECT mode, honor_hours AS honorHours, COALESCE(not_before, 0) AS firstAttemptAt, recipient_count AS recipientCount, segments,
        held_credits AS heldCredits FROM send_batches WHERE id = ?`),
      writtenCredits: p('SELECT COALESCE(SUM(credits), 0) AS n FROM outbox WHERE batch_id = ?'),
      insertPersonal: p('INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at, mode, honor_hours, next_attempt_at, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertRow: p('INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at, mode, honor_hours, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertCanceled: p(`INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at, mode, honor_hours, next_attempt_at, state, error_message, text)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'canceled', ?, ?)`),
      markExpanded: p("UPDATE send_batches SET expanded = 1, recipients = '[]', personal_texts = NULL WHERE id = ?"),
      due: p(`SELECT o.id, o.batch_id AS batchId, o.mode, o.to_number AS "to", COALESCE(o.text, b.text) AS text, o.credits, b.validity_seconds AS validitySeconds,
          o.attempts, o.in_doubt AS inDoubt, o.claimed_at AS claimedAt, o.next_attempt_at AS dueAt
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.state IN ('queued', 'claimed') AND o.mode = ? AND o.honor_hours = ? AND o.next_attempt_at <= ?
        ORDER BY o.next_attempt_at, o.id LIMIT ?`),
      nextDue: p(`SELECT next_attempt_at AS at FROM outbox
        WHERE state IN ('queued', 'claimed') AND mode = ? AND honor_hours = ? ORDER BY next_attempt_at LIMIT 1`),
      held: p('SELECT credits FROM outbox_credits_held WHERE mode = ?'),
      addHeld: p('UPDATE outbox_credits_held SET credits = credits + ? WHERE mode = ?'),
      // Counted in the due index, which holds only waiting messages: it reads as many as it counts.
      waitingCount: p("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed') AND mode = ?"),
      // Taken only while still due: a message another engine took since it was read is left alone.
      claim: p(`UPDATE outbox SET state = 'claimed', attempts = attempts + 1, in_doubt = 1, claimed_at = ?, next_attempt_at = ?, updated_at = ?
        WHERE id = ? AND state IN ('queued', 'claimed') AND next_attempt_at <= ?`),
      lookUp: p("UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND in_doubt = 1 AND next_attempt_at <= ?"),
      retryLater: p("UPDATE outbox SET in_doubt = 0, next_attempt_at = ?, error_code = ?, updated_at = ? WHERE id = ? AND state = 'claimed'"),
      checkLater: p("UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'claimed'"),
      // Taking a message out of waiting returns its credits and mode, for the credits held.
      accept: p(`UPDATE outbox SET state = ?, in_doubt = 0, carrier_sid = ?, error_code = ?, error_message = ?, next_poll_at = ?, updated_at = ?
        WHERE id = ? AND state = 'claimed' RETURNING credits, mode`),
      fail: p(`UPDATE outbox SET state = ?, in_doubt = 0, error_code = ?, error_message = ?, updated_at = ?
        WHERE id = ? AND state IN ('queued', 'claimed') RETURNING credits, mode`),
      // A delivery check is about a message the carrier took; one still waiting has none.
      status: p(`UPDATE outbox SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message), next_poll_at = ?, updated_at = ?
        WHERE id = ? AND state NOT IN ('queued', 'claimed')`),
      pollDue: p(`SELECT id, batch_id AS batchId, mode, carrier_sid AS sid, state, credits, claimed_at AS claimedAt FROM outbox
        WHERE state IN ('accepted', 'sent') AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?`),
      sidTaken: p('SELECT 1 FROM outbox WHERE carrier_sid = ?'),
      queuedTo: p("SELECT id, credits, mode FROM outbox WHERE to_number = ? AND state = 'queued'"),
      queuedIn: p("SELECT id, credits, mode FROM outbox WHERE batch_id = ? AND state = 'queued'"),
      batch: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches WHERE id = ?`),
      batches: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches ORDER BY id DESC LIMIT ?`),
      counts: p('SELECT state, COUNT(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state'),
      rowState: p('SELECT state FROM outbox WHERE id = ?'),
      failures: p(`SELECT to_number AS "to", state, error_code AS errorCode, error_message AS reason FROM outbox
        WHERE batch_id = ? AND state IN ('failed', 'undelivered', 'canceled') ORDER BY id LIMIT ?`),
      failedNumbers: p("SELECT to_number AS \"to\", text FROM outbox WHERE batch_id = ? AND state IN ('failed', 'undelivered') ORDER BY id"),
      batchBody: p('SELECT kind, body FROM send_batches WHERE id = ?'),
      // The staff member's name is read for display only; the staff store owns that table.
      sentTo: p(`SELECT o.id, COALESCE(o.text, b.text) AS body, b.created_at AS at, b.kind, o.state, o.error_message AS problem, s.name AS staffName
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id LEFT JOIN staff s ON s.id = b.created_by
        WHERE o.to_number = ? AND b.mode = ? ORDER BY o.id DESC LIMIT ?`),
    };
  }

  private get(name: string): StatementSync {
    const statement = this.s[name];
    if (statement === undefined) throw new Error(`no statement ${name}`);
    return statement;
  }

  /** A new send holds credits for all its recipients from the start, before any message is written. */
  addSend(b: NewSend): number {
    const personal = b.personal ?? null;
    const held = personal === null ? b.recipients.length * b.segments : personal.reduce((sum, p) => sum + p.segments, 0);
    return allOrNothing(this.db, 'outbox_add_send', () => {
      const result = this.get('insertBatch').run(
        b.mode, b.kind, b.body, b.text, b.segments, JSON.stringify(b.recipients), b.recipients.length, b.honorHours ? 1 : 0,
        b.notBefore, b.validitySeconds, b.createdBy, b.overrideReason, b.consentEventId, b.createdAt,
        personal === null ? null : JSON.stringify(personal.map((p) => [p.text, p.segments])), personal === null ? null : held,
      );
      this.get('addHeld').run(held, b.mode);
      return Number(result.lastInsertRowid);
    });
  }

  hasSendBeingWritten(): boolean {
    return this.get('anyUnexpanded').get() !== undefined;
  }

  sendBeingWritten(): SendBeingWritten | null {
    return (this.get('unexpanded').get() as SendBeingWritten | undefined) ?? null;
  }

  recipientsOf(sendId: number): { recipients: string[]; personal: PersonalText[] | null; written: number } {
    const row = this.get('recipients').get(sendId) as { recipients: string; personal: string | null } | undefined;
    const written = (this.get('expandedCount').get(sendId) as { n: number }).n;
    const personal = row?.personal == null ? null : (JSON.parse(row.personal) as Array<[string, number]>).map(([text, segments]) => ({ text, segments }));
    return { recipients: row === undefined ? [] : (JSON.parse(row.recipients) as string[]), personal, written };
  }

  writeMessages(sendId: number, messages: readonly MessageToWrite[], sendCredits: number, now: number): HeldMessage[] {
    const send = this.laneOf(sendId);
    if (send === null) return [];
    const { mode, honorHours, firstAttemptAt } = send;
    return allOrNothing(this.db, 'outbox_write_messages', () => {
      const canceled: HeldMessage[] = [];
      for (const { to, canceledReason, personal } of messages) {
        // A message with its own text holds its own credits (see addSend).
        const credits = personal?.segments ?? sendCredits;
        if (canceledReason === null) {
          if (personal == null) this.get('insertRow').run(sendId, to, credits, now, mode, honorHours, firstAttemptAt);
          else this.get('insertPersonal').run(sendId, to, credits, now, mode, honorHours, firstAttemptAt, personal.text);
          continue;
        }
        const written = this.get('insertCanceled').run(sendId, to, credits, now, mode, honorHours, firstAttemptAt, canceledReason, personal?.text ?? null);
        if (Number(written.changes) === 1) canceled.push({ id: Number(written.lastInsertRowid), credits, mode });
      }
      // A message written canceled holds nothing (its refund is the caller's, in the same transaction).
      const released = canceled.reduce((sum, m) => sum + m.credits, 0);
      if (released > 0) this.get('addHeld').run(-released, mode);
      return canceled;
    });
  }

  private laneOf(sendId: number): { mode: Mode; honorHours: 0 | 1; firstAttemptAt: number; recipientCount: number; segments: number; heldCredits: number | null } | null {
    return (this.get('lane').get(sendId) as ReturnType<SqliteOutboxStore['laneOf']> | undefined) ?? null;
  }

  /**
   * The send's credits were held for every recipient when it was queued; a recipient listed twice
   * got one message, so what was held for the second copy is held no longer. Counted once per
   * send, over that send's messages only.
   */
  markWritten(sendId: number): void {
    const send = this.laneOf(sendId);
    if (send === null) return;
    allOrNothing(this.db, 'outbox_mark_written', () => {
      let neverWritten: number;
      if (send.heldCredits === null) {
        const written = (this.get('expandedCount').get(sendId) as { n: number }).n;
        neverWritten = Math.max(0, send.recipientCount - written) * send.segments;
      } else {
        // Texts of their own: what was held for them all, less what the written messages hold.
        neverWritten = Math.max(0, send.heldCredits - (this.get('writtenCredits').get(sendId) as { n: number }).n);
      }
      if (neverWritten > 0) this.get('addHeld').run(-neverWritten, send.mode);
      this.get('markExpanded').run(sendId);
    });
  }

  /** Each lane is read in due order from the index and only up to the limit; the lanes are then merged. */
  due(q: DueQuery): DueMessage[] {
    const rows = lanes(q.modes, q.withinHours).flatMap(
      ([mode, honorHours]) => this.get('due').all(mode, honorHours, q.now, q.limit) as unknown as DueRow[],
    );
    rows.sort((x, y) => x.dueAt - y.dueAt || x.id - y.id);
    return rows.slice(0, q.limit).map(({ dueAt: _dueAt, ...r }) => ({ ...r, inDoubt: r.inDoubt === 1 }));
  }

  nextDueAt(withinHours: boolean, modes: readonly Mode[]): number | null {
    let next: number | null = null;
    for (const [mode, honorHours] of lanes(modes, withinHours)) {
      const row = this.get('nextDue').get(mode, honorHours) as { at: number } | undefined;
      if (row !== undefined && (next === null || row.at < next)) next = row.at;
    }
    return next;
  }

  pollDue(now: number, limit: number): PollTarget[] {
    return this.get('pollDue').all(now, limit) as unknown as PollTarget[];
  }

  /** The changes and the credits they stop holding are written together. */
  apply(changes: readonly MessageChange[], now: number): boolean[] {
    return allOrNothing(this.db, 'outbox_apply', () => {
      const released = new Map<Mode, number>();
      const applied = changes.map((change) => this.applyOne(change, now, released));
      for (const [mode, credits] of released) this.get('addHeld').run(-credits, mode);
      return applied;
    });
  }

  /** Applies one change; a message that stops waiting adds its credits to `released`. */
  private applyOne(c: MessageChange, now: number, released: Map<Mode, number>): boolean {
    const changed = (result: { changes: number | bigint }) => Number(result.changes) === 1;
    const leftWaiting = (row: unknown): boolean => {
      if (row === undefined) return false;
      const { credits, mode } = row as { credits: number; mode: Mode };
      released.set(mode, (released.get(mode) ?? 0) + credits);
      return true;
    };
    switch (c.kind) {
      case 'claim':
        return changed(this.get('claim').run(now, c.checkAfter, now, c.id, now));
      case 'lookUp':
        return changed(this.get('lookUp').run(c.checkAfter, now, c.id, now));
      case 'checkLater':
        return changed(this.get('checkLater').run(c.at, now, c.id));
      case 'retryLater':
        return changed(this.get('retryLater').run(c.at, c.errorCode, now, c.id));
      case 'accept':
        if (this.isSidTaken(c.sid)) {
          this.get('checkLater').run(now, now, c.id);
          return false;
        }
        return leftWaiting(this.get('accept').get(c.state, c.sid, c.errorCode, c.errorMessage, c.pollAt, now, c.id));
      case 'fail':
        return leftWaiting(this.get('fail').get(c.state, c.errorCode, c.errorMessage, now, c.id));
      case 'status':
        this.get('status').run(c.state, c.errorCode, c.errorMessage, c.pollAt, now, c.id);
        return true;
    }
  }

  isSidTaken(sid: string): boolean {
    return this.get('sidTaken').get(sid) !== undefined;
  }

  stateOf(id: number): OutboxState | null {
    return (this.get('rowState').get(id) as { state: OutboxState } | undefined)?.state ?? null;
  }

  cancelWaitingTo(phone: string, reason: string, now: number): HeldMessage[] {
    return this.cancel(this.get('queuedTo').all(phone) as unknown as HeldMessage[], reason, now);
  }

  cancelWaitingIn(sendId: number, reason: string, now: number): HeldMessage[] {
    return this.cancel(this.get('queuedIn').all(sendId) as unknown as HeldMessage[], reason, now);
  }

  private cancel(rows: HeldMessage[], reason: string, now: number): HeldMessage[] {
    const changes = rows.map((row): MessageChange => ({ kind: 'fail', id: row.id, state: 'canceled', errorCode: null, errorMessage: reason }));
    const applied = this.apply(changes, now);
    return rows.filter((_, i) => applied[i] === true);
  }

  /** Kept as messages change (see apply), so it is one row however many texts wait. */
  creditsHeld(mode: Mode): number {
    return Number((this.get('held').get(mode) as { credits: number } | undefined)?.credits ?? 0);
  }

  waitingCount(mode: Mode): number {
    return Number((this.get('waitingCount').get(mode) as { n: number }).n);
  }

  failures(sendId: number, limit: number): SendFailure[] {
    return this.get('failures').all(sendId, limit) as unknown as SendFailure[];
  }

  retryable(sendId: number): { kind: SendKind; body: string; numbers: string[]; texts: Array<string | null> } | null {
    const batch = this.get('batchBody').get(sendId) as { kind: SendKind; body: string } | undefined;
    if (batch === undefined) return null;
    const failed = this.get('failedNumbers').all(sendId) as Array<{ to: string; text: string | null }>;
    return { ...batch, numbers: failed.map((row) => row.to), texts: failed.map((row) => row.text) };
  }

  summary(sendId: number): BatchSummary | null {
    const row = this.get('batch').get(sendId) as BatchRow | undefined;
    return row === undefined ? null : this.toSummary(row);
  }

  recent(limit: number): BatchSummary[] {
    return (this.get('batches').all(limit) as unknown as BatchRow[]).map((row) => this.toSummary(row));
  }

  textsSentTo(mode: Mode, phone: string, limit: number): SentText[] {
    return this.get('sentTo').all(phone, mode, limit) as unknown as SentText[];
  }

  private toSummary(row: BatchRow): BatchSummary {
    const counts = Object.fromEntries(outboxStates.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const c of this.get('counts').all(row.id) as unknown as Array<{ state: OutboxState; n: number }>) counts[c.state] = c.n;
    // Recipients whose rows are not written yet are still queued.
    const written = Object.values(counts).reduce((sum, n) => sum + n, 0);
    counts.queued += row.recipient_count - written;
    return {
      id: row.id, kind: row.kind, preview: row.preview, createdAt: row.created_at, notBefore: row.not_before,
      recipients: row.recipient_count, creditsPerRecipient: row.segments, counts,
    };
  }
}

/** The lanes a due query reads: the modes asked for, and sends that honour hours only within them. */
function lanes(modes: readonly Mode[], withinHours: boolean): Lane[] {
  return [...new Set(modes)].flatMap((mode): Lane[] => (withinHours ? [[mode, 0], [mode, 1]] : [[mode, 0]]));
}

type DueRow = Omit<DueMessage, 'inDoubt'> & { inDoubt: number; dueAt: number };

interface BatchRow {
  id: number;
  kind: SendKind;
  preview: string;
  created_at: number;
  not_before: number | null;
  recipient_count: number;
  segments: number;
  mode: Mode;
}
