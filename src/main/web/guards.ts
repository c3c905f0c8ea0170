import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'sms_desk_token';
export const TOKEN_HEADER = 'x-sms-desk-token';

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/**
 * Loopback is not a security boundary on a shared computer: any local program or web page
 * could call us. So every request must carry the per-launch token, name our exact host
 * (defeats DNS rebinding) and, when a browser says where it comes from, come from our origin.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): { ok: true } | { ok: false; status: number; reason: string } {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) return { ok: false, status: 421, reason: 'Unknown host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return { ok: false, status: 403, reason: 'Foreign origin' };
  }
  const presented = cookieValue(req.headers.cookie, TOKEN_COOKIE) ?? headerValue(req.headers[TOKEN_HEADER]);
  if (!presented || !sameSecret(presented, token)) return { ok: false, status: 401, reason: 'Missing or wrong token' };
  return { ok: true };
}

const headerValue = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' ? value : null;

export { sameSecret };
