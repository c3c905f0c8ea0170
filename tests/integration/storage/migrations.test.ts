import { mkdtempSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { applyMigrations } from '../../../src/main/adapters/sqlite/migrate';
import { migrations } from '../../../src/main/adapters/sqlite/migrations';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'sms-desk-db-')), 'test.sqlite');
const tables = (db: DatabaseSync) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);

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
};

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

  it('rolls back a failing migration completely', () => {
    const db = new DatabaseSync(freshFile());
    const broken = [...migrations, { id: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT nonsense FROM nowhere;' }];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(tables(db)).not.toContain('half');
    expect((db.prepare('SELECT MAX(id) AS id FROM schema_migrations').get() as { id: number }).id).toBe(migrations.length);
    db.close();
  });
});
