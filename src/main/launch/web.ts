import { join } from 'node:path';
import { nodeVersionProblem } from './node-version';

/**
 * `npm run web` starts here (out/main/web.js). The app itself (web-app.js, from web/cli.ts) loads
 * `node:sqlite` as soon as it is required, so the Node version is checked first and the app is
 * loaded by path, which keeps the bundler from hoisting it above the check.
 */
const problem = nodeVersionProblem(process.versions);
if (problem) {
  console.error(problem);
  process.exit(1);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be hoisted above the check
require(join(__dirname, 'web-app.js'));
