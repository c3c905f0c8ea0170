import { DatabaseSync } from 'node:sqlite';
import type { Money } from '../shared/billing/money';

/**
 * The billing service's own SQLite file: businesses, token hashes, Stripe customer ids,
 * purchases with their Checkout Session ids, renewals keyed by renewal key, auto-renew settings.
 * A separate program from the desk: nothing here goes through the desk's Storage port.
 */
const schema = `
CREATE TABLE IF NOT EXISTS businesses (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  stripe_customer_id TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  business_id TEXT NOT NULL REFERENCES businesses(id),
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE TABLE IF NOT EXISTS purchases (
  id TEXT PRIMARY KEY,
  business_id TEXT NOT NULL REFERENCES businesses(id),
  kind TEXT NOT NULL CHECK (kind IN ('checkout', 'renewal')),
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'declined', 'expired')),
  credits INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  monthly_fee_minor INTEGER,
  currency TEXT NOT NULL,
  country TEXT NOT NULL,
  description TEXT,
  checkout_session_id TEXT UNIQUE,
  checkout_url TEXT,
  payment_intent_id TEXT,
  renewal_key TEXT,
  created_at INTEGER NOT NULL,
  paid_at INTEGER,
  failure TEXT,
  UNIQUE (business_id, renewal_key)
) STRICT;
CREATE INDEX IF NOT EXISTS purchases_by_business_time ON purchases (business_id, created_at);
CREATE TABLE IF NOT EXISTS auto_renew (
  business_id TEXT PRIMARY KEY REFERENCES businesses(id),
  status TEXT NOT NULL CHECK (status IN ('off', 'needs_card', 'on', 'disabled')),
  threshold_credits INTEGER,
  pack_credits INTEGER,
  country TEXT,
  payment_method_id TEXT,
  card TEXT,
  reason TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS setups (
  id TEXT PRIMARY KEY,
  business_id TEXT NOT NULL REFERENCES businesses(id),
  checkout_session_id TEXT UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('open', 'complete', 'expired', 'replaced')),
  threshold_credits INTEGER NOT NULL,
  pack_credits INTEGER NOT NULL,
  country TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS webhook_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
`;

export type PurchaseStatus = 'open' | 'paid' | 'declined' | 'expired';

export interface PurchaseRow {
  id: string;
  businessId: string;
  kind: 'checkout' | 'renewal';
  status: PurchaseStatus;
  credits: number;
  total: Money;
  monthlyFeeMinor: number | null;
  country: string;
  description: string | null;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  paymentIntentId: string | null;
  renewalKey: string | null;
  createdAt: number;
  paidAt: number | null;
  failure: string | null;
}

export interface AutoRenewRow {
  businessId: string;
  status: 'off' | 'needs_card' | 'on' | 'disabled';
  thresholdCredits: number | null;
  packCredits: number | null;
  country: string | null;
  paymentMethodId: string | null;
  card: string | null;
  reason: string | null;
}

export interface SetupRow {
  id: string;
  businessId: string;
  checkoutSessionId: string | null;
  status: 'open' | 'complete' | 'expired' | 'replaced';
  thresholdCredits: number;
  packCredits: number;
  country: string;
  createdAt: number;
}

type Row = Record<string, unknown>;

function toPurchase(row: Row): PurchaseRow {
  return {
    id: String(row.id),
    businessId: String(row.business_id),
    kind: row.kind as PurchaseRow['kind'],
    status: row.status as PurchaseStatus,
    credits: Number(row.credits),
    total: { minor: Number(row.total_minor), currency: row.currency as Money['currency'] },
    monthlyFeeMinor: row.monthly_fee_minor === null ? null : Number(row.monthly_fee_minor),
    country: String(row.country),
    description: (row.description as string | null) ?? null,
    checkoutSessionId: (row.checkout_session_id as string | null) ?? null,
    checkoutUrl: (row.checkout_url as string | null) ?? null,
    paymentIntentId: (row.payment_intent_id as string | null) ?? null,
    renewalKey: (row.renewal_key as string | null) ?? null,
    createdAt: Number(row.created_at),
    paidAt: row.paid_at === null ? null : Number(row.paid_at),
    failure: (row.failure as string | null) ?? null,
  };
}

function toSetup(row: Row): SetupRow {
  return {
    id: String(row.id),
    businessId: String(row.business_id),
    checkoutSessionId: (row.checkout_session_id as string | null) ?? null,
    status: row.status as SetupRow['status'],
    thresholdCredits: Number(row.threshold_credits),
    packCredits: Number(row.pack_credits),
    country: String(row.country),
    createdAt: Number(row.created_at),
  };
}

export class BillingStore {
  private readonly db: DatabaseSync;

  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.db.exec(schema);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  // Businesses and tokens

  businessByName(name: string): { id: string; name: string; stripeCustomerId: string | null } | null {
    const row = this.db.prepare('SELECT id, name, stripe_customer_id FROM businesses WHERE name = ?').get(name);
    return row ? { id: String(row.id), name: String(row.name), stripeCustomerId: (row.stripe_customer_id as string | null) ?? null } : null;
  }

  business(id: string): { id: string; name: string; stripeCustomerId: string | null } | null {
    const row = this.db.prepare('SELECT id, name, stripe_customer_id FROM businesses WHERE id = ?').get(id);
    return row ? { id: String(row.id), name: String(row.name), stripeCustomerId: (row.stripe_customer_id as string | null) ?? null } : null;
  }

  addBusiness(id: string, name: string, now: number): void {
    this.db.prepare('INSERT INTO businesses (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now);
  }

  setStripeCustomer(businessId: string, customerId: string): void {
    this.db.prepare('UPDATE businesses SET stripe_customer_id = ? WHERE id = ? AND stripe_customer_id IS NULL').run(customerId, businessId);
  }

  addToken(id: string, businessId: string, secretHash: Uint8Array, now: number): void {
    this.db.prepare('INSERT INTO tokens (id, business_id, secret_hash, created_at) VALUES (?, ?, ?, ?)').run(id, businessId, secretHash, now);
  }

  activeToken(id: string): { businessId: string; secretHash: Uint8Array } | null {
    const row = this.db.prepare('SELECT business_id, secret_hash FROM tokens WHERE id = ? AND revoked_at IS NULL').get(id);
    return row ? { businessId: String(row.business_id), secretHash: row.secret_hash as Uint8Array } : null;
  }

  revokeToken(id: string, now: number): boolean {
    return Number(this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes) > 0;
  }

  // Purchases

  insertPurchase(p: PurchaseRow): void {
    this.db
      .prepare(
        `INSERT INTO purchases (id, business_id, kind, status, credits, total_minor, monthly_fee_minor, currency, country,
          description, checkout_session_id, checkout_url, payment_intent_id, renewal_key, created_at, paid_at, failure)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.businessId, p.kind, p.status, p.credits, p.total.minor, p.monthlyFeeMinor, p.total.currency, p.country,
        p.description, p.checkoutSessionId, p.checkoutUrl, p.paymentIntentId, p.renewalKey, p.createdAt, p.paidAt, p.failure);
  }

  purchase(businessId: string, id: string): PurchaseRow | null {
    const row = this.db.prepare('SELECT * FROM purchases WHERE id = ? AND business_id = ?').get(id, businessId);
    return row ? toPurchase(row) : null;
  }

  purchaseBySession(sessionId: string): PurchaseRow | null {
    const row = this.db.prepare('SELECT * FROM purchases WHERE checkout_session_id = ?').get(sessionId);
    return row ? toPurchase(row) : null;
  }

  purchaseByPaymentIntent(paymentIntentId: string): PurchaseRow | null {
    const row = this.db.prepare('SELECT * FROM purchases WHERE payment_intent_id = ?').get(paymentIntentId);
    return row ? toPurchase(row) : null;
  }

  renewalByKey(businessId: string, renewalKey: string): PurchaseRow | null {
    const row = this.db.prepare('SELECT * FROM purchases WHERE business_id = ? AND renewal_key = ?').get(businessId, renewalKey);
    return row ? toPurchase(row) : null;
  }

  attachCheckout(id: string, sessionId: string, url: string): void {
    this.db.prepare('UPDATE purchases SET checkout_session_id = ?, checkout_url = ? WHERE id = ?').run(sessionId, url, id);
  }

  /**
   * Moves a purchase on. `paid` is final and so is `expired`: a purchase Stripe called paid never
   * goes back, and paying again changes nothing (paid_at stays the first one).
   */
  settle(id: string, change: { status: PurchaseStatus; paymentIntentId?: string | null; paidAt?: number | null; failure?: string | null }): void {
    this.db
      .prepare(
        `UPDATE purchases SET status = ?, payment_intent_id = COALESCE(?, payment_intent_id), paid_at = COALESCE(paid_at, ?), failure = ?
         WHERE id = ? AND status IN ('open', 'declined')`,
      )
      .run(change.status, change.paymentIntentId ?? null, change.paidAt ?? null, change.failure ?? null, id);
  }

  recentPurchases(businessId: string, sinceMs: number, limit: number): PurchaseRow[] {
    return this.db
      .prepare('SELECT * FROM purchases WHERE business_id = ? AND created_at >= ? ORDER BY created_at DESC, id LIMIT ?')
      .all(businessId, sinceMs, limit)
      .map(toPurchase);
  }

  renewalsSince(businessId: string, sinceMs: number): number {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM purchases WHERE business_id = ? AND kind = 'renewal' AND created_at >= ?").get(businessId, sinceMs);
    return Number(row?.n ?? 0);
  }

  /** Whether a paid purchase in [fromMs, toMs) already carried the monthly fee. */
  monthlyFeePaidBetween(businessId: string, fromMs: number, toMs: number): boolean {
    const row = this.db
      .prepare("SELECT 1 AS x FROM purchases WHERE business_id = ? AND status = 'paid' AND monthly_fee_minor IS NOT NULL AND paid_at >= ? AND paid_at < ? LIMIT 1")
      .get(businessId, fromMs, toMs);
    return row !== undefined;
  }

  paidTotals(businessId: string): { purchases: number; credits: number; totals: Money[] } {
    const rows = this.db
      .prepare("SELECT currency, COUNT(*) AS n, SUM(credits) AS credits, SUM(total_minor) AS minor FROM purchases WHERE business_id = ? AND status = 'paid' GROUP BY currency ORDER BY currency")
      .all(businessId);
    return {
      purchases: rows.reduce((sum, r) => sum + Number(r.n), 0),
      credits: rows.reduce((sum, r) => sum + Number(r.credits), 0),
      totals: rows.map((r) => ({ minor: Number(r.minor), currency: r.currency as Money['currency'] })),
    };
  }

  // Auto-renew

  autoRenew(businessId: string): AutoRenewRow | null {
    const row = this.db.prepare('SELECT * FROM auto_renew WHERE business_id = ?').get(businessId);
    if (!row) return null;
    return {
      businessId,
      status: row.status as AutoRenewRow['status'],
      thresholdCredits: row.threshold_credits === null ? null : Number(row.threshold_credits),
      packCredits: row.pack_credits === null ? null : Number(row.pack_credits),
      country: (row.country as string | null) ?? null,
      paymentMethodId: (row.payment_method_id as string | null) ?? null,
      card: (row.card as string | null) ?? null,
      reason: (row.reason as string | null) ?? null,
    };
  }

  saveAutoRenew(r: AutoRenewRow, now: number): void {
    this.db
      .prepare(
        `INSERT INTO auto_renew (business_id, status, threshold_credits, pack_credits, country, payment_method_id, card, reason, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (business_id) DO UPDATE SET status = excluded.status, threshold_credits = excluded.threshold_credits,
           pack_credits = excluded.pack_credits, country = excluded.country, payment_method_id = excluded.payment_method_id,
           card = excluded.card, reason = excluded.reason, updated_at = excluded.updated_at`,
      )
      .run(r.businessId, r.status, r.thresholdCredits, r.packCredits, r.country, r.paymentMethodId, r.card, r.reason, now);
  }

  insertSetup(s: SetupRow): void {
    this.db.prepare("UPDATE setups SET status = 'replaced' WHERE business_id = ? AND status = 'open'").run(s.businessId);
    this.db
      .prepare('INSERT INTO setups (id, business_id, checkout_session_id, status, threshold_credits, pack_credits, country, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.businessId, s.checkoutSessionId, s.status, s.thresholdCredits, s.packCredits, s.country, s.createdAt);
  }

  attachSetupSession(id: string, sessionId: string): void {
    this.db.prepare('UPDATE setups SET checkout_session_id = ? WHERE id = ?').run(sessionId, id);
  }

  openSetup(businessId: string): SetupRow | null {
    const row = this.db.prepare("SELECT * FROM setups WHERE business_id = ? AND status = 'open' ORDER BY created_at DESC LIMIT 1").get(businessId);
    return row ? toSetup(row) : null;
  }

  setupBySession(sessionId: string): SetupRow | null {
    const row = this.db.prepare('SELECT * FROM setups WHERE checkout_session_id = ?').get(sessionId);
    return row ? toSetup(row) : null;
  }

  /** Returns false when the setup was already finished (or replaced): finishing twice changes nothing. */
  finishSetup(id: string, status: 'complete' | 'expired'): boolean {
    return Number(this.db.prepare("UPDATE setups SET status = ? WHERE id = ? AND status = 'open'").run(status, id).changes) > 0;
  }

  // Webhook events: each Stripe event id is acted on once.

  eventSeen(eventId: string): boolean {
    return this.db.prepare('SELECT 1 AS x FROM webhook_events WHERE id = ?').get(eventId) !== undefined;
  }

  recordEvent(eventId: string, type: string, now: number): boolean {
    return Number(this.db.prepare('INSERT OR IGNORE INTO webhook_events (id, type, received_at) VALUES (?, ?, ?)').run(eventId, type, now).changes) > 0;
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
