export default `
-- A send: one body to many numbers. The recipient list is stored whole in the same commit as
-- the credit hold, so a crash while the outbox rows are being written loses nothing: the rows
-- are (re)expanded from it on start-up.
CREATE TABLE send_batches (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  kind TEXT NOT NULL CHECK (kind IN ('mass', 'reply', 'signup', 'automated')),
  body TEXT NOT NULL,
  text TEXT NOT NULL,
  segments INTEGER NOT NULL CHECK (segments > 0),
  recipients TEXT NOT NULL,
  recipient_count INTEGER NOT NULL CHECK (recipient_count > 0),
  expanded INTEGER NOT NULL DEFAULT 0 CHECK (expanded IN (0, 1)),
  honor_hours INTEGER NOT NULL CHECK (honor_hours IN (0, 1)),
  not_before INTEGER,
  validity_seconds INTEGER NOT NULL,
  created_by TEXT,
  override_reason TEXT,
  consent_event_id INTEGER UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

-- One row per recipient message. state_rank only grows (trigger below): a status never moves
-- backwards, whatever order the carrier's answers arrive in.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES send_batches(id),
  to_number TEXT NOT NULL,
  credits INTEGER NOT NULL CHECK (credits > 0),
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'claimed', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'canceled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- 1 from the moment a claim is committed until the attempt's outcome is known.
  in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
  claimed_at INTEGER,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER,
  carrier_sid TEXT UNIQUE,
  error_code INTEGER,
  error_message TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (batch_id, to_number)
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('queued', 'claimed');
CREATE INDEX outbox_poll ON outbox (next_poll_at) WHERE state IN ('accepted', 'sent');
CREATE INDEX outbox_batch_state ON outbox (batch_id, state);

CREATE TABLE outbox_state_rank (state TEXT PRIMARY KEY, rank INTEGER NOT NULL) STRICT;
INSERT INTO outbox_state_rank VALUES
  ('queued', 0), ('claimed', 1), ('accepted', 2), ('sent', 3),
  ('delivered', 4), ('undelivered', 4), ('failed', 4), ('canceled', 4);

CREATE TRIGGER outbox_state_forward_only BEFORE UPDATE OF state ON outbox
WHEN NEW.state <> OLD.state AND (
  (SELECT rank FROM outbox_state_rank WHERE state = NEW.state) <= (SELECT rank FROM outbox_state_rank WHERE state = OLD.state)
)
BEGIN
  SELECT RAISE(ABORT, 'outbox state cannot move backwards');
END;

-- Append-only credit ledger, per mode so Sandbox credits never pay for live texts.
-- hold: credits set aside when a send is queued (negative); settle: the carrier took the
-- message (zero, a marker); release: a refund of the hold (positive). Balance = SUM(credits).
CREATE TABLE credit_ledger (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  kind TEXT NOT NULL CHECK (kind IN ('grant', 'purchase', 'adjustment', 'hold', 'settle', 'release')),
  credits INTEGER NOT NULL,
  batch_id INTEGER REFERENCES send_batches(id),
  outbox_id INTEGER REFERENCES outbox(id),
  staff_id TEXT,
  note TEXT,
  at INTEGER NOT NULL,
  CHECK ((kind = 'hold' AND credits < 0 AND batch_id IS NOT NULL)
      OR (kind = 'settle' AND credits = 0 AND outbox_id IS NOT NULL)
      OR (kind = 'release' AND credits > 0 AND (outbox_id IS NOT NULL OR batch_id IS NOT NULL))
      OR (kind IN ('grant', 'purchase', 'adjustment') AND credits <> 0))
) STRICT;
CREATE UNIQUE INDEX credit_ledger_one_hold ON credit_ledger (batch_id) WHERE kind = 'hold';
CREATE UNIQUE INDEX credit_ledger_one_outcome ON credit_ledger (outbox_id, kind) WHERE outbox_id IS NOT NULL;
CREATE INDEX credit_ledger_mode ON credit_ledger (mode, kind);

CREATE TRIGGER credit_ledger_no_update BEFORE UPDATE ON credit_ledger
BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;
CREATE TRIGGER credit_ledger_no_delete BEFORE DELETE ON credit_ledger
BEGIN SELECT RAISE(ABORT, 'the credit ledger is append-only'); END;

-- Consent per phone number, with every change kept.
CREATE TABLE consent (
  phone TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('opted_in', 'opted_out')),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE consent_events (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('opted_in', 'opted_out')),
  source TEXT NOT NULL,
  staff_id TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX consent_events_phone ON consent_events (phone, at);
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
`;
