import type { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CANNOT_DOWNLOAD, NOT_INSTALLED, electronPackageDir, ensureElectron, fetchElectron } from '../../../scripts/ensure-electron.cjs';

/** A stand-in for spawnSync that answers like a child which exited this way, recording the call. */
function childThat(outcome: { status?: number | null; signal?: NodeJS.Signals | null; error?: Error }) {
  const calls: { command: string; args: readonly string[] }[] = [];
  const run = ((command: string, args: readonly string[]) => {
    calls.push({ command, args });
    return { pid: 1, output: [], stdout: '', stderr: 'TypeError: fetch failed', status: outcome.status ?? null, signal: outcome.signal ?? null, error: outcome.error };
  }) as unknown as typeof spawnSync;
  return { run, calls };
}

describe('getting Electron before the desktop app starts', () => {
  it('requires the electron package of this project, which fetches the binary when it is missing', () => {
    const dir = electronPackageDir();
    expect(dir).toMatch(/node_modules[/\\]electron$/);
    const child = childThat({ status: 0 });
    expect(fetchElectron(dir!, child.run)).toBe('ready');
    expect(child.calls).toEqual([{ command: process.execPath, args: ['-e', 'require(process.argv[1])', dir] }]);
  });

  it('reads a failed download, a child that could not start and Ctrl+C apart', () => {
    expect(fetchElectron('/x', childThat({ status: 1 }).run)).toBe('failed');
    expect(fetchElectron('/x', childThat({ error: new Error('spawn ENOENT') }).run)).toBe('failed');
    expect(fetchElectron('/x', childThat({ signal: 'SIGKILL' }).run)).toBe('failed');
    expect(fetchElectron('/x', childThat({ signal: 'SIGINT' }).run)).toBe('stopped');
  });

  it('goes on when Electron is there, and otherwise stops with one sentence pointing to browser mode', () => {
    const dir = () => '/repo/node_modules/electron';
    expect(ensureElectron({ findPackage: dir, fetch: () => 'ready' })).toEqual({ ok: true, exitCode: 0, message: null });
    expect(ensureElectron({ findPackage: dir, fetch: () => 'failed' })).toEqual({ ok: false, exitCode: 1, message: CANNOT_DOWNLOAD });
    expect(ensureElectron({ findPackage: dir, fetch: () => 'stopped' })).toEqual({ ok: false, exitCode: 130, message: null });
    let fetched = false;
    const notInstalled = ensureElectron({ findPackage: () => null, fetch: () => ((fetched = true), 'ready') });
    expect(notInstalled).toEqual({ ok: false, exitCode: 1, message: NOT_INSTALLED });
    expect(fetched).toBe(false);
    for (const sentence of [CANNOT_DOWNLOAD, NOT_INSTALLED]) {
      expect(sentence).toContain('npm run web');
      expect(sentence).not.toContain('\n');
      expect(sentence.slice(0, -1)).not.toMatch(/[.!?]\s/);
    }
  });
});
