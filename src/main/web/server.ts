import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../app/create-app';
import { checkRequest, TOKEN_COOKIE, sameSecret } from './guards';
import { securityHeaders } from './security-headers';
import { loadStatic } from './static-files';

export interface WebServerOptions {
  app: App;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface WebServer {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const SESSION_GRACE_MS = 30_000;

/** Browser mode: the same core behind a loopback-only HTTP + WebSocket bridge. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sessions = new Set<string>();
  const sockets = new Map<string, WebSocket>();
  const endTimers = new Map<string, NodeJS.Timeout>();
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
    // The launch URL carries the token once; swap it for a cookie and drop it from the address bar.
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (!sameSecret(offered, token)) return send(res, 401, 'This link is not valid any more. Use the address printed by `npm run web`.');
      return send(res, 303, '', 'text/plain', {
        Location: '/',
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    const verdict = checkRequest(req, port, token);
    if (!verdict.ok) return send(res, verdict.status, verdict.reason);

    if (url.pathname === '/api/session' && req.method === 'POST') {
      const id = `web-${randomBytes(16).toString('base64url')}`;
      sessions.add(id);
      return sendJson(res, 200, { sessionId: id });
    }
    if (url.pathname === '/api/call' && req.method === 'POST') {
      const sessionId = req.headers['x-sms-desk-session'];
      if (typeof sessionId !== 'string' || !sessions.has(sessionId)) return sendJson(res, 403, { error: 'unknown session' });
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const sessionId = url.searchParams.get('session') ?? '';
    const verdict = checkRequest(req, port, token);
    if (!verdict.ok || url.pathname !== '/api/events' || !sessions.has(sessionId)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clearTimeout(endTimers.get(sessionId));
      sockets.get(sessionId)?.close();
      sockets.set(sessionId, ws);
      ws.on('close', () => {
        if (sockets.get(sessionId) !== ws) return;
        sockets.delete(sessionId);
        // A reload reconnects within the grace period and keeps its sign-in.
        endTimers.set(
          sessionId,
          setTimeout(() => {
            sessions.delete(sessionId);
            options.app.endSession(sessionId);
          }, SESSION_GRACE_MS).unref(),
        );
      });
    });
  });

  const unsubscribe = options.app.events.subscribe((event, payload, target) => {
    const message = JSON.stringify({ event, payload });
    for (const [sessionId, ws] of sockets) if (!target || target === sessionId) ws.send(message);
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
    close: async () => {
      unsubscribe();
      for (const timer of endTimers.values()) clearTimeout(timer);
      for (const ws of sockets.values()) ws.terminate();
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
