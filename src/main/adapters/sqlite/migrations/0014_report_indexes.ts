export default `
-- The Reports screen counts per day, week or month over a date range: each source is read by
-- mode and time, so each gets an index that bounds the read to the range.
CREATE INDEX send_batches_created ON send_batches (mode, created_at);
CREATE INDEX credit_ledger_at ON credit_ledger (mode, at);
CREATE INDEX consent_events_at ON consent_events (at) WHERE state = 'opted_out';
`;
