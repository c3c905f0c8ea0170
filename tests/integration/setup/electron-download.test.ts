import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANNOT_DOWNLOAD, electronPackageDir } from '../../../scripts/ensure-electron.cjs';

/**
 * A fresh install has no Electron binary: `npm start` and `npm run dev` must fetch it first, and
 * where it cannot be downloaded say so in one sentence instead of electron-vite's "Error:
 * Electron uninstall". The download is made to fail by pointing the mirror at a closed local port.
 */

const electronDir = electronPackageDir()!;
const binaryPresent = (() => {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
})();

/** A loopback port nothing listens on: a listener is opened there and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** The environment of a computer without internet, with an empty download cache. */
async function offline(): Promise<NodeJS.ProcessEnv> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_config_)?electron_/i.test(key)));
  return { ...env, ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`, electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')) };
}

describe.skipIf(binaryPresent)('starting the desktop app where Electron cannot be downloaded', () => {
  it('the pre-step tries the download and stops with the one sentence', async () => {
    const run = spawnSync(process.execPath, [resolve('scripts/ensure-electron.cjs')], { env: await offline(), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr.trim()).toBe(CANNOT_DOWNLOAD);
    expect(run.status).toBe(1);
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
  });

  for (const script of ['start', 'dev']) {
    it(`npm ${script === 'start' ? 'start' : 'run dev'} says so and points to npm run web, never "Electron uninstall"`, async () => {
      const run = spawnSync('npm', ['run', script], { env: await offline(), encoding: 'utf8', timeout: 120_000 });
      const output = run.stdout + run.stderr;
      expect(output).toContain(CANNOT_DOWNLOAD);
      expect(output).not.toContain('Electron uninstall');
      expect(run.status).not.toBe(0);
    });
  }
});
