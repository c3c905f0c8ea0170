import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AppError, type CreditBalance, type Mode } from '../../../shared/contract';
import { formatCredits } from '../../../shared/credits/credits';

/** Credits a fresh install gets to try the Sandbox with. */
export const SANDBOX_GRANT = 1000;

/**
 * The append-only credit ledger (migration 0003). Holds are taken per send when it is queued;
 * each message then settles (the carrier took it) or is released (refunded). Callers run these
 * inside their own transaction so the ledger row and the outbox change commit together.
 */
export class CreditLedger {
  private readonly available: StatementSync;
  private readonly reservedInOutbox: StatementSync;
  private readonly reservedUnexpanded: StatementSync;
  private readonly insert: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    // Settle rows are zero, so the sum skips them and stays small however many texts were sent.
    this.available = db.prepare(
      "SELECT COALESCE(SUM(credits), 0) AS n FROM credit_ledger WHERE mode = ? AND kind IN ('grant', 'purchase', 'adjustment', 'hold', 'release')",
    );
    this.reservedInOutbox = db.prepare(
      "SELECT COALESCE(SUM(o.credits), 0) AS n FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE o.state IN ('queued', 'claimed') AND b.mode = ?",
    );
    // A send whose rows are still being written holds credits for recipients without rows yet.
    this.reservedUnexpanded = db.prepare(
      `SELECT COALESCE(SUM(b.recipient_count * b.segments - (SELECT COUNT(*) FROM outbox o WHERE o.batch_id = b.id) * b.segments), 0) AS n
       FROM send_batches b WHERE b.expanded = 0 AND b.mode = ?`,
    );
    this.insert = db.prepare(
      'INSERT INTO credit_ledger (mode, kind, credits, batch_id, outbox_id, staff_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** THE balance: every screen and every check reads it from here. */
  balance(mode: Mode): CreditBalance {
    const available = Number((this.available.get(mode) as { n: number }).n);
    const reserved = Number((this.reservedInOutbox.get(mode) as { n: number }).n) + Number((this.reservedUnexpanded.get(mode) as { n: number }).n);
    return { mode, available, reserved };
  }

  /** Refuses with a clear message when the balance cannot pay; call inside the queuing transaction. */
  hold(mode: Mode, batchId: number, credits: number, at: number): void {
    const { available } = this.balance(mode);
    if (credits > available) {
      throw new AppError(
        'INSUFFICIENT_CREDITS',
        `This send needs ${formatCredits(credits)} but only ${formatCredits(available)} are available. An admin can add credits in Settings → Credits.`,
        { needed: credits, available },
      );
    }
    this.insert.run(mode, 'hold', -credits, batchId, null, null, null, at);
  }

  settle(mode: Mode, outboxId: number, at: number): void {
    this.insert.run(mode, 'settle', 0, null, outboxId, null, null, at);
  }

  /** Refunds one message's hold; the unique index makes a second refund impossible. */
  release(mode: Mode, outboxId: number, credits: number, note: string, at: number): void {
    this.insert.run(mode, 'release', credits, null, outboxId, null, note, at);
  }

  adjust(mode: Mode, credits: number, staffId: string | null, note: string, at: number): void {
    if (credits < 0 && this.balance(mode).available + credits < 0) {
      throw new AppError('FAILED_PRECONDITION', `The balance cannot go below zero; at most ${formatCredits(this.balance(mode).available)} can be removed.`);
    }
    this.insert.run(mode, 'adjustment', credits, null, null, staffId, note, at);
  }

  /** The Sandbox's starting credits, given once per install. */
  grantSandboxOnce(at: number): void {
    const given = this.db.prepare("SELECT 1 FROM credit_ledger WHERE mode = 'sandbox' AND kind = 'grant' LIMIT 1").get();
    if (given === undefined) this.insert.run('sandbox', 'grant', SANDBOX_GRANT, null, null, null, 'Sandbox starting credits', at);
  }
}
