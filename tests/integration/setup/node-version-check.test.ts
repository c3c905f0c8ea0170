import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR_NEEDED, nodeVersionProblem } from '../../../src/main/launch/node-version';

/**
 * The built entry points (out/main, from `npx electron-vite build`) on a Node too old for
 * `node:sqlite`: they must stop with the one sentence, not with ERR_UNKNOWN_BUILTIN_MODULE.
 */

const outMain = resolve('out/main');

function nodeVersion(binary: string): string | null {
  const run = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 20_000 });
  return run.status === 0 ? run.stdout.trim() : null;
}

/** Every `node` on this machine older than the app needs (the machine default is often one). */
function olderNode(): { binary: string; version: string } | null {
  const listed = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  const seen = new Set<string>();
  for (const candidate of [...listed, '/usr/bin/node', '/usr/local/bin/node'].map((line) => line.trim()).filter(Boolean)) {
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const version = nodeVersion(real);
    if (version && Number.parseInt(version, 10) < NODE_MAJOR_NEEDED) return { binary: real, version };
  }
  return null;
}

/** The files a built script requires, followed through the bundle's own chunks. */
function loadedBeforeCheck(file: string, seen = new Set<string>()): string[] {
  const found: string[] = [];
  for (const [, target = ''] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
    if (!target.startsWith('.')) {
      found.push(target);
      continue;
    }
    const path = resolve(dirname(file), target);
    if (seen.has(path)) continue;
    seen.add(path);
    found.push(path, ...loadedBeforeCheck(path, seen));
  }
  return found;
}

const old = olderNode();

describe('start-up on an older Node', () => {
  it.skipIf(old === null)('`npm run web` says in one sentence which Node it needs and exits non-zero', () => {
    const { binary, version } = old!;
    const dataDir = mkdtempSync(join(tmpdir(), 'web-old-node-'));
    const run = spawnSync(binary, [join(outMain, 'web.js'), '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr.trim()).toBe(nodeVersionProblem({ node: version }));
    expect(run.stderr).toContain(`Node.js ${NODE_MAJOR_NEEDED} or newer`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    // The app never started: nothing was written to its data folder.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('both entry points load only the check, not the app and its node:sqlite, before checking', () => {
    for (const entry of ['web.js', 'index.js']) {
      const loaded = loadedBeforeCheck(join(outMain, entry));
      expect(loaded, entry).not.toContain('node:sqlite');
      // `electron` is the runtime's own module, not the app: the smoke check asks it for the data folder, after the check.
      expect(loaded.filter((target) => !target.startsWith('node:') && target !== 'electron' && !target.includes('/chunks/node-version-')), entry).toEqual([]);
    }
  });
});
