import { AppError, type CreditBalance, type Mode } from '../../../shared/contract';
import { formatCredits } from '../../../shared/credits/credits';
import type { Storage } from '../ports/storage';
import type { HeldMessage } from '../ports/stores/outbox-store';
import type { LedgerEntry, LedgerKind } from '../ports/stores/ledger-store';

/** Credits a fresh install gets to try the Sandbox with. */
export const SANDBOX_GRANT = 1000;

const entry = <K extends LedgerKind>(e: Partial<LedgerEntry> & Pick<LedgerEntry, 'mode' | 'credits' | 'at'> & { kind: K }): LedgerEntry & { kind: K } => ({
  sendId: null, messageId: null, staffId: null, note: null, ...e,
});

/** The carrier took the message: its held credit is spent. */
export const settleEntry = (mode: Mode, messageId: number, at: number): LedgerEntry => entry({ mode, kind: 'settle', credits: 0, messageId, at });

/** Refunds one message's hold; the ledger refuses a second refund of the same message. */
export const releaseEntry = (message: HeldMessage, note: string, at: number): LedgerEntry =>
  entry({ mode: message.mode, kind: 'release', credits: message.credits, messageId: message.id, note, at });

/**
 * The credit rules over the append-only ledger (SPEC §6). Holds are taken per send when it is
 * queued; each message then settles (the carrier took it) or is released (refunded). Hand it the
 * transaction's stores (`new CreditLedger(tx)`) so the ledger and the outbox commit together.
 */
export class CreditLedger {
  constructor(private readonly storage: Storage) {}

  /** THE balance: every screen and every check reads it from here. */
  async balance(mode: Mode): Promise<CreditBalance> {
    const available = await this.storage.ledger.available(mode);
    const reserved = await this.storage.outbox.creditsHeld(mode);
    return { mode, available, reserved };
  }

  /**
   * Refuses with a clear message when the balance cannot pay; call inside the queuing transaction.
   * The store checks and takes in one step, so another desk spending at the same moment cannot
   * make both sends fit a balance that pays for one.
   */
  async hold(mode: Mode, sendId: number, credits: number, at: number): Promise<void> {
    if (await this.storage.ledger.recordIfCovered([entry({ mode, kind: 'hold', credits: -credits, sendId, at })])) return;
    const available = await this.storage.ledger.available(mode);
    throw new AppError(
      'INSUFFICIENT_CREDITS',
      `This send needs ${formatCredits(credits)} but only ${formatCredits(available)} are available. An admin can add credits in Settings → Credits.`,
      { needed: credits, available },
    );
  }

  /** Refunds each message's hold. */
  async release(messages: readonly HeldMessage[], note: string, at: number): Promise<void> {
    if (messages.length > 0) await this.storage.ledger.record(messages.map((m) => releaseEntry(m, note, at)));
  }

  /** An admin adds or removes credits; the balance never goes below zero. */
  adjust(mode: Mode, credits: number, staffId: string | null, note: string, at: number): Promise<void> {
    return this.storage.transaction(async (tx) => {
      if (await tx.ledger.recordIfCovered([entry({ mode, kind: 'adjustment', credits, staffId, note, at })])) return;
      const available = await tx.ledger.available(mode);
      throw new AppError('FAILED_PRECONDITION', `The balance cannot go below zero; at most ${formatCredits(available)} can be removed.`);
    });
  }

  /** The Sandbox's starting credits, given once per database. */
  async grantSandboxOnce(at: number): Promise<void> {
    await this.storage.ledger.grantOnce(entry({ mode: 'sandbox', kind: 'grant', credits: SANDBOX_GRANT, note: 'Sandbox starting credits', at }));
  }
}
