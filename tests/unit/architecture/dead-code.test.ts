import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code only tests call is code nobody reads carefully: it drifts from what the app does while
 * the tests keep it looking alive. These checks keep the carrier port and the ports' helpers to
 * what the app uses, and the build configs to files that exist.
 */

const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const appSources = sourceFiles('src');
/** The app's own code: what runs the port, not what implements it (adapters, the simulator). */
const callers = appSources.filter((path) => !/^src\/main\/(adapters|sandbox|core\/ports)\//.test(path));

describe('no dead code', () => {
  it('the app calls every method of the carrier port', () => {
    const port = read('src/main/core/ports/carrier-gateway.ts');
    const body = /export interface CarrierGateway[^{]*\{([\s\S]*?)\n\}/.exec(port)?.[1] ?? '';
    const methods = [...body.matchAll(/^ {2}(\w+)\(/gm)].map(([, name]) => name);
    expect(methods.length).toBeGreaterThan(5);
    const called = new Set(methods.filter((name) => callers.some((path) => read(path).includes(`.${name}(`))));
    expect(methods.filter((name) => !called.has(name))).toEqual([]);
  });

  it('every function a port exports is used outside its own file', () => {
    const ports = appSources.filter((path) => path.startsWith('src/main/core/ports/'));
    const unused = ports.flatMap((path) =>
      [...read(path).matchAll(/^export (?:async )?function (\w+)/gm)]
        .map(([, name = '']) => name)
        .filter((name) => !appSources.some((other) => other !== path && new RegExp(`\\b${name}\\b`).test(read(other))))
        .map((name) => `${path}: ${name}`),
    );
    expect(unused).toEqual([]);
  });

  it('every file a tsconfig names exists', () => {
    const configs = readdirSync(root).filter((name) => /^tsconfig.*\.json$/.test(name));
    const missing = configs.flatMap((name) => {
      const config = JSON.parse(read(name)) as { include?: string[]; files?: string[] };
      return [...(config.include ?? []), ...(config.files ?? [])]
        .filter((entry) => !entry.includes('*') && !existsSync(join(root, entry)))
        .map((entry) => `${name}: ${entry}`);
    });
    expect(missing).toEqual([]);
  });
});
