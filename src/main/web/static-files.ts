import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Resolves a URL path inside `root`, refusing anything that escapes it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

export async function loadStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string; file: string } | null> {
  const file = resolveStatic(root, urlPath);
  if (!file) return null;
  try {
    return { body: await readFile(file), type: contentTypes[extname(file)] ?? 'application/octet-stream', file };
  } catch {
    return null;
  }
}
