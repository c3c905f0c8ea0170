export default `
-- The composer's work in progress, one per staff member: saved as they type, so a crash, a
-- power cut or switching user on the shared desk computer never loses a half-written text.
CREATE TABLE drafts (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id),
  recipients TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;
