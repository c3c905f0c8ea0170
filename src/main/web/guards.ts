import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-sms-desk-token';
/**
 * Browsers cannot set headers on a WebSocket, only the subprotocols it offers: the page offers
 * `sms-desk` plus `sms-desk.token.<token>`, and we answer with `sms-desk` alone.
 */
export const SOCKET_PROTOCOL = 'sms-desk';
export const SOCKET_TOKEN_PREFIX = 'sms-desk.token.';

export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

export const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Loopback is not a security boundary on a shared computer: any local program or web page could
 * call us. Every request must name our exact host (defeats DNS rebinding) and, when a browser
 * says where it comes from, come from our origin. This runs before anything else, the launch
 * link included.
 */
export function checkHost(req: IncomingMessage, port: number): Verdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) return { ok: false, status: 421, reason: 'Unknown host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: 'Foreign origin' };
  }
  return { ok: true };
}

/**
 * The per-launch token, from the `x-sms-desk-token` header (every API call; scripts on a
 * WebSocket too) or the page's WebSocket subprotocol. Never from a cookie: cookies on 127.0.0.1
 * are sent to every port, so any local server the browser visits would receive it.
 */
export function checkToken(req: IncomingMessage, token: string): Verdict {
  const presented = headerValue(req.headers[TOKEN_HEADER]) ?? socketToken(req.headers['sec-websocket-protocol']);
  if (presented === null || !sameSecret(presented, token)) return { ok: false, status: 401, reason: 'Missing or wrong token' };
  return { ok: true };
}

function socketToken(header: string | undefined): string | null {
  for (const protocol of (header ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(SOCKET_TOKEN_PREFIX)) return trimmed.slice(SOCKET_TOKEN_PREFIX.length);
  }
  return null;
}

const headerValue = (value: string | string[] | undefined): string | null => (typeof value === 'string' ? value : null);
