import type { Mode } from '../../../../shared/contract';
import type { AutoRenewState, Purchase } from '../payment-gateway';

/** A purchase as the desk keeps it: the billing service's view, plus whether it was granted here. */
export interface StoredPurchase extends Purchase {
  mode: Mode;
  staffId: string | null;
  renewalKey: string | null;
  updatedAt: number;
  /** When its credits reached the ledger, or null: set once, in the grant's transaction. */
  grantedAt: number | null;
}

export interface AutoRenewRecord extends AutoRenewState {
  mode: Mode;
  /** Moves on every time an admin turns auto-renew on, so a crossing after that gets a new key. */
  armedAt: number;
  /** The threshold crossing being handled (the balance is still under it), or null. */
  crossingKey: string | null;
}

export type RenewalOutcome = 'asked' | 'paid' | 'declined' | 'failed';

export interface BillingNotice {
  id: number;
  tone: 'info' | 'problem';
  message: string;
  at: number;
}

/** The kinds the history shows: a ledger line seen by a person. */
export type HistoryKind = 'purchase' | 'renewal' | 'send' | 'refund' | 'adjustment';

export interface HistoryLine {
  id: number;
  kind: HistoryKind;
  credits: number;
  at: number;
  note: string | null;
  staffName: string | null;
  purchaseId: string | null;
}

export interface HistoryFilter {
  /** UTC milliseconds, inclusive; null for no bound. */
  from: number | null;
  /** UTC milliseconds, exclusive; null for no bound. */
  to: number | null;
  /** Empty: every kind. */
  kinds: readonly HistoryKind[];
  /** Newest first; lines with an id below this one (paging), or null for the newest. */
  beforeId: number | null;
  limit: number;
}

/** The desk's bookkeeping of purchases, renewals and admin notices (migration 0009). */
export interface BillingStore {
  /** Saves the billing service's view of a purchase; never touches `grantedAt`. */
  savePurchase(purchase: Omit<StoredPurchase, 'grantedAt'>): Promise<void>;
  purchase(purchaseId: string): Promise<StoredPurchase | null>;
  /** Newest first. */
  recentPurchases(mode: Mode, limit: number): Promise<StoredPurchase[]>;
  /** True the first time only: the caller then writes the ledger entry in the same transaction. */
  markGranted(purchaseId: string, at: number): Promise<boolean>;

  autoRenew(mode: Mode): Promise<AutoRenewRecord | null>;
  saveAutoRenew(record: AutoRenewRecord, at: number): Promise<void>;
  setCrossing(mode: Mode, crossingKey: string | null, at: number): Promise<void>;
  /** True the first time a renewal key is claimed: only then may the desk ask for the charge. */
  claimRenewal(renewalKey: string, mode: Mode, at: number): Promise<boolean>;
  finishRenewal(renewalKey: string, outcome: RenewalOutcome, purchaseId: string | null, at: number): Promise<void>;
  renewalOutcome(renewalKey: string): Promise<RenewalOutcome | null>;
  /** Renewals asked for whose answer never came back (the desk stopped mid-call). */
  unansweredRenewals(mode: Mode): Promise<string[]>;

  addNotice(mode: Mode, tone: BillingNotice['tone'], message: string, at: number): Promise<void>;
  notices(mode: Mode): Promise<BillingNotice[]>;
  dismissNotice(mode: Mode, id: number, staffId: string, at: number): Promise<void>;

  /** The ledger's newest line id for the mode (0 when empty): where a crossing happened. */
  ledgerPosition(mode: Mode): Promise<number>;
  history(mode: Mode, filter: HistoryFilter): Promise<HistoryLine[]>;
}
