import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { App } from '../app/create-app';
import { checkHost, checkToken, sameSecret, SOCKET_PROTOCOL } from './guards';
import { securityHeaders } from './security-headers';
import { loadStatic } from './static-files';
import { advanceTestClock, TEST_CLOCK_PATH } from './test-clock-route';
import { DEFAULT_SESSION_LIMITS, WebSessions, type SessionLimits } from './web-sessions';

export interface WebServerOptions {
  app: App;
  rendererDir: string;
  port: number;
  token?: string;
  sessionLimits?: Partial<SessionLimits>;
  /** End-to-end tests only (SMS_DESK_TEST_CLOCK=1): the clock they may move forward. Absent, its route does not exist. */
  testClock?: { advance(ms: number): number } | null;
}

export interface WebServer {
  port: number;
  token: string;
  url: string;
  /** Live sessions now (bounded by the session limits). */
  sessionCount(): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Browser mode: the same core behind a loopback-only HTTP + WebSocket bridge. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sessions = new WebSessions({ ...DEFAULT_SESSION_LIMITS, ...options.sessionLimits }, (id) => options.app.endSession(id));
  let port = options.port;

  const send = (res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...securityHeaders(port), 'Content-Type': type, ...extra });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, value: unknown) =>
    send(res, status, JSON.stringify(value), 'application/json', { 'Cache-Control': 'no-store' });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = checkHost(req, port);
    if (!host.ok) return send(res, host.status, host.reason);
    // The launch link carries the token once. It moves into the fragment, which browsers never
    // send to any server; the page keeps it for this tab only and clears the address bar.
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (!sameSecret(offered, token)) return send(res, 401, 'This link is not valid any more. Use the address printed by `npm run web`.');
      return send(res, 303, '', 'text/plain', { Location: `/#token=${token}`, 'Cache-Control': 'no-store' });
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url);

    // The renderer's files are the public bundle: no token, but still our host and headers.
    if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
    const file = await loadStatic(options.rendererDir, url.pathname);
    if (!file) {
      // Client-side routes fall back to the app shell.
      const shell = await loadStatic(options.rendererDir, '/');
      return shell ? send(res, 200, shell.body, shell.type, { 'Cache-Control': 'no-store' }) : send(res, 404, 'Not found');
    }
    const cache = file.file.endsWith('.html') ? 'no-store' : 'private, max-age=3600';
    return send(res, 200, file.body, file.type, { 'Cache-Control': cache });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const verdict = checkToken(req, token);
    if (!verdict.ok) return send(res, verdict.status, verdict.reason);
    const presentedSession = req.headers['x-sms-desk-session'];
    const sessionId = typeof presentedSession === 'string' ? presentedSession : undefined;

    if (url.pathname === '/api/session' && req.method === 'POST') {
      // A page that kept its session id (a reload) gets it back while it is live.
      return sendJson(res, 200, { sessionId: sessions.open(sessionId) });
    }
    if (url.pathname === '/api/call' && req.method === 'POST') {
      if (sessionId === undefined || !sessions.touch(sessionId)) return sendJson(res, 403, { error: 'unknown session' });
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { error: 'too large' });
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { error: 'not JSON' });
      }
      const envelope = (parsed && typeof parsed === 'object' ? parsed : {}) as { channel?: unknown; input?: unknown };
      const result = await options.app.router({ sessionId, trustedSender: true }, envelope.channel, envelope.input);
      return sendJson(res, 200, result);
    }
    if (url.pathname === TEST_CLOCK_PATH && req.method === 'POST' && options.testClock) {
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { error: 'too large' });
      const answer = advanceTestClock(req, body, options.testClock);
      return sendJson(res, answer.status, answer.value);
    }
    return sendJson(res, 404, { error: 'no such endpoint' });
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (offered) => (offered.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  server.on('upgrade', (req, socket, head) => {
    // A peer that resets mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const sessionId = url.searchParams.get('session') ?? '';
    const allowed = checkHost(req, port).ok && checkToken(req, token).ok;
    if (!allowed || url.pathname !== '/api/events' || !sessions.canAttach(sessionId)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A bad frame (too big, invalid UTF-8, reserved bits, unknown opcode) makes ws emit
      // 'error' and close that socket with the right code; without a listener the error would
      // end the whole process. Only the page that sent it loses its socket (and reconnects).
      ws.on('error', () => undefined);
      if (!sessions.attach(sessionId, ws)) ws.close(1008, 'unknown session');
    });
  });

  const unsubscribe = options.app.events.subscribe((event, payload, target) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of sessions.socketsOf(target || undefined)) ws.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    sessionCount: () => sessions.size,
    close: async () => {
      unsubscribe();
      sessions.close();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
