'use strict';
/**
 * `npm run dist`: builds SMS Desk's installer for this computer's platform (Windows NSIS, macOS dmg,
 * Linux AppImage and deb; electron-builder.yml). electron-builder packs the Electron binary, so it
 * is fetched first the way `npm start` does it (scripts/ensure-electron.cjs); when it cannot be
 * downloaded, one sentence says so and the command exits non-zero, without a stack trace.
 * Extra arguments go to electron-builder (for example `npm run dist -- --linux deb`).
 */
const { spawnSync } = require('node:child_process');
const { dirname } = require('node:path');
const { ensureElectron } = require('./ensure-electron.cjs');

const NO_ELECTRON =
  'SMS Desk\'s installer cannot be built here because Electron, which it packs, could not be downloaded (about 100 MB, needed once): check the internet connection or ELECTRON_MIRROR and run "npm run dist" again.';

const root = dirname(__dirname);

/** Runs one build step in the project folder with its output shown; true when it succeeded. */
function runStep(command, args, run = spawnSync) {
  const result = run(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return !result.error && result.status === 0;
}

/**
 * The steps in order: Electron present, the app built (out/), the installer packed (dist/).
 * Returns the exit code and the sentence to print, if any.
 */
function dist({ ensure = ensureElectron, step = runStep, extraArgs = [] } = {}) {
  const electron = ensure();
  if (!electron.ok) {
    if (electron.exitCode === 130) return { exitCode: 130, message: null };
    return { exitCode: 1, message: electron.message && electron.message.startsWith('The electron package is not installed') ? electron.message : NO_ELECTRON };
  }
  if (!step('npx', ['electron-vite', 'build'])) return { exitCode: 1, message: 'SMS Desk could not be built (the errors are above), so no installer was made.' };
  if (!step('npx', ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...extraArgs])) {
    return { exitCode: 1, message: 'electron-builder could not make the installer (its errors are above).' };
  }
  return { exitCode: 0, message: null };
}

module.exports = { dist, NO_ELECTRON };

if (require.main === module) {
  const { exitCode, message } = dist({ extraArgs: process.argv.slice(2) });
  if (message) console.error(message);
  process.exitCode = exitCode;
}
