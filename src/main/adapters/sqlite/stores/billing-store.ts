import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode } from '../../../../shared/contract';
import type { Money } from '../../../../shared/billing/money';
import type {
  AutoRenewRecord,
  BillingNotice,
  BillingStore,
  HistoryFilter,
  HistoryKind,
  HistoryLine,
  RenewalOutcome,
  StoredPurchase,
} from '../../../core/ports/stores/billing-store';
import type { SyncStore } from '../sync-store';

interface PurchaseRow {
  purchase_id: string;
  mode: Mode;
  kind: StoredPurchase['kind'];
  status: StoredPurchase['status'];
  credits: number;
  total_minor: number;
  currency: Money['currency'];
  checkout_url: string | null;
  failure: string | null;
  staff_id: string | null;
  renewal_key: string | null;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
  granted_at: number | null;
}

const toPurchase = (r: PurchaseRow): StoredPurchase => ({
  purchaseId: r.purchase_id,
  mode: r.mode,
  kind: r.kind,
  status: r.status,
  credits: r.credits,
  total: { minor: r.total_minor, currency: r.currency },
  checkoutUrl: r.checkout_url,
  failure: r.failure,
  staffId: r.staff_id,
  renewalKey: r.renewal_key,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  paidAt: r.paid_at,
  grantedAt: r.granted_at,
});

/** The history's kind of a ledger line: a purchase paid by a renewal reads as a renewal. */
const KIND_SQL = `CASE l.kind
  WHEN 'purchase' THEN CASE WHEN p.kind = 'renewal' THEN 'renewal' ELSE 'purchase' END
  WHEN 'hold' THEN 'send'
  WHEN 'release' THEN 'refund'
  ELSE 'adjustment' END`;

/**
 * Owns `billing_purchases`, `billing_auto_renew`, `billing_renewals` and `billing_notices`
 * (migration 0009). It reads `credit_ledger` for the history; the ledger store alone writes it.
 */
export class SqliteBillingStore implements SyncStore<BillingStore> {
  private readonly s: Record<string, StatementSync>;

  constructor(private readonly db: DatabaseSync) {
    this.s = {
      upsert: db.prepare(`INSERT INTO billing_purchases
          (purchase_id, mode, kind, status, credits, total_minor, currency, checkout_url, failure, staff_id, renewal_key, created_at, updated_at, paid_at)
        VALUES (:purchaseId, :mode, :kind, :status, :credits, :totalMinor, :currency, :checkoutUrl, :failure, :staffId, :renewalKey, :createdAt, :updatedAt, :paidAt)
        ON CONFLICT (purchase_id) DO UPDATE SET status = excluded.status, checkout_url = excluded.checkout_url,
          failure = excluded.failure, paid_at = excluded.paid_at, updated_at = excluded.updated_at,
          staff_id = COALESCE(billing_purchases.staff_id, excluded.staff_id),
          renewal_key = COALESCE(billing_purchases.renewal_key, excluded.renewal_key)`),
      purchase: db.prepare('SELECT * FROM billing_purchases WHERE purchase_id = ?'),
      recent: db.prepare('SELECT * FROM billing_purchases WHERE mode = ? ORDER BY created_at DESC, purchase_id DESC LIMIT ?'),
      grant: db.prepare('UPDATE billing_purchases SET granted_at = ? WHERE purchase_id = ? AND granted_at IS NULL'),
      autoRenew: db.prepare('SELECT * FROM billing_auto_renew WHERE mode = ?'),
      saveAutoRenew: db.prepare(`INSERT INTO billing_auto_renew
          (mode, status, threshold_credits, pack_credits, card, reason, armed_at, crossing_key, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (mode) DO UPDATE SET status = excluded.status, threshold_credits = excluded.threshold_credits,
          pack_credits = excluded.pack_credits, card = excluded.card, reason = excluded.reason,
          armed_at = excluded.armed_at, crossing_key = excluded.crossing_key, updated_at = excluded.updated_at`),
      setCrossing: db.prepare('UPDATE billing_auto_renew SET crossing_key = ?, updated_at = ? WHERE mode = ?'),
      claimRenewal: db.prepare("INSERT OR IGNORE INTO billing_renewals (renewal_key, mode, outcome, at) VALUES (?, ?, 'asked', ?)"),
      finishRenewal: db.prepare('UPDATE billing_renewals SET outcome = ?, purchase_id = COALESCE(?, purchase_id), at = ? WHERE renewal_key = ?'),
      renewalOutcome: db.prepare('SELECT outcome FROM billing_renewals WHERE renewal_key = ?'),
      unanswered: db.prepare("SELECT renewal_key AS key FROM billing_renewals WHERE mode = ? AND outcome = 'asked' AND purchase_id IS NULL ORDER BY at LIMIT 20"),
      addNotice: db.prepare('INSERT INTO billing_notices (mode, tone, message, at) VALUES (?, ?, ?, ?)'),
      notices: db.prepare('SELECT id, tone, message, at FROM billing_notices WHERE mode = ? AND dismissed_at IS NULL ORDER BY id DESC LIMIT 20'),
      dismiss: db.prepare('UPDATE billing_notices SET dismissed_at = ?, dismissed_by = ? WHERE id = ? AND mode = ? AND dismissed_at IS NULL'),
      position: db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM credit_ledger WHERE mode = ?'),
    };
  }

  savePurchase(p: Omit<StoredPurchase, 'grantedAt'>): void {
    this.s['upsert']!.run({
      purchaseId: p.purchaseId, mode: p.mode, kind: p.kind, status: p.status, credits: p.credits,
      totalMinor: p.total.minor, currency: p.total.currency, checkoutUrl: p.checkoutUrl, failure: p.failure,
      staffId: p.staffId, renewalKey: p.renewalKey, createdAt: p.createdAt, updatedAt: p.updatedAt, paidAt: p.paidAt,
    });
  }

  purchase(purchaseId: string): StoredPurchase | null {
    const row = this.s['purchase']!.get(purchaseId) as PurchaseRow | undefined;
    return row ? toPurchase(row) : null;
  }

  recentPurchases(mode: Mode, limit: number): StoredPurchase[] {
    return (this.s['recent']!.all(mode, limit) as unknown as PurchaseRow[]).map(toPurchase);
  }

  markGranted(purchaseId: string, at: number): boolean {
    return Number(this.s['grant']!.run(at, purchaseId).changes) === 1;
  }

  autoRenew(mode: Mode): AutoRenewRecord | null {
    const r = this.s['autoRenew']!.get(mode) as
      | { mode: Mode; status: AutoRenewRecord['status']; threshold_credits: number | null; pack_credits: number | null; card: string | null; reason: string | null; armed_at: number; crossing_key: string | null }
      | undefined;
    if (!r) return null;
    return {
      mode: r.mode, status: r.status, thresholdCredits: r.threshold_credits, packCredits: r.pack_credits,
      card: r.card, reason: r.reason, armedAt: r.armed_at, crossingKey: r.crossing_key,
    };
  }

  saveAutoRenew(r: AutoRenewRecord, at: number): void {
    this.s['saveAutoRenew']!.run(r.mode, r.status, r.thresholdCredits, r.packCredits, r.card, r.reason, r.armedAt, r.crossingKey, at);
  }

  setCrossing(mode: Mode, crossingKey: string | null, at: number): void {
    this.s['setCrossing']!.run(crossingKey, at, mode);
  }

  claimRenewal(renewalKey: string, mode: Mode, at: number): boolean {
    return Number(this.s['claimRenewal']!.run(renewalKey, mode, at).changes) === 1;
  }

  finishRenewal(renewalKey: string, outcome: RenewalOutcome, purchaseId: string | null, at: number): void {
    this.s['finishRenewal']!.run(outcome, purchaseId, at, renewalKey);
  }

  renewalOutcome(renewalKey: string): RenewalOutcome | null {
    return (this.s['renewalOutcome']!.get(renewalKey) as { outcome: RenewalOutcome } | undefined)?.outcome ?? null;
  }

  unansweredRenewals(mode: Mode): string[] {
    return (this.s['unanswered']!.all(mode) as { key: string }[]).map((r) => r.key);
  }

  addNotice(mode: Mode, tone: BillingNotice['tone'], message: string, at: number): void {
    this.s['addNotice']!.run(mode, tone, message, at);
  }

  notices(mode: Mode): BillingNotice[] {
    return this.s['notices']!.all(mode) as unknown as BillingNotice[];
  }

  dismissNotice(mode: Mode, id: number, staffId: string, at: number): void {
    this.s['dismiss']!.run(at, staffId, id, mode);
  }

  ledgerPosition(mode: Mode): number {
    return Number((this.s['position']!.get(mode) as { id: number }).id);
  }

  /** Built per call: the filters decide the WHERE clause. Settles are markers, never shown. */
  history(mode: Mode, f: HistoryFilter): HistoryLine[] {
    const where = ["l.mode = ?", "l.kind <> 'settle'"];
    const args: (string | number)[] = [mode];
    const add = (clause: string, value: number | null) => {
      if (value === null) return;
      where.push(clause);
      args.push(value);
    };
    add('l.at >= ?', f.from);
    add('l.at < ?', f.to);
    add('l.id < ?', f.beforeId);
    if (f.kinds.length > 0) {
      where.push(`(${KIND_SQL}) IN (${f.kinds.map(() => '?').join(', ')})`);
      args.push(...f.kinds);
    }
    args.push(f.limit);
    const rows = this.db
      .prepare(`SELECT l.id, ${KIND_SQL} AS kind, l.credits, l.at, l.note, s.name AS staffName, l.purchase_id AS purchaseId
        FROM credit_ledger l
        LEFT JOIN billing_purchases p ON p.purchase_id = l.purchase_id
        LEFT JOIN staff s ON s.id = l.staff_id
        WHERE ${where.join(' AND ')}
        ORDER BY l.id DESC LIMIT ?`)
      .all(...args) as unknown as (Omit<HistoryLine, 'kind'> & { kind: HistoryKind })[];
    return rows.map((r) => ({ ...r }));
  }
}
