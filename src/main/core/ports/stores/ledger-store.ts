import type { Mode } from '../../../../shared/contract';

export type LedgerKind = 'grant' | 'purchase' | 'adjustment' | 'hold' | 'settle' | 'release';

/** One line of the append-only credit ledger. */
export interface LedgerEntry {
  mode: Mode;
  kind: LedgerKind;
  /** Negative for a hold, zero for a settle, positive for a release, grant or purchase. */
  credits: number;
  sendId: number | null;
  messageId: number | null;
  staffId: string | null;
  note: string | null;
  at: number;
  /** The billing purchase a `purchase` entry grants; the ledger refuses a second one. */
  purchaseId?: string | null;
}

/** Credits bought, given, held for sends and refunded (SPEC §6). Never changed, only added to. */
export interface LedgerStore {
  /** Credits not spent nor held: grants, purchases and adjustments less holds, plus refunds. */
  available(mode: Mode): Promise<number>;
  /** Adds the entries in order. A second hold for a send or a second refund for a message is refused. */
  record(entries: readonly LedgerEntry[]): Promise<void>;
  /**
   * Adds the entries only if each mode's balance still covers them, and answers whether it did;
   * nothing is written when it does not. The check and the change are one step in the store (a
   * conditional update of the kept balance), not a read and a later write: two desks sharing the
   * database that hold credits at once never take the balance below zero.
   */
  recordIfCovered(entries: readonly LedgerEntry[]): Promise<boolean>;
  /**
   * Records a mode's starting credits (a `grant` entry) unless that mode was ever given them:
   * true the first time only. One step in the store, not a look then a write, so desks sharing the
   * database that start at once give them once (a server adapter backs it with a unique index of
   * one grant per mode).
   */
  grantOnce(grant: LedgerEntry & { kind: 'grant' }): Promise<boolean>;
}
