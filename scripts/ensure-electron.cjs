'use strict';
/**
 * Runs before `npm start` and `npm run dev`. The electron package no longer downloads its binary
 * at install: `require('electron')` fetches it the first time it runs. electron-vite reads
 * node_modules/electron/path.txt directly instead, so on a fresh install it stops with "Error:
 * Electron uninstall". Requiring electron here does the download first (honouring ELECTRON_MIRROR,
 * electron_config_cache and the rest of @electron/get's settings); when that cannot happen, one
 * sentence says so and points to browser mode, which needs no Electron.
 *
 * Plain CommonJS without dependencies, so it also runs on the older Node a newcomer may have.
 */
const { spawnSync } = require('node:child_process');
const { dirname } = require('node:path');

const NOT_INSTALLED = 'The electron package is not installed: run "npm install" in the SMS Desk folder first, or "npm run web" to use SMS Desk in your browser instead.';
const CANNOT_DOWNLOAD =
  'SMS Desk could not download Electron, which the desktop app runs on (about 100 MB, needed once): check the internet connection and try again, or run "npm run web" to use SMS Desk in your browser instead.';

/** The folder of the electron package next to this project, or null before `npm install`. */
function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json', { paths: [dirname(__dirname)] }));
  } catch {
    return null;
  }
}

/**
 * `require('electron')` in a child process: it downloads the binary when missing and prints its own
 * progress ("Downloading Electron binary...") on stdout; its stack traces on stderr are set aside
 * for the one sentence. Returns 'ready', 'failed', or 'stopped' (interrupted with Ctrl+C).
 */
function fetchElectron(packageDir, run = spawnSync) {
  const result = run(process.execPath, ['-e', 'require(process.argv[1])', packageDir], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (result.signal === 'SIGINT' || result.signal === 'SIGTERM') return 'stopped';
  return !result.error && result.status === 0 ? 'ready' : 'failed';
}

/** What to do before starting Electron: go on, or stop with an exit code and (maybe) a sentence. */
function ensureElectron({ findPackage = electronPackageDir, fetch = fetchElectron } = {}) {
  const packageDir = findPackage();
  if (packageDir === null) return { ok: false, exitCode: 1, message: NOT_INSTALLED };
  const outcome = fetch(packageDir);
  if (outcome === 'ready') return { ok: true, exitCode: 0, message: null };
  if (outcome === 'stopped') return { ok: false, exitCode: 130, message: null };
  return { ok: false, exitCode: 1, message: CANNOT_DOWNLOAD };
}

module.exports = { ensureElectron, fetchElectron, electronPackageDir, NOT_INSTALLED, CANNOT_DOWNLOAD };

if (require.main === module) {
  const { exitCode, message } = ensureElectron();
  if (message) console.error(message);
  process.exitCode = exitCode;
}
