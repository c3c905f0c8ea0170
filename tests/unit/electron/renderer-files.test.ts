import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, rendererRequestHandler } from '../../../src/main/electron/renderer-files';

const root = join('/opt', 'sms-desk', 'renderer');

/** The app:// handler over a fake file reader that records which files it was asked for. */
function serve(url: string) {
  const read: string[] = [];
  const handler = rendererRequestHandler(root, async (file) => {
    read.push(file);
    return new Response('file');
  });
  return { response: handler({ url }), read };
}

describe('app:// requests', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc123.js?v=2', join('assets', 'index-abc123.js')],
  ])('serves %s from the renderer folder', async (path, file) => {
    const { response, read } = serve(`${APP_ORIGIN}${path}`);
    expect((await response).status).toBe(200);
    expect(read).toEqual([join(root, file)]);
  });

  it.each([
    '/../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/assets/..%2f..%2f..%2f..%2fetc/passwd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/..%5c..%5c..%5cetc%5cpasswd',
  ])('never reads a file outside the renderer folder for %s', async (path) => {
    const { response, read } = serve(`${APP_ORIGIN}${path}`);
    await response;
    for (const file of read) expect(file.startsWith(root + sep)).toBe(true);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://sms-desk.evil/index.html'],
    ['a broken escape', `${APP_ORIGIN}/%E0%A4%A`],
  ])('answers 404 to %s without reading anything', async (_label, url) => {
    const { response, read } = serve(url);
    expect((await response).status).toBe(404);
    expect(read).toEqual([]);
  });
});
