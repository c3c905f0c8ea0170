export default `
-- Nothing the engine asks every round may read the whole backlog. A text scheduled for tomorrow
-- used to look due until its send's row said otherwise, so every round read every scheduled row.

-- Each message carries its send's mode and whether it honours Available SMS Hours, so one index
-- finds what may go now for each mode and kind of send.
ALTER TABLE outbox ADD COLUMN mode TEXT NOT NULL DEFAULT 'sandbox' CHECK (mode IN ('sandbox', 'live'));
ALTER TABLE outbox ADD COLUMN honor_hours INTEGER NOT NULL DEFAULT 0 CHECK (honor_hours IN (0, 1));
UPDATE outbox SET
  mode = (SELECT b.mode FROM send_batches b WHERE b.id = outbox.batch_id),
  honor_hours = (SELECT b.honor_hours FROM send_batches b WHERE b.id = outbox.batch_id);
-- A scheduled message is first tried at its send's time: its next attempt starts there, so the
-- index orders it after everything due sooner. (A send's time never changes once queued.)
UPDATE outbox SET next_attempt_at = MAX(next_attempt_at, (SELECT COALESCE(b.not_before, 0) FROM send_batches b WHERE b.id = outbox.batch_id))
  WHERE state IN ('queued', 'claimed');
DROP INDEX outbox_due;
CREATE INDEX outbox_due_by_lane ON outbox (mode, honor_hours, next_attempt_at) WHERE state IN ('queued', 'claimed');

-- Most rounds ask whether a send is still being written; only those are indexed.
CREATE INDEX send_batches_being_written ON send_batches (id) WHERE expanded = 0;

-- The balance is kept, not summed: the ledger store adds each entry's credits here, all or nothing
-- with the entry itself.
CREATE TABLE credit_balance (
  mode TEXT PRIMARY KEY CHECK (mode IN ('sandbox', 'live')),
  available INTEGER NOT NULL
) STRICT;
INSERT INTO credit_balance (mode, available)
  SELECT m.mode, (SELECT COALESCE(SUM(l.credits), 0) FROM credit_ledger l WHERE l.mode = m.mode)
  FROM (SELECT 'sandbox' AS mode UNION ALL SELECT 'live') m;

-- Credits held by messages not handed to the carrier yet (waiting, in flight, or not written
-- yet), kept by the outbox store as its messages change.
CREATE TABLE outbox_credits_held (
  mode TEXT PRIMARY KEY CHECK (mode IN ('sandbox', 'live')),
  credits INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_credits_held (mode, credits)
  SELECT m.mode,
    (SELECT COALESCE(SUM(o.credits), 0) FROM outbox o WHERE o.state IN ('queued', 'claimed') AND o.mode = m.mode)
    + (SELECT COALESCE(SUM((b.recipient_count - (SELECT COUNT(*) FROM outbox o WHERE o.batch_id = b.id)) * b.segments), 0)
       FROM send_batches b WHERE b.expanded = 0 AND b.mode = m.mode)
  FROM (SELECT 'sandbox' AS mode UNION ALL SELECT 'live') m;
`;
