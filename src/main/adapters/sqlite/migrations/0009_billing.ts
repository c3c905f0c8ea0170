export default `
-- Buying credits. The billing service is the witness of payment; these tables are the desk's
-- bookkeeping of what it asked for and what it granted, so a grant happens once per purchase.

-- Every purchase the desk opened or renewed, as the billing service last described it.
CREATE TABLE billing_purchases (
  purchase_id TEXT PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  kind TEXT NOT NULL CHECK (kind IN ('checkout', 'renewal')),
  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'declined', 'expired')),
  credits INTEGER NOT NULL CHECK (credits > 0),
  total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
  currency TEXT NOT NULL,
  checkout_url TEXT,
  failure TEXT,
  staff_id TEXT,
  renewal_key TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  paid_at INTEGER,
  -- Set in the same transaction as the ledger entry that granted it, never cleared.
  granted_at INTEGER
) STRICT;
CREATE INDEX billing_purchases_open ON billing_purchases (mode, created_at) WHERE status = 'open';
CREATE TRIGGER billing_purchases_granted_once BEFORE UPDATE OF granted_at ON billing_purchases
WHEN OLD.granted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a purchase is granted once'); END;

-- The ledger names the purchase a grant paid for: a second entry for one purchase is refused.
ALTER TABLE credit_ledger ADD COLUMN purchase_id TEXT;
CREATE UNIQUE INDEX credit_ledger_one_grant_per_purchase ON credit_ledger (purchase_id) WHERE purchase_id IS NOT NULL;

-- Auto Renew Credits, per mode: the settings the billing service confirmed, and the crossing of
-- the threshold being handled. A crossing's key is asked of the service at most once.
CREATE TABLE billing_auto_renew (
  mode TEXT PRIMARY KEY CHECK (mode IN ('sandbox', 'live')),
  status TEXT NOT NULL CHECK (status IN ('off', 'needs_card', 'on', 'disabled')),
  threshold_credits INTEGER,
  pack_credits INTEGER,
  card TEXT,
  reason TEXT,
  -- Changes whenever an admin turns it on again, so a new crossing key is made after a decline.
  armed_at INTEGER NOT NULL DEFAULT 0,
  -- The crossing seen and not yet over (the balance is still under the threshold), or null.
  crossing_key TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE billing_renewals (
  renewal_key TEXT PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  purchase_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('asked', 'paid', 'declined', 'failed')),
  at INTEGER NOT NULL
) STRICT;

-- Notices for admins (a renewal paid or declined) that stay until an admin dismisses them.
CREATE TABLE billing_notices (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  tone TEXT NOT NULL CHECK (tone IN ('info', 'problem')),
  message TEXT NOT NULL,
  at INTEGER NOT NULL,
  dismissed_at INTEGER,
  dismissed_by TEXT
) STRICT;
`;
