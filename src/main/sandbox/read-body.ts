import type { IncomingMessage } from 'node:http';

const MAX_BODY = 1_000_000;

/** A request's body as text; past 1 MB it fails with `tooLarge()`, each simulator's own 413 in its own words. */
export function readBody(req: IncomingMessage, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(tooLarge());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
