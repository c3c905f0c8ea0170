export default `
-- The contact book (SPEC §5). Phones are E.164; consent stays one record per phone in the
-- consent tables, so everyone sharing a phone shares its consent and its history.
CREATE TABLE families (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX families_name ON families (name COLLATE NOCASE);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('guardian', 'student', 'staff')),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  -- lower(last first): what the list sorts and pages by.
  sort_key TEXT NOT NULL,
  family_id INTEGER REFERENCES families(id),
  email TEXT,
  birthday TEXT,
  archived_at INTEGER,
  merged_into INTEGER REFERENCES contacts(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (kind <> 'staff' OR family_id IS NULL)
) STRICT;
CREATE INDEX contacts_current ON contacts (sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX contacts_archived ON contacts (sort_key, id) WHERE archived_at IS NOT NULL;
CREATE INDEX contacts_family ON contacts (family_id);

-- Who uses which phone. A phone shared by a family appears once per person.
CREATE TABLE contact_phones (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  phone TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (contact_id, phone)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_phones_phone ON contact_phones (phone);

CREATE TABLE classes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- JSON array of {weekday, start, end}
  schedule TEXT NOT NULL DEFAULT '[]',
  archived_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE enrollments (
  class_id INTEGER NOT NULL REFERENCES classes(id),
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  enrolled_at INTEGER NOT NULL,
  PRIMARY KEY (class_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX enrollments_contact ON enrollments (contact_id);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  tag_id INTEGER NOT NULL REFERENCES tags(id),
  PRIMARY KEY (contact_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (tag_id);

-- Each CSV import, with the source of consent it stated ("collected on our registration form").
CREATE TABLE contact_imports (
  id INTEGER PRIMARY KEY,
  statement TEXT NOT NULL,
  file_name TEXT NOT NULL,
  staff_id TEXT,
  imported INTEGER NOT NULL,
  merged INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  at INTEGER NOT NULL
) STRICT;
-- The consent changes an import made: consent_events keeps its own columns, this says why.
CREATE TABLE import_consent_events (
  consent_event_id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES contact_imports(id)
) STRICT;
`;
