import { mkdtempSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { applyMigrations, checksum } from '../../../src/main/adapters/sqlite/migrate';
import released from '../../../src/main/adapters/sqlite/migrations/released-checksums.json';
import { migrations } from '../../../src/main/adapters/sqlite/migrations';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'sms-desk-db-')), 'test.sqlite');
const tables = (db: DatabaseSync) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
const objects = (db: DatabaseSync, type: 'index' | 'trigger') =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]).map((r) => r.name);

/** One check per migration: a new migration without its own check fails this file. */
const checks: Record<number, (db: DatabaseSync) => void> = {
  1: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['staff', 'audit_log']));
    expect(() => db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('a', 'A', 'h', 'not a number')").run()).toThrow(/cannot store TEXT/);
    db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('a', 'A', 'h', 1)").run();
    db.prepare("INSERT INTO audit_log (at, staff_id, action) VALUES (1, 'a', 'x')").run();
    expect(() => db.prepare("INSERT INTO audit_log (at, staff_id, action) VALUES (1, 'nobody', 'x')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  },
  2: (db) => {
    expect(tables(db)).toContain('registration');
    expect(db.prepare('SELECT brand_state, phone_state FROM registration').all()).toEqual([{ brand_state: 'none', phone_state: 'none' }]);
    expect(() => db.prepare("INSERT INTO registration (id, updated_at) VALUES (2, 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE registration SET brand_state = 'maybe'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE registration SET updated_at = 'soon'").run()).toThrow(/cannot store TEXT/);
  },
  3: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['send_batches', 'outbox', 'outbox_state_rank', 'credit_ledger', 'consent', 'consent_events']));
    expect(objects(db, 'trigger')).toEqual(
      expect.arrayContaining(['outbox_state_forward_only', 'credit_ledger_no_update', 'credit_ledger_no_delete', 'consent_events_no_update', 'consent_events_no_delete']),
    );
    expect(objects(db, 'index')).toEqual(
      expect.arrayContaining(['outbox_due', 'outbox_poll', 'outbox_batch_state', 'credit_ledger_one_hold', 'credit_ledger_one_outcome', 'credit_ledger_mode', 'consent_events_phone']),
    );

    const batch = (kind: string, segments = 1) =>
      db
        .prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
          VALUES ('sandbox', ?, 'Hi', 'Hi', ?, '[]', 1, 1, 14400, 1)`)
        .run(kind, segments);
    batch('mass');
    expect(() => batch('newsletter')).toThrow(/CHECK/);
    expect(() => batch('mass', 0)).toThrow(/CHECK/);

    // Outbox rows: one per number per send, states from the fixed list, never moving backwards.
    db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at) VALUES (1, '+12125550142', 1, 1)").run();
    expect(() => db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at) VALUES (1, '+12125550142', 1, 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at) VALUES (99, '+12125550143', 1, 1)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE outbox SET state = 'lost'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE outbox SET state = 'sent'").run();
    expect(() => db.prepare("UPDATE outbox SET state = 'queued'").run()).toThrow(/cannot move backwards/);
    db.prepare("UPDATE outbox SET state = 'delivered'").run();
    expect(() => db.prepare("UPDATE outbox SET state = 'failed'").run()).toThrow(/cannot move backwards/);

    // The ledger: signs fixed per kind, one hold per send, one outcome per message, append-only.
    const ledger = db.prepare('INSERT INTO credit_ledger (mode, kind, credits, batch_id, outbox_id, at) VALUES (?, ?, ?, ?, ?, 1)');
    ledger.run('sandbox', 'grant', 1000, null, null);
    ledger.run('sandbox', 'hold', -1, 1, null);
    expect(() => ledger.run('sandbox', 'hold', -1, 1, null)).toThrow(/UNIQUE/);
    expect(() => ledger.run('sandbox', 'hold', 5, 1, null)).toThrow(/CHECK/);
    expect(() => ledger.run('sandbox', 'adjustment', 0, null, null)).toThrow(/CHECK/);
    expect(() => ledger.run('sandbox', 'settle', 0, null, null)).toThrow(/CHECK/);
    expect(() => ledger.run('live', 'release', 1, null, null)).toThrow(/CHECK/);
    expect(() => ledger.run('test', 'grant', 1, null, null)).toThrow(/CHECK/);
    ledger.run('sandbox', 'release', 1, null, 1);
    expect(() => ledger.run('sandbox', 'release', 1, null, 1)).toThrow(/UNIQUE/);
    expect(() => db.exec('UPDATE credit_ledger SET credits = 5000')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM credit_ledger')).toThrow(/append-only/);

    // Consent: one state per number, every change kept for good.
    db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES ('+12125550142', 'opted_in', 1)").run();
    expect(() => db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES ('+12125550142', 'opted_out', 2)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE consent SET state = 'maybe'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO consent_events (phone, state, source, at) VALUES ('+12125550142', 'opted_in', 'staff', 1)").run();
    expect(() => db.prepare("INSERT INTO consent_events (phone, state, source, at) VALUES ('+12125550142', 'never', 'staff', 1)").run()).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE consent_events SET state = 'opted_out'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM consent_events')).toThrow(/append-only/);
  },
  4: (db) => {
    expect(tables(db)).toContain('drafts');
    db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('d', 'Dana', 'h', 1)").run();
    const save = db.prepare('INSERT INTO drafts (staff_id, recipients, body, updated_at) VALUES (?, ?, ?, ?)');
    save.run('d', '+12125550142', 'Hi', 1);
    expect(() => save.run('d', '', 'Second draft', 2)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => save.run('nobody', '', 'Hi', 1)).toThrow(/FOREIGN KEY/);
    expect(() => save.run('d2', '', 'Hi', 'later')).toThrow(/cannot store TEXT|FOREIGN KEY/);
  },
  5: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['inbound_messages', 'threads', 'thread_notes', 'inbound_sync']));
    expect(objects(db, 'index')).toEqual(expect.arrayContaining(['inbound_messages_thread', 'thread_notes_thread', 'outbox_to_number']));
    const reply = db.prepare('INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at, keyword) VALUES (?, ?, ?, ?, ?, ?)');
    reply.run('sandbox', 'SM1', '+12125550142', 'STOP', 1, 'opt_out');
    // The same carrier message is kept once, however often the log is read.
    expect(() => reply.run('sandbox', 'SM1', '+12125550142', 'STOP', 1, 'opt_out')).toThrow(/UNIQUE/);
    expect(() => reply.run('sandbox', 'SM2', '+12125550142', 'Hi', 1, 'maybe')).toThrow(/CHECK/);
    expect(() => reply.run('test', 'SM3', '+12125550142', 'Hi', 1, null)).toThrow(/CHECK/);
    db.prepare("INSERT INTO threads (mode, phone) VALUES ('sandbox', '+12125550142')").run();
    expect(() => db.prepare("INSERT INTO threads (mode, phone, handled_by) VALUES ('sandbox', '+16175550199', 'nobody')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO thread_notes (mode, phone, body, at) VALUES ('sandbox', '+12125550142', 'Called back', 1)").run();
    expect(() => db.exec("UPDATE thread_notes SET body = 'x'")).toThrow(/append-only/);
  },
  6: (db) => {
    const columns = (db.prepare("SELECT name FROM pragma_table_info('threads')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('handled_up_to');
    db.prepare("INSERT INTO threads (mode, phone, handled_up_to) VALUES ('sandbox', '+12125550142', 7)").run();
    expect(() => db.prepare("UPDATE threads SET handled_up_to = 'soon'").run()).toThrow(/cannot store TEXT/);
  },
  7: (db) => {
    expect(db.prepare('SELECT campaign_state, brand_updates_used, campaign_sid FROM registration').all()).toEqual([
      { campaign_state: 'none', brand_updates_used: 0, campaign_sid: null },
    ]);
    db.prepare("UPDATE registration SET campaign_state = 'verified', business_end_user_sid = 'IT1', phone_number_sid = 'PN1'").run();
    expect(() => db.prepare("UPDATE registration SET campaign_state = 'maybe'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE registration SET brand_updates_used = -1').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE registration SET campaign_submitted_at = 'soon'").run()).toThrow(/cannot store TEXT/);
  },
  8: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['credit_balance', 'outbox_credits_held']));
    expect(objects(db, 'index')).toEqual(expect.arrayContaining(['outbox_due_by_lane', 'send_batches_being_written']));
    expect(objects(db, 'index')).not.toContain('outbox_due');
    expect(db.prepare('SELECT mode, available FROM credit_balance ORDER BY mode').all()).toEqual([{ mode: 'live', available: 0 }, { mode: 'sandbox', available: 0 }]);
    expect(db.prepare('SELECT mode, credits FROM outbox_credits_held ORDER BY mode').all()).toEqual([{ mode: 'live', credits: 0 }, { mode: 'sandbox', credits: 0 }]);
    expect(() => db.prepare("INSERT INTO credit_balance (mode, available) VALUES ('test', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO credit_balance (mode, available) VALUES ('live', 0)").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
      VALUES ('live', 'mass', 'Hi', 'Hi', 1, '[]', 1, 1, 14400, 1)`).run();
    expect(() => db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at, mode) VALUES (1, '+12125550142', 1, 1, 'test')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at, honor_hours) VALUES (1, '+12125550142', 1, 1, 2)").run()).toThrow(/CHECK/);
  },
  // 9-11 are set aside; each gets its own check with its tables.
  9: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['billing_purchases', 'billing_auto_renew', 'billing_renewals', 'billing_notices']));
    const purchase = db.prepare(`INSERT INTO billing_purchases (purchase_id, mode, kind, status, credits, total_minor, currency, created_at, updated_at)
      VALUES (?, 'live', 'checkout', ?, 500, 1500, 'USD', 1, 1)`);
    purchase.run('pur_1', 'open');
    expect(() => purchase.run('pur_1', 'open')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => purchase.run('pur_2', 'refunded')).toThrow(/CHECK/);
    db.prepare("UPDATE billing_purchases SET status = 'paid', granted_at = 2 WHERE purchase_id = 'pur_1'").run();
    expect(() => db.prepare("UPDATE billing_purchases SET granted_at = 3 WHERE purchase_id = 'pur_1'").run()).toThrow(/granted once/);
    // One ledger grant per purchase, whatever asks twice.
    const grant = db.prepare("INSERT INTO credit_ledger (mode, kind, credits, at, purchase_id) VALUES ('live', 'purchase', 500, 1, ?)");
    grant.run('pur_1');
    expect(() => grant.run('pur_1')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO billing_renewals (renewal_key, mode, outcome, at) VALUES ('k', 'live', 'maybe', 1)").run()).toThrow(/CHECK/);
  },
  10: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['families', 'contacts', 'contact_phones', 'classes', 'enrollments', 'tags', 'contact_tags', 'contact_imports', 'import_consent_events']));
    db.prepare("INSERT INTO families (name, created_at) VALUES ('Rivera', 1)").run();
    const person = db.prepare('INSERT INTO contacts (kind, first_name, last_name, sort_key, family_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)');
    person.run('guardian', 'Ana', 'Rivera', 'rivera ana', 1);
    expect(() => person.run('teacher', 'Bo', 'Li', 'li bo', null)).toThrow(/CHECK/);
    expect(() => person.run('staff', 'Bo', 'Li', 'li bo', 1)).toThrow(/CHECK/);
    expect(() => person.run('student', 'Cy', 'Rivera', 'rivera cy', 99)).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO contact_phones (contact_id, phone, position) VALUES (1, '+12125550142', 1)").run();
    expect(() => db.prepare("INSERT INTO contact_phones (contact_id, phone, position) VALUES (1, '+12125550142', 2)").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare("INSERT INTO tags (name, created_at) VALUES ('Team', 1)").run();
    expect(() => db.prepare("INSERT INTO tags (name, created_at) VALUES ('team', 1)").run()).toThrow(/UNIQUE/);
    // Consent stays one record per phone: the contact book adds no consent columns of its own.
    expect((db.prepare("SELECT name FROM pragma_table_info('consent')").all() as { name: string }[]).map((c) => c.name)).toEqual(['phone', 'state', 'updated_at']);
  },
  11: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['templates', 'saved_audiences', 'sms_policy']));
    const columns = (table: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    expect(columns('send_batches')).toEqual(expect.arrayContaining(['personal_texts', 'held_credits']));
    expect(columns('outbox')).toContain('text');
    db.prepare("INSERT INTO templates (name, body, updated_at) VALUES ('Pool closed', 'Hi {first_name}', 1)").run();
    expect(() => db.prepare("INSERT INTO templates (name, body, updated_at) VALUES ('pool CLOSED', 'x', 1)").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO templates (name, body, updated_at) VALUES ('', 'x', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO saved_audiences (name, selection, updated_by, updated_at) VALUES ('Level 2', '{}', 'nobody', 1)").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO sms_policy (id, family_policy, staff_guidelines, updated_at) VALUES (1, 'p', 'g', 1)").run();
    expect(() => db.prepare("INSERT INTO sms_policy (id, family_policy, staff_guidelines, updated_at) VALUES (2, 'p', 'g', 1)").run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at, held_credits)
      VALUES ('live', 'mass', 'Hi', 'Hi', 1, '[]', 1, 1, 14400, 1, 0)`).run()).toThrow(/CHECK/);
  },
  12: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['message_search', 'thread_counts']));
    expect(objects(db, 'index')).toEqual(expect.arrayContaining(['threads_recent', 'threads_unread', 'threads_needs_reply', 'threads_handled', 'threads_assigned', 'inbound_messages_at']));
    // A kept reply brings its conversation's summary up to date and is found by search.
    const reply = db.prepare("INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at) VALUES ('live', ?, '+12125550142', ?, ?)");
    reply.run('SM1', 'Is practice on?', 1_000);
    reply.run('SM2', 'Running late', 2_000);
    expect(db.prepare('SELECT last_at, last_body, unread FROM threads').get()).toEqual({ last_at: 2_000, last_body: 'Running late', unread: 2 });
    expect(db.prepare("SELECT phone FROM message_search WHERE message_search MATCH '\"practi\"*'").all()).toEqual([{ phone: '+12125550142' }]);
    expect(db.prepare("SELECT n FROM thread_counts WHERE mode = 'live' AND key = 'unread_messages'").get()).toEqual({ n: 2 });
    expect(() => db.prepare("UPDATE threads SET assigned_to = 'nobody'").run()).toThrow(/FOREIGN KEY/);
  },
  13: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['autopilot_workflows', 'autopilot_runs']));
    db.prepare(`INSERT INTO autopilot_workflows (name, trigger, audience, body, enabled, checked_up_to, created_at, updated_at)
      VALUES ('Reminder', '{"kind":"newContact"}', '{}', 'Hi', 1, 0, 1, 1)`).run();
    const run = db.prepare("INSERT INTO autopilot_runs (workflow_id, occurrence_at, ran_at, outcome) VALUES (1, ?, 1, 'queued')");
    run.run(1_000);
    // Each occurrence of a workflow is handled once.
    expect(() => run.run(1_000)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO autopilot_runs (workflow_id, occurrence_at, ran_at, outcome) VALUES (1, 2, 1, 'maybe')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE autopilot_workflows SET paused_reason = 'tired'").run()).toThrow(/CHECK/);
  },
  14: (db) => {
    // Report queries read each source by time through these indexes, not by scanning it.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan("SELECT id FROM send_batches WHERE mode = 'live' AND created_at >= 1 AND created_at < 2")).toContain('send_batches_created');
    expect(plan("SELECT credits FROM credit_ledger WHERE mode = 'live' AND at >= 1 AND at < 2")).toContain('credit_ledger_at');
    expect(plan("SELECT id FROM consent_events WHERE state = 'opted_out' AND at >= 1 AND at < 2")).toContain('consent_events_at');
  },
  15: (db) => {
    // A draft keeps who was picked in Compose as JSON, or NULL; anything else is refused.
    db.prepare("INSERT INTO staff (id, name, secret_hash, created_at) VALUES ('d15', 'D', 'h', 1)").run();
    db.prepare("INSERT INTO drafts (staff_id, recipients, body, updated_at) VALUES ('d15', '', 'Hi', 1)").run();
    expect(db.prepare("SELECT selection FROM drafts WHERE staff_id = 'd15'").get()).toEqual({ selection: null });
    db.prepare(`UPDATE drafts SET selection = '{"classes":[1]}' WHERE staff_id = 'd15'`).run();
    expect(() => db.prepare("UPDATE drafts SET selection = 'not json' WHERE staff_id = 'd15'").run()).toThrow(/CHECK/);
  },
};

/** Migration 5 as one build shipped it, edited in place to carry migration 6's column. */
const messengerEditedInPlace = readFileSync(join(__dirname, 'fixtures/0005_messenger_edited.sql'), 'utf8');

describe('migrations', () => {
  it('every migration has its own check', () => {
    expect(migrations.map((m) => m.id).filter((id) => !checks[id])).toEqual([]);
  });

  for (const migration of migrations) {
    it(`${migration.id} ${migration.name} applies on a fresh file and holds its rules`, () => {
      const db = new DatabaseSync(freshFile());
      db.exec('PRAGMA foreign_keys = ON');
      applyMigrations(db, migrations.filter((m) => m.id <= migration.id));
      checks[migration.id]?.(db);
      db.close();
    });
  }

  it('opens with WAL, full sync and foreign keys, and re-opening is a no-op', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    expect(applyMigrations(db, migrations)).toEqual([]);
    db.close();
  });

  it('refuses to start when a landed migration was edited', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = new DatabaseSync(file);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => applyMigrations(db, edited)).toThrow(/changed after it was applied/);
    db.close();
  });

  it('keeps every landed migration exactly as released (append-only for real)', () => {
    const pinned = released as Record<string, string>;
    for (const migration of migrations) {
      expect(pinned[String(migration.id)], `migration ${migration.id} needs its checksum in released-checksums.json`).toBeDefined();
      expect(checksum(migration.sql), `migration ${migration.id} (${migration.name}) was edited after release`).toBe(pinned[String(migration.id)]);
    }
  });

  it('upgrades a database made by the build whose migration 5 already had handled_up_to', () => {
    const file = freshFile();
    const old = new DatabaseSync(file);
    old.exec('PRAGMA foreign_keys = ON');
    applyMigrations(old, [...migrations.filter((m) => m.id <= 4), { id: 5, name: 'messenger', sql: messengerEditedInPlace }]);
    old.prepare("INSERT INTO threads (mode, phone, handled_up_to) VALUES ('sandbox', '+12125550142', 3)").run();
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT MAX(id) AS id FROM schema_migrations').get()).toEqual({ id: migrations.length });
    expect(db.prepare('SELECT handled_up_to FROM threads').get()).toEqual({ handled_up_to: 3 });
    db.close();
  });

  it('adds handled_up_to to a database made with migration 5 as it stands', () => {
    const file = freshFile();
    const old = new DatabaseSync(file);
    applyMigrations(old, migrations.filter((m) => m.id <= 5));
    old.close();
    const db = openDatabase(file);
    checks[6]?.(db);
    db.close();
  });

  it('migration 8 carries waiting texts, the balance and the credits held over from the rows that were there', () => {
    const file = freshFile();
    const old = new DatabaseSync(file);
    old.exec('PRAGMA foreign_keys = ON');
    applyMigrations(old, migrations.filter((m) => m.id <= 7));
    const batch = old.prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, expanded, honor_hours, not_before, validity_seconds, created_at)
      VALUES (?, 'mass', 'Hi', 'Hi', 2, '[]', ?, ?, ?, ?, 14400, 1)`);
    batch.run('sandbox', 3, 1, 1, 5_000); // scheduled, written: 2 waiting, 1 sent
    batch.run('live', 4, 0, 0, null); // now, 1 of 4 written so far
    const row = old.prepare('INSERT INTO outbox (batch_id, to_number, credits, updated_at, state, next_attempt_at) VALUES (?, ?, 2, 1, ?, ?)');
    row.run(1, '+12125550001', 'queued', 0);
    row.run(1, '+12125550002', 'claimed', 9_000);
    row.run(1, '+12125550003', 'sent', 0);
    row.run(2, '+12125550004', 'queued', 0);
    const ledger = old.prepare('INSERT INTO credit_ledger (mode, kind, credits, batch_id, outbox_id, at) VALUES (?, ?, ?, ?, ?, 1)');
    ledger.run('sandbox', 'grant', 1000, null, null);
    ledger.run('sandbox', 'hold', -6, 1, null);
    ledger.run('sandbox', 'settle', 0, null, 3);
    ledger.run('live', 'purchase', 100, null, null);
    ledger.run('live', 'hold', -8, 2, null);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT mode, honor_hours, next_attempt_at FROM outbox ORDER BY id').all()).toEqual([
      { mode: 'sandbox', honor_hours: 1, next_attempt_at: 5_000 },
      { mode: 'sandbox', honor_hours: 1, next_attempt_at: 9_000 },
      { mode: 'sandbox', honor_hours: 1, next_attempt_at: 0 },
      { mode: 'live', honor_hours: 0, next_attempt_at: 0 },
    ]);
    expect(db.prepare('SELECT mode, available FROM credit_balance ORDER BY mode').all()).toEqual([{ mode: 'live', available: 92 }, { mode: 'sandbox', available: 994 }]);
    // Live: one message written (2) and three not yet (6); Sandbox: the two still waiting.
    expect(db.prepare('SELECT mode, credits FROM outbox_credits_held ORDER BY mode').all()).toEqual([{ mode: 'live', credits: 8 }, { mode: 'sandbox', credits: 4 }]);
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const db = new DatabaseSync(freshFile());
    const broken = [...migrations, { id: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT nonsense FROM nowhere;' }];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(tables(db)).not.toContain('half');
    expect((db.prepare('SELECT MAX(id) AS id FROM schema_migrations').get() as { id: number }).id).toBe(migrations.length);
    db.close();
  });
});
