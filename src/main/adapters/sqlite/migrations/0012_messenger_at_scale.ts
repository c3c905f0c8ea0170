export default `
-- The Messenger Center at a busy year of replies: each conversation keeps its own summary,
-- brought up to date as each reply is kept, instead of being worked out from every reply.
ALTER TABLE threads ADD COLUMN last_reply_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN last_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN last_body TEXT NOT NULL DEFAULT '';
ALTER TABLE threads ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threads ADD COLUMN assigned_to TEXT REFERENCES staff(id);
ALTER TABLE threads ADD COLUMN assigned_at INTEGER;

INSERT INTO threads (mode, phone)
  SELECT DISTINCT i.mode, i.phone FROM inbound_messages i
  WHERE NOT EXISTS (SELECT 1 FROM threads t WHERE t.mode = i.mode AND t.phone = i.phone);
UPDATE threads SET
  last_reply_id = COALESCE((SELECT MAX(i.id) FROM inbound_messages i WHERE i.mode = threads.mode AND i.phone = threads.phone), 0),
  unread = (SELECT COUNT(*) FROM inbound_messages i WHERE i.mode = threads.mode AND i.phone = threads.phone AND i.id > threads.read_up_to);
UPDATE threads SET
  last_at = COALESCE((SELECT i.at FROM inbound_messages i WHERE i.id = threads.last_reply_id), 0),
  last_body = COALESCE((SELECT i.body FROM inbound_messages i WHERE i.id = threads.last_reply_id), '');

-- A kept reply moves its conversation's summary on, in the same statement as the insert.
CREATE TRIGGER inbound_messages_thread_summary AFTER INSERT ON inbound_messages
BEGIN
  INSERT INTO threads (mode, phone, last_reply_id, last_at, last_body, unread)
    VALUES (NEW.mode, NEW.phone, NEW.id, NEW.at, NEW.body, 1)
  ON CONFLICT (mode, phone) DO UPDATE SET
    unread = unread + 1,
    last_reply_id = MAX(last_reply_id, excluded.last_reply_id),
    last_at = CASE WHEN excluded.last_reply_id > last_reply_id THEN excluded.last_at ELSE last_at END,
    last_body = CASE WHEN excluded.last_reply_id > last_reply_id THEN excluded.last_body ELSE last_body END;
END;

-- The list pages by (last_at, phone), newest first; one index per filter so a page never reads
-- the conversations it skips. Each WHERE is repeated word for word by the store's queries.
CREATE INDEX threads_recent ON threads (mode, last_at, phone) WHERE last_reply_id > 0;
CREATE INDEX threads_unread ON threads (mode, last_at, phone) WHERE unread > 0;
CREATE INDEX threads_needs_reply ON threads (mode, last_at, phone) WHERE last_reply_id > COALESCE(handled_up_to, 0);
CREATE INDEX threads_handled ON threads (mode, last_at, phone) WHERE last_reply_id > 0 AND handled_up_to >= last_reply_id;
CREATE INDEX threads_assigned ON threads (mode, assigned_to, last_at, phone) WHERE assigned_to IS NOT NULL;

-- When replies arrived: the carrier log is read from the newest one kept.
CREATE INDEX inbound_messages_at ON inbound_messages (mode, at);

-- How many conversations each filter holds, and the unread total, per mode: kept as threads
-- change, so neither the list's total nor the unread badge counts rows. Keys: all, unread
-- (conversations), unread_messages, needs_reply, handled, and assigned:<staff id>.
CREATE TABLE thread_counts (
  mode TEXT NOT NULL CHECK (mode IN ('sandbox', 'live')),
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (mode, key)
) STRICT, WITHOUT ROWID;
INSERT INTO thread_counts (mode, key, n)
  SELECT m.mode, k.key, (SELECT COUNT(*) FROM threads t WHERE t.mode = m.mode AND CASE k.key
      WHEN 'all' THEN t.last_reply_id > 0
      WHEN 'unread' THEN t.unread > 0
      WHEN 'needs_reply' THEN t.last_reply_id > COALESCE(t.handled_up_to, 0)
      WHEN 'handled' THEN t.last_reply_id > 0 AND t.handled_up_to >= t.last_reply_id END)
  FROM (SELECT 'sandbox' AS mode UNION ALL SELECT 'live') m, (SELECT 'all' AS key UNION ALL SELECT 'unread' UNION ALL SELECT 'needs_reply' UNION ALL SELECT 'handled') k;
INSERT INTO thread_counts (mode, key, n)
  SELECT m.mode, 'unread_messages', (SELECT COALESCE(SUM(t.unread), 0) FROM threads t WHERE t.mode = m.mode)
  FROM (SELECT 'sandbox' AS mode UNION ALL SELECT 'live') m;

-- The same conditions as the indexes above, as 1 or 0, before and after each change.
CREATE TRIGGER threads_counts_insert AFTER INSERT ON threads
BEGIN
  INSERT INTO thread_counts (mode, key, n) VALUES
    (NEW.mode, 'all', NEW.last_reply_id > 0),
    (NEW.mode, 'unread', NEW.unread > 0),
    (NEW.mode, 'unread_messages', NEW.unread),
    (NEW.mode, 'needs_reply', NEW.last_reply_id > COALESCE(NEW.handled_up_to, 0)),
    (NEW.mode, 'handled', NEW.last_reply_id > 0 AND COALESCE(NEW.handled_up_to >= NEW.last_reply_id, 0)),
    (NEW.mode, 'assigned:' || COALESCE(NEW.assigned_to, ''), NEW.assigned_to IS NOT NULL AND NEW.last_reply_id > 0)
  ON CONFLICT (mode, key) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER threads_counts_update AFTER UPDATE ON threads
BEGIN
  INSERT INTO thread_counts (mode, key, n) VALUES
    (NEW.mode, 'all', (NEW.last_reply_id > 0) - (OLD.last_reply_id > 0)),
    (NEW.mode, 'unread', (NEW.unread > 0) - (OLD.unread > 0)),
    (NEW.mode, 'unread_messages', NEW.unread - OLD.unread),
    (NEW.mode, 'needs_reply', (NEW.last_reply_id > COALESCE(NEW.handled_up_to, 0)) - (OLD.last_reply_id > COALESCE(OLD.handled_up_to, 0))),
    (NEW.mode, 'handled', (NEW.last_reply_id > 0 AND COALESCE(NEW.handled_up_to >= NEW.last_reply_id, 0))
      - (OLD.last_reply_id > 0 AND COALESCE(OLD.handled_up_to >= OLD.last_reply_id, 0))),
    (NEW.mode, 'assigned:' || COALESCE(OLD.assigned_to, ''), -(OLD.assigned_to IS NOT NULL AND OLD.last_reply_id > 0)),
    (NEW.mode, 'assigned:' || COALESCE(NEW.assigned_to, ''), NEW.assigned_to IS NOT NULL AND NEW.last_reply_id > 0)
  ON CONFLICT (mode, key) DO UPDATE SET n = n + excluded.n;
END;

-- Full-text search over every message body, the families' replies and the texts sent to them.
-- The store asks only with quoted terms it built itself, never with what was typed. The rowid
-- says which message and mode without reading the row: id * 4 + 2 for a text sent (0 for a
-- reply) + 1 in live mode (0 in Sandbox), so ranking a search reads only the index.
CREATE VIRTUAL TABLE message_search USING fts5(
  body, phone UNINDEXED, at UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO message_search (rowid, body, phone, at)
  SELECT id * 4 + (mode = 'live'), body, phone, at FROM inbound_messages;
INSERT INTO message_search (rowid, body, phone, at)
  SELECT o.id * 4 + 2 + (o.mode = 'live'), COALESCE(o.text, b.text), o.to_number, b.created_at
  FROM outbox o JOIN send_batches b ON b.id = o.batch_id;

CREATE TRIGGER inbound_messages_search AFTER INSERT ON inbound_messages
BEGIN
  INSERT INTO message_search (rowid, body, phone, at) VALUES (NEW.id * 4 + (NEW.mode = 'live'), NEW.body, NEW.phone, NEW.at);
END;
CREATE TRIGGER outbox_search AFTER INSERT ON outbox
BEGIN
  INSERT INTO message_search (rowid, body, phone, at)
    SELECT NEW.id * 4 + 2 + (NEW.mode = 'live'), COALESCE(NEW.text, b.text), NEW.to_number, b.created_at
    FROM send_batches b WHERE b.id = NEW.batch_id;
END;
`;
