import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `--smoke-check`: proves a packaged SMS Desk can store its data, without opening a window. It
 * opens a scratch database with `node:sqlite` in the data folder (writes, reads, removes it), then
 * the app's own database read-only when there is one, and prints one line either way. Free of
 * Electron, so the same entry runs under plain Node: `node out/main/index.js --smoke-check --data-dir DIR`.
 */

export const SMOKE_CHECK_FLAG = '--smoke-check';

export interface SmokeCheckOutcome {
  exitCode: 0 | 1;
  line: string;
}

/** The smoke check's data folder when asked for one (`--data-dir DIR` or `--data-dir=DIR`), else null. */
export function smokeCheckRequest(argv: readonly string[]): { dataDir: string | null } | null {
  if (!argv.includes(SMOKE_CHECK_FLAG)) return null;
  const at = argv.indexOf('--data-dir');
  const next = at === -1 ? undefined : argv[at + 1];
  if (next) return { dataDir: next };
  const joined = argv.find((arg) => arg.startsWith('--data-dir='));
  return { dataDir: joined ? joined.slice('--data-dir='.length) : null };
}

/** What went wrong, in words a person fixing their computer can act on. */
function plainReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'SMS Desk is not allowed to write in that folder (check its permissions)';
    case 'EROFS':
      return 'that folder is on a read-only disk';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'part of that path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
    }
  }
}

type Sqlite = typeof import('node:sqlite');

/** Runs the check in this folder; never throws. */
export function runSmokeCheck(dataDir: string, versions: NodeJS.ProcessVersions = process.versions): SmokeCheckOutcome {
  const fail = (reason: string): SmokeCheckOutcome => ({ exitCode: 1, line: `SMS Desk cannot open its database in ${dataDir}: ${reason}.` });
  // Loaded here rather than imported, so an older runtime fails this check instead of the whole file.
  const sqlite = process.getBuiltinModule('node:sqlite') as Sqlite | undefined;
  if (!sqlite) return fail(`this runtime (Node.js ${versions.node}) has no node:sqlite, which needs Node.js 24 or newer`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // A folder that exists but may not be written to: said plainly, before SQLite says it its own way.
    accessSync(dataDir, constants.W_OK);
    const scratch = join(dataDir, 'smoke-check.sqlite');
    let sqliteVersion = '';
    const db = new sqlite.DatabaseSync(scratch);
    try {
      db.exec('CREATE TABLE IF NOT EXISTS smoke (n INTEGER); INSERT INTO smoke (n) VALUES (1);');
      const row = db.prepare('SELECT sqlite_version() AS version, (SELECT count(*) FROM smoke) AS rows').get() as { version: string; rows: number };
      if (row.rows < 1) return fail('a row written to the database could not be read back');
      sqliteVersion = row.version;
    } finally {
      db.close();
      for (const file of [scratch, `${scratch}-journal`]) rmSync(file, { force: true });
    }
    const appDatabase = join(dataDir, 'sms-desk.sqlite');
    let existing = 'no database yet';
    if (existsSync(appDatabase)) {
      const db = new sqlite.DatabaseSync(appDatabase, { readOnly: true });
      try {
        const check = db.prepare('PRAGMA quick_check').get() as { quick_check: string };
        if (check.quick_check !== 'ok') return fail(`sms-desk.sqlite is damaged (${check.quick_check})`);
        existing = 'sms-desk.sqlite opened and checked';
      } finally {
        db.close();
      }
    }
    return { exitCode: 0, line: `SMS Desk smoke check passed: SQLite ${sqliteVersion} on Node.js ${versions.node} works in ${dataDir} (${existing}).` };
  } catch (error) {
    return fail(plainReason(error));
  }
}
