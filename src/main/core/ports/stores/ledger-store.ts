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
  hasGrant(mode: Mode): Promise<boolean>;
}
