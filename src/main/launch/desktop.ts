import { join } from 'node:path';
import { nodeVersionProblem } from './node-version';
import { runSmokeCheck, smokeCheckRequest } from './smoke-check';

/**
 * The desktop app starts here (out/main/index.js, package.json "main"). Electron brings its own
 * Node; the app (desktop-app.js, from src/main/index.ts) loads `node:sqlite` as soon as it is
 * required, so that Node is checked first and the app is loaded by path, after the check.
 * `--smoke-check` (smoke-check.ts, which needs only node:fs and node:path to load) stops here.
 */
const problem = nodeVersionProblem(process.versions);
if (problem) {
  console.error(problem);
  // Electron keeps running without a window unless told to stop.
  process.exit(1);
}
const smokeCheck = smokeCheckRequest(process.argv);
if (smokeCheck) {
  // `--smoke-check`: open the database and say whether it works, then stop (no window, no core).
  const dataDir = smokeCheck.dataDir ?? electronUserData();
  const outcome = dataDir
    ? runSmokeCheck(dataDir)
    : { exitCode: 1, line: 'SMS Desk\'s smoke check needs a data folder outside Electron: add --data-dir DIR.' };
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.line);
  process.exit(outcome.exitCode);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be hoisted above the check
require(join(__dirname, 'desktop-app.js'));

/** Electron's data folder for this app; null under plain Node, which has no such folder. */
function electronUserData(): string | null {
  if (!process.versions.electron) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only inside Electron, and only for this check
  const { app } = require('electron') as typeof import('electron');
  return app.getPath('userData');
}
