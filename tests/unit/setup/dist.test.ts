import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_ELECTRON, dist } from '../../../scripts/dist.cjs';
import { NOT_INSTALLED } from '../../../scripts/ensure-electron.cjs';

const ROOT = resolve(__dirname, '../../..');
const cache = mkdtempSync(join(tmpdir(), 'sms-desk-dist-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const oneSentence = (text: string) => {
  expect(text).not.toContain('\n');
  expect(text.slice(0, -1)).not.toMatch(/[.!?]\s/);
  expect(text).toMatch(/\.$/);
};

// The first test runs the script in its own Node, which takes seconds on a busy machine.
describe('npm run dist', { timeout: 30_000 }, () => {
  it('where Electron cannot be downloaded, says so in one sentence and exits non-zero without a stack trace', () => {
    // A mirror nobody answers on and an empty download cache: the download fails as it would offline.
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/dist.cjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(NO_ELECTRON);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\bat .*:\d+:\d+|Error:/);
    oneSentence(NO_ELECTRON);
    expect(NO_ELECTRON).toContain('installer');
    expect(NO_ELECTRON).toContain('npm run dist');
  });

  it('builds the app and then packs the installer for this platform, passing extra arguments on', () => {
    const steps: string[][] = [];
    const outcome = dist({ ensure: () => ({ ok: true, exitCode: 0, message: null }), step: (command, args) => (steps.push([command, ...args]), true), extraArgs: ['--linux', 'deb'] });
    expect(outcome).toEqual({ exitCode: 0, message: null });
    expect(steps).toEqual([
      ['npx', 'electron-vite', 'build'],
      ['npx', 'electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', '--linux', 'deb'],
    ]);
  });

  it('stops at the first step that fails, with a sentence, and packs nothing without Electron', () => {
    const steps: string[] = [];
    const record = (ok: boolean) => (command: string, args: string[]) => (steps.push(args[0] ?? command), ok);
    const ready = () => ({ ok: true, exitCode: 0, message: null });
    expect(dist({ ensure: ready, step: record(false) })).toEqual({ exitCode: 1, message: expect.stringContaining('no installer was made') });
    expect(steps).toEqual(['electron-vite']);
    steps.length = 0;
    expect(dist({ ensure: () => ({ ok: false, exitCode: 1, message: 'x' }), step: record(true) })).toEqual({ exitCode: 1, message: NO_ELECTRON });
    expect(dist({ ensure: () => ({ ok: false, exitCode: 1, message: NOT_INSTALLED }), step: record(true) })).toEqual({ exitCode: 1, message: NOT_INSTALLED });
    expect(dist({ ensure: () => ({ ok: false, exitCode: 130, message: null }), step: record(true) })).toEqual({ exitCode: 130, message: null });
    expect(steps).toEqual([]);
  });
});
