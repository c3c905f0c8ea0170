import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { smokeCheckRequest } from '../../../src/main/launch/smoke-check';

// The packaged app's own entry (out/main/index.js is built from it), run under plain Node 24 the way
// the packaged binary runs it under Electron's Node: `--smoke-check` stops before Electron is needed.
const ENTRY = resolve(__dirname, '../../../src/main/launch/desktop.ts');
const root = mkdtempSync(join(tmpdir(), 'sms-desk-smoke-'));
afterAll(() => {
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
});

function smokeCheck(args: string[] = [], runAs: string[] = []) {
  const command = [...runAs, process.execPath, '--import', 'tsx', ENTRY, '--smoke-check', ...args];
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

/**
 * Folder permissions do not bind the superuser, so as root the check runs without the capabilities
 * that override them (setpriv, util-linux): still root, so the repository is readable wherever it
 * was cloned, but a 0555 folder is read-only to it as to anyone.
 */
function asOrdinaryUser(): string[] {
  if (process.getuid?.() !== 0) return [];
  return ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'];
}

const oneReadableLine = (text: string) => {
  expect(text.split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\bat .*:\d+:\d+|Error:|node:internal/);
};

// Each test starts Node with tsx, which takes seconds on a busy machine: more than the unit default.
describe('the packaged app\'s smoke check', { timeout: 30_000 }, () => {
  it('opens a database with node:sqlite in a new data folder, leaves nothing behind and says it passed', () => {
    const dataDir = join(root, 'fresh', 'SMS Desk');
    const outcome = smokeCheck(['--data-dir', dataDir]);
    expect(outcome).toMatchObject({ status: 0, stderr: '' });
    oneReadableLine(outcome.stdout);
    expect(outcome.stdout).toMatch(/^SMS Desk smoke check passed: SQLite \d+\.\d+\.\d+ on Node\.js 24\.[\d.]+ works in .*\(no database yet\)\.$/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('opens the app\'s existing database read-only and checks it', () => {
    const dataDir = join(root, 'existing');
    mkdirSync(dataDir);
    const db = new DatabaseSync(join(dataDir, 'sms-desk.sqlite'));
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY); INSERT INTO contacts DEFAULT VALUES;');
    db.close();
    const outcome = smokeCheck([`--data-dir=${dataDir}`]);
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain('(sms-desk.sqlite opened and checked)');
    expect(readdirSync(dataDir)).toEqual(['sms-desk.sqlite']);
  });

  it('says in one sentence why it cannot when the data folder is a file', () => {
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'x');
    const outcome = smokeCheck(['--data-dir', join(file, 'SMS Desk')]);
    expect(outcome).toMatchObject({ status: 1, stdout: '' });
    oneReadableLine(outcome.stderr);
    expect(outcome.stderr).toBe(`SMS Desk cannot open its database in ${join(file, 'SMS Desk')}: part of that path is a file, not a folder.`);
  });

  it('says in one sentence why it cannot when the database cannot be made there', () => {
    const dataDir = join(root, 'blocked');
    // Where the scratch database goes there is a folder: SQLite itself refuses to open it.
    mkdirSync(join(dataDir, 'smoke-check.sqlite'), { recursive: true });
    const outcome = smokeCheck(['--data-dir', dataDir]);
    expect(outcome.status).toBe(1);
    oneReadableLine(outcome.stderr);
    expect(outcome.stderr).toMatch(/^SMS Desk cannot open its database in .*blocked: .*unable to open database file\.$/);
  });

  it('says the folder cannot be written to when it is read-only', () => {
    const dataDir = join(root, 'read-only');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o555);
    const outcome = smokeCheck(['--data-dir', dataDir], asOrdinaryUser());
    chmodSync(dataDir, 0o700);
    expect(outcome).toMatchObject({ status: 1, stdout: '' });
    oneReadableLine(outcome.stderr);
    expect(outcome.stderr).toBe(`SMS Desk cannot open its database in ${dataDir}: SMS Desk is not allowed to write in that folder (check its permissions).`);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('under plain Node without a data folder, asks for one', () => {
    const outcome = smokeCheck();
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe('SMS Desk\'s smoke check needs a data folder outside Electron: add --data-dir DIR.');
  });

  it('reads the flag and the folder both ways, and nothing without the flag', () => {
    expect(smokeCheckRequest(['electron', '.'])).toBeNull();
    expect(smokeCheckRequest(['x', '--smoke-check'])).toEqual({ dataDir: null });
    expect(smokeCheckRequest(['x', '--smoke-check', '--data-dir', '/d'])).toEqual({ dataDir: '/d' });
    expect(smokeCheckRequest(['x', '--data-dir=/e', '--smoke-check'])).toEqual({ dataDir: '/e' });
  });
});
