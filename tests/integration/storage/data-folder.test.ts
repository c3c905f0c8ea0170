import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { MemorySecretStore } from '../../../src/main/adapters/secrets/memory-secret-store';
import { ConfSettingsStore } from '../../../src/main/adapters/settings/conf-settings-store';
import { TwilioSimulator } from '../../../src/main/sandbox/simulator';

/**
 * Another account on the computer must not be able to copy the database (PIN hashes, phone
 * numbers) or anything else in the data folder. Tests run as root, so modes are checked with
 * stat rather than by trying to read as someone else.
 */

const modeOf = (path: string) => statSync(path).mode & 0o777;
const filesIn = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
const freshParent = () => mkdtempSync(join(tmpdir(), 'sms-desk-folder-'));

let previousUmask = 0;
beforeAll(() => {
  // The usual desktop umask, which left the folder 0755 and its files 0644.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const openApp = (dataDir: string) => createApp({ dataDir, settings: new ConfSettingsStore(dataDir), secrets: new MemorySecretStore(), logError: () => undefined });

async function useTheApp(target: App): Promise<void> {
  const call = (channel: string, input?: unknown) => target.router({ sessionId: 'desk', trustedSender: true }, channel, input);
  expect(await call('session.createFirstAdmin', { name: 'Dana', secret: '482913' })).toMatchObject({ ok: true });
  expect(await call('security.updateSettings', { idleLockMinutes: 7 })).toMatchObject({ ok: true });
}

describe('the data folder is for its owner only', () => {
  it('creates the folder 0700 and the database, its WAL files and the settings 0600', async () => {
    const dataDir = join(freshParent(), 'sms-desk');
    app = await openApp(dataDir);
    await useTheApp(app);

    expect(modeOf(dataDir)).toBe(0o700);
    const files = filesIn(dataDir);
    expect(files).toEqual(expect.arrayContaining(['settings.json', 'sms-desk.sqlite', 'sms-desk.sqlite-shm', 'sms-desk.sqlite-wal']));
    for (const file of files) expect({ file, mode: modeOf(join(dataDir, file)) }).toEqual({ file, mode: 0o600 });
  });

  it('tightens a folder an older version left open, and every file in it', async () => {
    const dataDir = join(freshParent(), 'sms-desk');
    mkdirSync(dataDir, { mode: 0o755 });
    const old = new DatabaseSync(join(dataDir, 'sms-desk.sqlite'));
    old.exec('PRAGMA journal_mode = WAL; CREATE TABLE leftover (x INTEGER)');
    old.close();
    writeFileSync(join(dataDir, 'settings.json'), '{}');
    writeFileSync(join(dataDir, 'sandbox-carrier.json'), '{}');
    writeFileSync(join(dataDir, 'sms-desk.log'), 'an old log\n');
    for (const file of filesIn(dataDir)) chmodSync(join(dataDir, file), 0o644);
    chmodSync(dataDir, 0o755);

    app = await openApp(dataDir);
    await useTheApp(app);

    expect(modeOf(dataDir)).toBe(0o700);
    const files = filesIn(dataDir);
    expect(files).toEqual(expect.arrayContaining(['sandbox-carrier.json', 'settings.json', 'sms-desk.log', 'sms-desk.sqlite', 'sms-desk.sqlite-wal']));
    for (const file of files) expect({ file, mode: modeOf(join(dataDir, file)) }).toEqual({ file, mode: 0o600 });
  });

  it('writes the Sandbox carrier’s state file 0600', async () => {
    const stateFile = join(freshParent(), 'sandbox-carrier.json');
    const sim = await new TwilioSimulator().start({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sandbox-token', stateFile });
    await sim.stop();
    expect(modeOf(stateFile)).toBe(0o600);
  });

  it('writes browser-mode settings 0600, and tightens an old settings file on its next save', () => {
    const dir = freshParent();
    new ConfSettingsStore(dir).update({ idleLockMinutes: 3 });
    expect(modeOf(join(dir, 'settings.json'))).toBe(0o600);
    chmodSync(join(dir, 'settings.json'), 0o644);
    new ConfSettingsStore(dir).update({ idleLockMinutes: 4 });
    expect(modeOf(join(dir, 'settings.json'))).toBe(0o600);
  });
});
