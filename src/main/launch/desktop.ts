import { join } from 'node:path';
import { nodeVersionProblem } from './node-version';

/**
 * The desktop app starts here (out/main/index.js, package.json "main"). Electron brings its own
 * Node; the app (desktop-app.js, from src/main/index.ts) loads `node:sqlite` as soon as it is
 * required, so that Node is checked first and the app is loaded by path, after the check.
 */
const problem = nodeVersionProblem(process.versions);
if (problem) {
  console.error(problem);
  // Electron keeps running without a window unless told to stop.
  process.exit(1);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be hoisted above the check
require(join(__dirname, 'desktop-app.js'));
