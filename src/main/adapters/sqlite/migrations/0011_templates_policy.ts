export default `
-- A send with merge fields gives each recipient their own text. Until the outbox rows are
-- written, the texts wait beside the recipient list, in its order, as [text, segments] pairs
-- (NULL: one text for everyone); the credits held are then their sum, not count × segments.
ALTER TABLE send_batches ADD COLUMN personal_texts TEXT;
ALTER TABLE send_batches ADD COLUMN held_credits INTEGER CHECK (held_credits IS NULL OR held_credits > 0);
-- What the carrier receives for this message when it is not its send's text.
ALTER TABLE outbox ADD COLUMN text TEXT;

-- Saved messages with merge fields, shared by all staff.
CREATE TABLE templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
  updated_by TEXT REFERENCES staff(id),
  updated_at INTEGER NOT NULL
) STRICT;

-- A chosen audience kept by name (families, classes, tags, staff…) as its selection in JSON.
CREATE TABLE saved_audiences (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  selection TEXT NOT NULL,
  updated_by TEXT REFERENCES staff(id),
  updated_at INTEGER NOT NULL
) STRICT;

-- The family SMS policy (shown where staff opt a number in, published on the website) and the
-- staff's own guidelines (shown beside the composer). One row once an admin saves them; until
-- then the app shows its starter texts.
CREATE TABLE sms_policy (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  family_policy TEXT NOT NULL,
  staff_guidelines TEXT NOT NULL,
  updated_by TEXT REFERENCES staff(id),
  updated_at INTEGER NOT NULL
) STRICT;
`;
