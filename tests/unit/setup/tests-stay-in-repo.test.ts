import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone has nothing next to it, so a test that reads a file beside the repository (the
 * product docs, another checkout) passes on one machine and fails on every other. This reads the
 * test code and the test runners' configs and names every path that leaves the repository.
 */

const repoRoot = resolve(__dirname, '../../..');
const repoParent = dirname(repoRoot);
const codeFile = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : filesUnder(full);
    return codeFile.test(entry.name) ? [full] : [];
  });
}

const insideRepo = (target: string): boolean => target === repoRoot || target.startsWith(repoRoot + sep);

/** Every path a file spells out: relative literals, `join`/`resolve(__dirname, …)` chains, absolute literals. */
export function pathsOutsideRepo(file: string, text: string): string[] {
  const here = dirname(file);
  const found: string[] = [];
  for (const [, literal = ''] of text.matchAll(/['"`](\.\.\/[^'"`\s]*)['"`]/g)) {
    if (!insideRepo(resolve(here, literal))) found.push(literal);
  }
  for (const [call, args = ''] of text.matchAll(/(?:resolve|join)\(\s*__dirname\s*((?:,\s*['"`][^'"`]*['"`]\s*)+)\)/g)) {
    const parts = [...args.matchAll(/['"`]([^'"`]*)['"`]/g)].map(([, part = '']) => part);
    if (!insideRepo(resolve(here, ...parts))) found.push(call);
  }
  // Absolute paths into the folder that holds the checkout (docs or data shipped beside it).
  for (const [, literal = ''] of text.matchAll(/['"`](\/[^'"`\s]+)['"`]/g)) {
    if (literal.startsWith(repoParent + sep) && !insideRepo(literal)) found.push(literal);
  }
  return found;
}

describe('tests stay inside the repository', () => {
  it('no test, helper or test config reads a path outside the repository', () => {
    // This file is left out: its examples below leave the repository on purpose.
    const files = [...filesUnder(join(repoRoot, 'tests')), join(repoRoot, 'vitest.config.ts'), join(repoRoot, 'playwright.config.ts')].filter(
      (file) => file !== __filename,
    );
    const offenders = files.flatMap((file) =>
      pathsOutsideRepo(file, readFileSync(file, 'utf8')).map((path) => `${relative(repoRoot, file)}: ${path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('spots each way out', () => {
    const file = join(repoRoot, 'tests/integration/carrier/example.ts');
    const escapes = [
      `path.resolve(__dirname, '../../../../shared/twilio-openapi')`,
      `join(__dirname, '..', '..', '..', '..', 'shared')`,
      `readFileSync('${repoParent}/shared/SPEC.md')`,
    ];
    for (const text of escapes) expect(pathsOutsideRepo(file, text), text).not.toEqual([]);
    const staysIn = [`import { x } from '../../../src/main/sandbox/brands';`, `path.resolve(__dirname, '../../fixtures/twilio-openapi')`, `'/usr/bin/chromium'`];
    for (const text of staysIn) expect(pathsOutsideRepo(file, text), text).toEqual([]);
  });
});
