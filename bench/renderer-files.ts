import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What index.html makes the browser fetch before the first screen: its script, module preloads and stylesheets. */
export function firstScreenFiles(indexHtml: string): string[] {
  const files = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script') && /\btype="module"/.test(tag);
    const isLoadedLink = tag.startsWith('<link') && /\brel="(modulepreload|stylesheet)"/.test(tag);
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isScript || isLoadedLink) && url) files.add(url.replace(/^\.?\//, ''));
  }
  return [...files];
}

/** Raw and gzip size (zlib's default level, as a server compressing on the fly would) of one built file. */
export function sizeOf(rendererDir: string, file: string): AssetSize {
  const content = readFileSync(join(rendererDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content).length };
}

/** The first screen's files, and every other script (fetched when its screen is first opened). */
export function rendererSizes(rendererDir: string): { first: AssetSize[]; onDemand: AssetSize[] } {
  const firstFiles = firstScreenFiles(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  const scripts = readdirSync(join(rendererDir, 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`);
  return {
    first: firstFiles.map((file) => sizeOf(rendererDir, file)),
    onDemand: scripts.filter((file) => !firstFiles.includes(file)).map((file) => sizeOf(rendererDir, file)),
  };
}
