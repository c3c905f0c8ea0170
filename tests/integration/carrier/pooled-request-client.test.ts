import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { toCarrierError } from '../../../src/main/adapters/twilio/error-mapping';
import { PooledRequestClient } from '../../../src/main/adapters/twilio/pooled-request-client';
import { HostRewritingRequestClient } from '../../../src/main/adapters/twilio/request-client';

/**
 * The engine's HTTP client for the twilio SDK: what reaches the server must be what the SDK's stock
 * client sends (same method, path, query, headers that matter, form fields), and every failure must
 * keep the code that tells "never reached Twilio" from "may have reached it".
 */
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'secret-token';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  })));
  delete process.env['HTTP_PROXY'];
});

async function serve(answer: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      answer(req, res, entry);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const message = { sid: 'SM0123456789abcdef0123456789abcdef', account_sid: ACCOUNT, to: '+15125550100', body: 'Hi', status: 'queued', num_segments: '1' };
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function sdk(httpClient: twilio.RequestClient) {
  return twilio(ACCOUNT, TOKEN, { accountSid: ACCOUNT, httpClient, autoRetry: false });
}

/** What a form body means, whatever its encoding of spaces: each key with its values in order. */
function fields(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}

describe('PooledRequestClient', () => {
  it('sends what the stock client sends: method, path, auth, headers and form fields (lists repeat their key)', async () => {
    const { base, seen } = await serve((_req, res) => json(res, 201, message));
    const create = { to: '+15125550100', body: 'Pool closed today & tomorrow: 100% sure? ✓', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', persistentAction: ['mailto:a@b.c', 'geo:1,2'], validityPeriod: 3600 };
    await sdk(new HostRewritingRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.create(create);
    const made = await sdk(new PooledRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.create(create);
    expect(made.sid).toBe(message.sid);
    const [stock, pooled] = seen;
    expect(pooled?.method).toBe('POST');
    expect(pooled?.url).toBe(stock?.url);
    expect(pooled?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(fields(pooled?.body ?? '')).toEqual(fields(stock?.body ?? ''));
    expect(fields(pooled?.body ?? '').filter(([k]) => k === 'PersistentAction')).toHaveLength(2);
    for (const header of ['authorization', 'user-agent', 'content-type', 'accept', 'accept-charset']) expect(pooled?.headers[header], header).toBe(stock?.headers[header]);
  });

  it('puts GET parameters in the query, as the stock client does', async () => {
    const { base, seen } = await serve((_req, res) => json(res, 200, { messages: [], next_page_uri: null, page: 0, page_size: 50, uri: '/x' }));
    const since = new Date(Date.UTC(2026, 10, 1));
    await sdk(new HostRewritingRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.page({ to: '+15125550100', dateSentAfter: since, pageSize: 50 });
    await sdk(new PooledRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.page({ to: '+15125550100', dateSentAfter: since, pageSize: 50 });
    const query = (url: string) => [...new URL(url, 'http://x').searchParams].sort();
    expect(query(seen[1]?.url ?? '')).toEqual(query(seen[0]?.url ?? ''));
    expect(query(seen[1]?.url ?? '')).toContainEqual(['PageSize', '50']);
  });

  it('hands the SDK Twilio’s error answer, so it raises the same RestException', async () => {
    const { base } = await serve((_req, res) => json(res, 400, { code: 21211, message: "The 'To' number +15555550123 is not a valid phone number.", status: 400 }));
    const error = await sdk(new PooledRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.create({ to: '+15555550123', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).catch((e: unknown) => e);
    expect(toCarrierError(error, 'write')).toMatchObject({ kind: 'rejected', code: 21211, httpStatus: 400 });
  });

  it('sends a create once: a connection dropped after the request left is in doubt, never retried', async () => {
    const { base, seen } = await serve((req) => req.socket.destroy());
    const error = await sdk(new PooledRequestClient({ baseUrl: base, timeoutMs: 5_000 })).messages.create({ to: '+15125550100', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).catch((e: unknown) => e);
    expect(seen).toHaveLength(1);
    expect(toCarrierError(error, 'write')).toMatchObject({ kind: 'in_doubt' });
  });

  it('reports an answer slower than the timeout as in doubt for a create', async () => {
    const { base, seen } = await serve(() => undefined);
    const t0 = Date.now();
    const error = await sdk(new PooledRequestClient({ baseUrl: base, timeoutMs: 300 })).messages.create({ to: '+15125550100', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(seen).toHaveLength(1);
    expect(toCarrierError(error, 'write')).toMatchObject({ kind: 'in_doubt' });
  });

  it('reports a refused connection as never sent', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await sdk(new PooledRequestClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2_000 })).messages.create({ to: '+15125550100', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).catch((e: unknown) => e);
    expect(toCarrierError(error, 'write')).toMatchObject({ kind: 'not_sent' });
  });

  it('goes through the proxy named by HTTP_PROXY', async () => {
    const twilioSide = await serve((_req, res) => json(res, 201, message));
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    process.env['HTTP_PROXY'] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const client = new PooledRequestClient({ baseUrl: twilioSide.base, timeoutMs: 5_000 });
    await sdk(client).messages.create({ to: '+15125550100', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
    await client.close();
    expect(tunnels).toEqual([new URL(twilioSide.base).host]);
    expect(twilioSide.seen).toHaveLength(1);
  });

  it('gives up on a proxy that never answers within the timeout', async () => {
    const silent = createServer();
    const held: Socket[] = [];
    silent.on('connect', (_req: IncomingMessage, socket: Socket) => held.push(socket));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    process.env['HTTP_PROXY'] = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const t0 = Date.now();
    const error = await sdk(new PooledRequestClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 })).messages.create({ to: '+15125550100', body: 'x', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).catch((e: unknown) => e);
    for (const socket of held) socket.destroy();
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(toCarrierError(error, 'write').kind).toBe('in_doubt');
  }, 10_000);
});
