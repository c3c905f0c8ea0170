import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BatchSummary, Mode, OutboxState } from '../../../shared/contract';
import { outboxStates, type SendFailure } from '../../../shared/contract';
import { transaction } from '../transaction';
import type { CreditLedger } from './credit-ledger';

export type BatchKind = BatchSummary['kind'];

export interface NewBatch {
  mode: Mode;
  kind: BatchKind;
  body: string;
  /** What the carrier receives: body with header and footer. */
  text: string;
  segments: number;
  recipients: readonly string[];
  honorHours: boolean;
  notBefore: number | null;
  validitySeconds: number;
  createdBy: string | null;
  overrideReason: string | null;
  consentEventId: number | null;
  createdAt: number;
}

/** An outbox row joined with what is needed to send it. */
export interface DueMessage {
  id: number;
  batchId: number;
  mode: Mode;
  to: string;
  text: string;
  credits: number;
  validitySeconds: number;
  attempts: number;
  inDoubt: boolean;
  claimedAt: number | null;
}

export interface PollTarget {
  id: number;
  mode: Mode;
  sid: string;
  state: OutboxState;
  credits: number;
  claimedAt: number;
}

/** Rows written per round: a few milliseconds of work, so the event loop never waits long. */
const EXPAND_CHUNK = 250;

/** How much of a send's body a list of sends shows: enough to recognise it. */
const PREVIEW_CHARS = 120;

/** SQL for send_batches and outbox. Short statements only: the benchmark watches every stall. */
export class OutboxRepository {
  private readonly s: Record<string, StatementSync>;
  /** The send being written: its recipients parsed once, and how many rows are written. */
  private expanding: { id: number; mode: Mode; recipients: string[]; segments: number; done: number } | null = null;

  /** The ledger refunds a row written already canceled (its number opted out after the send was queued). */
  constructor(
    private readonly db: DatabaseSync,
    private readonly ledger: Pick<CreditLedger, 'release'>,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertBatch: p(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, not_before,
        validity_seconds, created_by, override_reason, consent_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      unexpanded: p('SELECT id, mode, recipients, segments FROM send_batches WHERE expanded = 0 ORDER BY id LIMIT 1'),
      optedOut: p("SELECT 1 FROM consent WHERE phone = ? AND state = 'opted_out'"),
      insertCanceled: p(`INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at, state, error_message)
        VALUES (?, ?, ?, ?, 'canceled', 'Opted out before sending.')`),
      anyUnexpanded: p('SELECT 1 FROM send_batches WHERE expanded = 0 LIMIT 1'),
      expandedCount: p('SELECT COUNT(*) AS n FROM outbox WHERE batch_id = ?'),
      insertRow: p('INSERT OR IGNORE INTO outbox (batch_id, to_number, credits, updated_at) VALUES (?, ?, ?, ?)'),
      markExpanded: p('UPDATE send_batches SET expanded = 1, recipients = \'[]\' WHERE id = ?'),
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
      accept: p('UPDATE outbox SET state = ?, in_doubt = 0, carrier_sid = ?, error_code = ?, error_message = ?, next_poll_at = ?, updated_at = ? WHERE id = ? AND state = \'claimed\''),
      fail: p("UPDATE outbox SET state = ?, in_doubt = 0, error_code = ?, error_message = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'claimed')"),
      status: p('UPDATE outbox SET state = ?, error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message), next_poll_at = ?, updated_at = ? WHERE id = ?'),
      pollDue: p(`SELECT o.id, b.mode, o.carrier_sid AS sid, o.state, o.credits, o.claimed_at AS claimedAt FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.state IN ('accepted', 'sent') AND o.next_poll_at <= ? ORDER BY o.next_poll_at LIMIT ?`),
      sidTaken: p('SELECT 1 FROM outbox WHERE carrier_sid = ?'),
      queuedTo: p(`SELECT o.id, o.credits, b.mode FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.to_number = ? AND o.state = 'queued'`),
      cancelable: p("SELECT o.id, o.credits, b.mode FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.batch_id = ? AND o.state = 'queued'"),
      batch: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches WHERE id = ?`),
      batches: p(`SELECT id, kind, substr(body, 1, ${PREVIEW_CHARS}) AS preview, created_at, not_before, recipient_count, segments, mode FROM send_batches ORDER BY id DESC LIMIT ?`),
      counts: p('SELECT state, COUNT(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state'),
      rowState: p('SELECT state FROM outbox WHERE id = ?'),
      failures: p(`SELECT to_number AS "to", state, error_code AS errorCode, error_message AS reason FROM outbox
        WHERE batch_id = ? AND state IN ('failed', 'undelivered', 'canceled') ORDER BY id LIMIT ?`),
      failedNumbers: p("SELECT to_number AS \"to\" FROM outbox WHERE batch_id = ? AND state IN ('failed', 'undelivered') ORDER BY id"),
      batchBody: p('SELECT kind, body FROM send_batches WHERE id = ?'),
    };
  }

  private get(name: string): StatementSync {
    const statement = this.s[name];
    if (statement === undefined) throw new Error(`no statement ${name}`);
    return statement;
  }

  insertBatch(b: NewBatch): number {
    const result = this.get('insertBatch').run(
      b.mode, b.kind, b.body, b.text, b.segments, JSON.stringify(b.recipients), b.recipients.length, b.honorHours ? 1 : 0,
      b.notBefore, b.validitySeconds, b.createdBy, b.overrideReason, b.consentEventId, b.createdAt,
    );
    return Number(result.lastInsertRowid);
  }

  /**
   * Writes the next chunk of outbox rows for the oldest send still being written. Returns false
   * when nothing is left. Idempotent: a crash between chunks just repeats the INSERT OR IGNORE.
   */
  expandNextChunk(now: number): boolean {
    // A read first: most rounds have nothing to write and must not take the write lock.
    if (this.expanding === null && this.get('anyUnexpanded').get() === undefined) return false;
    try {
      return transaction(this.db, () => this.expandInTransaction(now));
    } catch (error) {
      this.expanding = null; // rolled back: count again from the file next time
      throw error;
    }
  }

  private expandInTransaction(now: number): boolean {
    const batch = this.get('unexpanded').get() as { id: number; mode: Mode; recipients: string; segments: number } | undefined;
    if (batch === undefined) {
      this.expanding = null;
      return false;
    }
    if (this.expanding?.id !== batch.id) {
      // Counted once per batch (another process may have written some rows before a crash).
      const done = (this.get('expandedCount').get(batch.id) as { n: number }).n;
      this.expanding = { id: batch.id, mode: batch.mode, recipients: JSON.parse(batch.recipients) as string[], segments: batch.segments, done };
    }
    const e = this.expanding;
    const chunk = e.recipients.slice(e.done, e.done + EXPAND_CHUNK);
    for (const to of chunk) {
      if (this.get('optedOut').get(to) === undefined) {
        this.get('insertRow').run(e.id, to, e.segments, now);
        continue;
      }
      const written = this.get('insertCanceled').run(e.id, to, e.segments, now);
      if (Number(written.changes) === 1) this.ledger.release(e.mode, Number(written.lastInsertRowid), e.segments, 'opted out', now);
    }
    e.done += chunk.length;
    if (e.done >= e.recipients.length) {
      this.get('markExpanded').run(e.id);
      this.expanding = null;
    }
    return true;
  }

  due(now: number, withinHours: boolean, modes: readonly Mode[], limit: number): DueMessage[] {
    const [a = 'sandbox', b = a] = modes;
    const rows = this.get('due').all(now, now, withinHours ? 1 : 0, a, b, limit) as unknown as Array<Omit<DueMessage, 'inDoubt'> & { inDoubt: number }>;
    return rows.map((r) => ({ ...r, inDoubt: r.inDoubt === 1 }));
  }

  /** When the next message becomes due, for sleeping until then; null when nothing waits. */
  nextDueAt(withinHours: boolean, modes: readonly Mode[]): number | null {
    const [a = 'sandbox', b = a] = modes;
    return (this.get('nextDue').get(withinHours ? 1 : 0, a, b) as { at: number | null }).at;
  }

  claim(id: number, now: number, checkAfter: number): void {
    this.get('claim').run(now, checkAfter, now, id);
  }

  retryLater(id: number, at: number, errorCode: number | null, now: number): void {
    this.get('retryLater').run(at, errorCode, now, id);
  }

  checkLater(id: number, at: number, now: number): void {
    this.get('checkLater').run(at, now, id);
  }

  accept(id: number, state: OutboxState, sid: string, error: { code: number | null; message: string | null }, pollAt: number | null, now: number): boolean {
    return Number(this.get('accept').run(state, sid, error.code, error.message, pollAt, now, id).changes) === 1;
  }

  fail(id: number, state: 'failed' | 'canceled', code: number | null, message: string | null, now: number): boolean {
    return Number(this.get('fail').run(state, code, message, now, id).changes) === 1;
  }

  setStatus(id: number, state: OutboxState, code: number | null, message: string | null, pollAt: number | null, now: number): void {
    this.get('status').run(state, code, message, pollAt, now, id);
  }

  pollDue(now: number, limit: number): PollTarget[] {
    return this.get('pollDue').all(now, limit) as unknown as PollTarget[];
  }

  isSidTaken(sid: string): boolean {
    return this.get('sidTaken').get(sid) !== undefined;
  }

  stateOf(id: number): OutboxState | null {
    return ((this.get('rowState').get(id) as { state: OutboxState } | undefined)?.state) ?? null;
  }

  /** Cancels every text still waiting for `phone`; returns the rows canceled, for their refunds. */
  cancelQueuedTo(phone: string, reason: string, now: number): Array<{ id: number; credits: number; mode: Mode }> {
    const rows = this.get('queuedTo').all(phone) as unknown as Array<{ id: number; credits: number; mode: Mode }>;
    return rows.filter((row) => this.fail(row.id, 'canceled', null, reason, now));
  }

  cancelable(batchId: number): Array<{ id: number; credits: number; mode: Mode }> {
    return this.get('cancelable').all(batchId) as unknown as Array<{ id: number; credits: number; mode: Mode }>;
  }

  /** Messages of a send that did not arrive, with the carrier's reason. */
  failures(batchId: number, limit: number): SendFailure[] {
    return this.get('failures').all(batchId, limit) as unknown as SendFailure[];
  }

  /** What a retry of a send's failed messages needs: its kind, body and the numbers that failed. */
  retryable(batchId: number): { kind: BatchKind; body: string; numbers: string[] } | null {
    const batch = this.get('batchBody').get(batchId) as { kind: BatchKind; body: string } | undefined;
    if (batch === undefined) return null;
    const numbers = (this.get('failedNumbers').all(batchId) as Array<{ to: string }>).map((row) => row.to);
    return { ...batch, numbers };
  }

  summary(batchId: number): BatchSummary | null {
    const row = this.get('batch').get(batchId) as BatchRow | undefined;
    return row === undefined ? null : this.toSummary(row);
  }

  recent(limit: number): BatchSummary[] {
    return (this.get('batches').all(limit) as unknown as BatchRow[]).map((row) => this.toSummary(row));
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
  kind: BatchKind;
  preview: string;
  created_at: number;
  not_before: number | null;
  recipient_count: number;
  segments: number;
  mode: Mode;
}
