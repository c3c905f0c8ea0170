import type { Mode } from '../../../../shared/contract';

/** A span of time, UTC milliseconds, start included and end left out. */
export interface ReportRange {
  start: number;
  end: number;
}

/** What happened in one span. */
export interface ReportCounts {
  /** Credits held for texts minus credits given back (a refund can land in a later span). */
  creditsUsed: number;
  /** Credits that came in: purchases and grants. */
  creditsBought: number;
  /** Texts the carrier was asked to send (of sends started in the span). */
  sent: number;
  delivered: number;
  /** Failed or undelivered. */
  failed: number;
  /** Texts from families (STOP and START included). */
  replies: number;
  optOuts: number;
}

/**
 * Counts for the Reports screen. Read-only: it owns no table and reads the ledger, outbox,
 * messenger and consent tables, each query bounded by the ranges it is given.
 */
export interface ReportsStore {
  /** One ReportCounts per range, in the same order. */
  countsPer(mode: Mode, ranges: readonly ReportRange[]): Promise<ReportCounts[]>;
  /** Failed texts by carrier error code (null: no code given), most first. */
  failureCodes(mode: Mode, range: ReportRange, limit: number): Promise<{ code: number | null; count: number }[]>;
}
