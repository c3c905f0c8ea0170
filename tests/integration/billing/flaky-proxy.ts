import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  url: string;
  /** While true, requests whose path starts with `dropPath` reach the simulator but their answer is cut off. */
  dropAnswers: boolean;
  dropPath: string;
  forwarded: number;
  close(): Promise<void>;
}

/**
 * Sits between the billing service and the simulator. In drop mode Stripe does the work but the
 * service never hears the answer: what a crash or a cut connection right after a charge looks like.
 */
export async function flakyProxy(target: string): Promise<FlakyProxy> {
  const upstream = new URL(target);
  const proxy: FlakyProxy = { url: '', dropAnswers: false, dropPath: '/v1/payment_intents', forwarded: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const drop = proxy.dropAnswers && (req.url ?? '').startsWith(proxy.dropPath);
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          proxy.forwarded += 1;
          if (drop) {
            res.socket?.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      out.on('error', () => res.socket?.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
