export default `
-- Replies from families, fetched from the carrier's message log (a desktop has no webhook).
-- carrier_sid makes fetching idempotent: the log is read again after being offline, and a
-- reply already kept is skipped.
CREATE TABLE inbound_messages (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  carrier_sid TEXT NOT NULL UNIQUE,
  phone TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL,
  -- The standard keyword it was, if any: it changed the number's consent (or asked for help).
  keyword TEXT CHECK (keyword IN ('opt_out', 'opt_in', 'help'))
) STRICT;
CREATE INDEX inbound_messages_thread ON inbound_messages (mode, phone, id);

-- One conversation per phone number and mode: what has been read, and who handled it.
CREATE TABLE threads (
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  phone TEXT NOT NULL,
  read_up_to INTEGER NOT NULL DEFAULT 0,
  handled_at INTEGER,
  handled_by TEXT REFERENCES staff(id),
  PRIMARY KEY (mode, phone)
) STRICT;

-- Notes staff leave on a conversation for each other; never shown to the family, never edited.
CREATE TABLE thread_notes (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  phone TEXT NOT NULL,
  staff_id TEXT REFERENCES staff(id),
  body TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX thread_notes_thread ON thread_notes (mode, phone, id);
CREATE TRIGGER thread_notes_no_update BEFORE UPDATE ON thread_notes
BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;

-- How far the carrier's log has been read, per mode (its date filter is whole UTC days).
CREATE TABLE inbound_sync (
  mode TEXT PRIMARY KEY CHECK (mode IN ('sandbox', 'live')),
  newest_at INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_to_number ON outbox (to_number);
`;
