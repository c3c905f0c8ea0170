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

-- Full-text search over every message body, the families' replies and the texts sent to them.
-- The store asks only with quoted terms it built itself, never with what was typed.
CREATE VIRTUAL TABLE message_search USING fts5(
  body, mode UNINDEXED, phone UNINDEXED, direction UNINDEXED, message_id UNINDEXED, at UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO message_search (body, mode, phone, direction, message_id, at)
  SELECT body, mode, phone, 'inbound', id, at FROM inbound_messages;
INSERT INTO message_search (body, mode, phone, direction, message_id, at)
  SELECT COALESCE(o.text, b.text), o.mode, o.to_number, 'outbound', o.id, b.created_at
  FROM outbox o JOIN send_batches b ON b.id = o.batch_id;

CREATE TRIGGER inbound_messages_search AFTER INSERT ON inbound_messages
BEGIN
  INSERT INTO message_search (body, mode, phone, direction, message_id, at)
    VALUES (NEW.body, NEW.mode, NEW.phone, 'inbound', NEW.id, NEW.at);
END;
CREATE TRIGGER outbox_search AFTER INSERT ON outbox
BEGIN
  INSERT INTO message_search (body, mode, phone, direction, message_id, at)
    SELECT COALESCE(NEW.text, b.text), NEW.mode, NEW.to_number, 'outbound', NEW.id, b.created_at
    FROM send_batches b WHERE b.id = NEW.batch_id;
END;
`;
