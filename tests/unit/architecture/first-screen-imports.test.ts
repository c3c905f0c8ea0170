import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Which screens the first screen carries is checked from the sources, where a new static import shows up first.
const root = resolve(__dirname, '../../..');

/** Where a relative import points: the .ts/.tsx file or the folder's index. */
function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Every file the entry loads before anything is drawn: static imports and re-exports, followed
 * from main.tsx. `import type` is erased and `import()` is fetched later, so neither counts.
 */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, typeOnly, spec = ''] of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?'([^']+)'/gm)) {
      if (typeOnly || !spec.startsWith('.')) continue;
      const target = resolveImport(file, spec);
      if (target) pending.push(target);
    }
  }
  return new Set([...seen].map((file) => relative(root, file)));
}

describe('the first screen loads only what Compose needs', () => {
  const atStart = loadedAtStart(resolve(root, 'src/renderer/src/main.tsx'));

  it('Compose comes with the app', () => {
    expect(atStart.has('src/renderer/src/features/compose/compose-page.tsx')).toBe(true);
    expect(atStart.has('src/renderer/src/features/shell/app-shell.tsx')).toBe(true);
  });

  it('Settings (every tab), the Messenger Center, Contacts, Credits and Reports are fetched when first opened', () => {
    const onDemand = /^src\/renderer\/src\/features\/(settings|settings-sms|messenger|contacts|reports)\/|^src\/renderer\/src\/features\/credits\/credits-(page|settings-tab)\.tsx$/;
    expect([...atStart].filter((file) => onDemand.test(file))).toEqual([]);
  });
});
