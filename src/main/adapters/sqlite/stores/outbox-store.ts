import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { outboxStates, type BatchSummary, type Mode, type OutboxState, type SendFailure } from '../../../../shared/contract';
import type { SentText } from '../../../core/ports/stores/messenger-store';
import type {
  DueMessage, DueQuery, HeldMessage, MessageChange, NewSend, OutboxStore, PollTarget, SendBeingWritten, SendKind,
} from '../../../core/ports/stores/outbox-store';
import type { SyncStore } from '../sync-store';

/** How much of a send's body a list of sends shows: enough to recognise it. */
const PREVIEW_CHARS = 120;

/** Owns `send_batches` and `outbox`. Short statements only: the benchmark watches every stall. */
export class SqliteOutboxStore implements SyncStore<OutboxStore> {
  private readonly s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertBatch: p(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, not_before,
        validity_seconds, created_by, override_reason, consent_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      anyUnexpanded: p('SELECT 1 FROM send_batches WHERE expanded = 0 LIMIT 1'),
      unexpanded: p('SELECT id, mode, segments FROM send_batches WHERE expanded = 0 ORDER BY id LIMIT 1'),
      recipients: p('SELECT recipients FROM send_batches WHERE id = ?'),
      expandedCount: p('SELECT COUNT(*) AS n FROM outbox WHERE batch_id = ?'),
      insertRow: p('INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at) VALUES (?, ?, ?, ?)'),
      insertCanceled: p(`INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at, state, error_message)
        VALUES (?, ?, ?, ?, 'canceled', ?)`),
      markExpanded: p("UPDATE send_batches SET expanded = 1, recipients = '[]' WHERE id = ?"),
      due: p(`SELECT o.id, o.batch_id AS batchId, b.mode, o.to_number AS "to", b.text, o.credits, b.validity_seconds AS validitySeconds,
          o.attempts, o.in_doubt AS inDoubt, o.claimed_at AS claimedAt
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.state IN ('queued', 'claimed') AND o.next_attempt_at <= ?
          AND (b.not_before IS NULL OR b.not_before <= ?) AND (? = 1 OR b.honor_hours = 0) AND b.mode IN (?, ?)
        ORDER BY o.next_attempt_at, o.id LIMIT ?`),
      nextDue: p(`SELECT MIN(MAX(o.next_attempt_at, COALESCE(b.not_before, 0))) AS at FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.state IN ('queued', 'claimed') AND (? = 1 OR b.honor_hours = 0) AND b.mode IN (?, ?)`),
      claim: p("UPDATE outbox SET state = 'claimed', attempts = attempts + 1, in_doubt = 1, claimed_at = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'claimed')"),
      retryLater: p("UPDATE outbox SET in_doubt = 0, next_attempt_at = ?, error_code = ?, updated_at = ? WHERE id = ? AND state = 'claimed'"),
      checkLater: p("UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'claimed'"),
      accept: p("UPDATE outbox SET state = ?, in_doubt = 0, carrier_sid = ?, error_code = ?, error_message = ?, next_poll_at = ?, updated_at = ? WHERE id = ? AND state = 'claimed'"),
      fail: p("UPDATE outbox SET state = ?, in_doubt = 0, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'claimed')"),
      status: p('UPDATE outbox SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message), next_poll_at = ?, updated_at = ? WHERE id = ?'),
      pollDue: p(`SELECT o.id, b.mode, o.carrier_sid AS sid, o.state, o.credits, o.claimed_at AS claimedAt FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.state IN ('accepted', 'sent') AND o.next_poll_at <= ? ORDER BY o.next_poll_at LIMIT ?`),
      sidTaken: p('SELECT 1 FROM outbox WHERE carrier_sid = ?'),
      queuedTo: p(`SELECT o.id, o.credits, b.mode FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.to_number = ? AND o.state = 'queued'`),
      queuedIn: p("SELECT o.id, o.credits, b.mode FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.batch_id = ? AND o.state = 'queued'"),
      heldInOutbox: p("SELECT COALESCE(SUM(o.credits), 0) AS n FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.state IN ('queued', 'claimed') AND b.mode = ?"),
      // A send whose rows are still being written holds credits for recipients without rows yet.
      heldUnwritten: p(`SELECT COALESCE(SUM(b.recipient_count * b.segments - (SELECT COUNT(*) FROM outbox o WHERE o.batch_id = b.id) * b.segments), 0) AS n
        FROM send_batches b WHERE b.expanded = 0 AND b.mode = ?`),
      batch: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches WHERE id = ?`),
      batches: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches ORDER BY id DESC LIMIT ?`),
      counts: p('SELECT state, COUNT(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state'),
      rowState: p('SELECT state FROM outbox WHERE id = ?'),
      failures: p(`SELECT to_number AS "to", state, error_code AS errorCode, error_message AS reason FROM outbox
        WHERE batch_id = ? AND state IN ('failed', 'undelivered', 'canceled') ORDER BY id LIMIT ?`),
      failedNumbers: p("SELECT to_number AS \"to\" FROM outbox WHERE batch_id = ? AND state IN ('failed', 'undelivered') ORDER BY id"),
      batchBody: p('SELECT kind, body FROM send_batches WHERE id = ?'),
      // The staff member's name is read for display only; the staff store owns that table.
      sentTo: p(`SELECT o.id, b.text AS body, b.created_at AS at, b.kind, o.state, o.error_message AS problem, s.name AS staffName
        FROM outbox o JOIN send_batches b ON b.id = o.batch_id LEFT JOIN staff s ON s.id = b.created_by
        WHERE o.to_number = ? AND b.mode = ? ORDER BY o.id DESC LIMIT ?`),
    };
  }

  private get(name: string): StatementSync {
    const statement = this.s[name];
    if (statement === undefined) throw new Error(`no statement ${name}`);
    return statement;
  }

  addSend(b: NewSend): number {
    const result = this.get('insertBatch').run(
      b.mode, b.kind, b.body, b.text, b.segments, JSON.stringify(b.recipients), b.recipients.length, b.honorHours ? 1 : 0,
      b.notBefore, b.validitySeconds, b.createdBy, b.overrideReason, b.consentEventId, b.createdAt,
    );
    return Number(result.lastInsertRowid);
  }

  hasSendBeingWritten(): boolean {
    return this.get('anyUnexpanded').get() !== undefined;
  }

  sendBeingWritten(): SendBeingWritten | null {
    return (this.get('unexpanded').get() as SendBeingWritten | undefined) ?? null;
  }

  recipientsOf(sendId: number): { recipients: string[]; written: number } {
    const row = this.get('recipients').get(sendId) as { recipients: string } | undefined;
    const written = (this.get('expandedCount').get(sendId) as { n: number }).n;
    return { recipients: row === undefined ? [] : (JSON.parse(row.recipients) as string[]), written };
  }

  writeMessages(sendId: number, messages: ReadonlyArray<{ to: string; canceledReason: string | null }>, credits: number, now: number): HeldMessage[] {
    let mode: Mode | null = null;
    const canceled: HeldMessage[] = [];
    for (const { to, canceledReason } of messages) {
      if (canceledReason === null) {
        this.get('insertRow').run(sendId, to, credits, now);
        continue;
      }
      const written = this.get('insertCanceled').run(sendId, to, credits, now, canceledReason);
      if (Number(written.changes) === 1) {
        mode ??= this.modeOf(sendId);
        canceled.push({ id: Number(written.lastInsertRowid), credits, mode });
      }
    }
    return canceled;
  }

  private modeOf(sendId: number): Mode {
    return (this.get('batch').get(sendId) as { mode: Mode }).mode;
  }

  markWritten(sendId: number): void {
    this.get('markExpanded').run(sendId);
  }

  due(q: DueQuery): DueMessage[] {
    const [a = 'sandbox', b = a] = q.modes;
    const rows = this.get('due').all(q.now, q.now, q.withinHours ? 1 : 0, a, b, q.limit) as unknown as Array<Omit<DueMessage, 'inDoubt'> & { inDoubt: number }>;
    return rows.map((r) => ({ ...r, inDoubt: r.inDoubt === 1 }));
  }

  nextDueAt(withinHours: boolean, modes: readonly Mode[]): number | null {
    const [a = 'sandbox', b = a] = modes;
    return (this.get('nextDue').get(withinHours ? 1 : 0, a, b) as { at: number | null }).at;
  }

  pollDue(now: number, limit: number): PollTarget[] {
    return this.get('pollDue').all(now, limit) as unknown as PollTarget[];
  }

  apply(changes: readonly MessageChange[], now: number): boolean[] {
    return changes.map((change) => this.applyOne(change, now));
  }

  private applyOne(c: MessageChange, now: number): boolean {
    const changed = (result: { changes: number | bigint }) => Number(result.changes) === 1;
    switch (c.kind) {
      case 'claim':
        return changed(this.get('claim').run(now, c.checkAfter, now, c.id));
      case 'checkLater':
        return changed(this.get('checkLater').run(c.at, now, c.id));
      case 'retryLater':
        return changed(this.get('retryLater').run(c.at, c.errorCode, now, c.id));
      case 'accept':
        if (this.isSidTaken(c.sid)) {
          this.get('checkLater').run(now, now, c.id);
          return false;
        }
        return changed(this.get('accept').run(c.state, c.sid, c.errorCode, c.errorMessage, c.pollAt, now, c.id));
      case 'fail':
        return changed(this.get('fail').run(c.state, c.errorCode, c.errorMessage, now, c.id));
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
    return rows.filter((row) => this.applyOne({ kind: 'fail', id: row.id, state: 'canceled', errorCode: null, errorMessage: reason }, now));
  }

  creditsHeld(mode: Mode): number {
    return Number((this.get('heldInOutbox').get(mode) as { n: number }).n) + Number((this.get('heldUnwritten').get(mode) as { n: number }).n);
  }

  failures(sendId: number, limit: number): SendFailure[] {
    return this.get('failures').all(sendId, limit) as unknown as SendFailure[];
  }

  retryable(sendId: number): { kind: SendKind; body: string; numbers: string[] } | null {
    const batch = this.get('batchBody').get(sendId) as { kind: SendKind; body: string } | undefined;
    if (batch === undefined) return null;
    const numbers = (this.get('failedNumbers').all(sendId) as Array<{ to: string }>).map((row) => row.to);
    return { ...batch, numbers };
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
