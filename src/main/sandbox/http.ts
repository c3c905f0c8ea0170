import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authenticate } from './auth.ts';
import type { SimCredentials } from './auth.ts';
import { checkControlAccess } from './control-access.ts';
import type { ControlAccess } from './control-access.ts';
import { errorBody, notFound, SimError } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import type { SimSettings } from './settings.ts';
import type { SimStore } from './store.ts';
import { readBody } from './read-body.ts';

/** What every resource handler gets: the account's state and the simulator clock. */
export interface SimContext {
  readonly store: SimStore;
  readonly accountSid: string;
  now(): number;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The form-encoded body Twilio's APIs take (empty for GET). */
  form: URLSearchParams;
  /** Capture groups of the route pattern (sids from the path). */
  params: readonly string[];
}

export interface ApiResponse {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle(ctx: SimContext, req: ApiRequest): ApiResponse;
}

export interface ControlRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  json: unknown;
}

export interface ServerParts {
  routes: readonly Route[];
  ctx: SimContext;
  creds: SimCredentials;
  faults: FaultInjector;
  settings(): SimSettings;
  /** Who may use `/__sim/` (see control-access.ts). */
  controlAccess: ControlAccess;
  control(req: ControlRequest): Promise<ApiResponse>;
  /** Called after any request that may have changed state. */
  changed(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const tooLarge = (): Error => new SimError(413, 20001, 'Request body too large');

function send(res: ServerResponse, out: ApiResponse): void {
  // Already answered (a 'later' fault) or dropped: nothing more goes to the client.
  if (res.destroyed || res.headersSent) return;
  if (out.status === 204 || out.body === undefined) {
    res.writeHead(out.status).end();
    return;
  }
  const text = JSON.stringify(out.body);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) };
  if (out.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Twilio API"';
  res.writeHead(out.status, headers).end(text);
}

function route(routes: readonly Route[], ctx: SimContext, req: Omit<ApiRequest, 'params'>): ApiResponse {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(req.path);
    if (m === null) continue;
    pathMatched = true;
    if (r.method === req.method) return r.handle(ctx, { ...req, params: m.slice(1) });
  }
  if (pathMatched) throw new SimError(405, 20004, 'Method not allowed');
  throw notFound(req.path);
}

function serverErrorCode(status: number): number {
  return status === 503 ? 20503 : 20500;
}

/**
 * One server for all three Twilio hosts (api, messaging, trusthub): paths do not collide, and
 * the adapter's request client sends every host here. `/__sim/*` is the test control API.
 */
export function createSimServer(parts: ServerParts): Server {
  let inFlight = 0;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const settings = parts.settings();
    if (inFlight >= settings.maxConcurrency) {
      send(res, { status: 429, body: errorBody(429, 20429, 'Too Many Requests') });
      return;
    }
    inFlight += 1;
    try {
      if (settings.latencyMs > 0) await sleep(settings.latencyMs);
      authenticate(req.headers.authorization, url.pathname, parts.creds);
      const fault = parts.faults.take(req.method ?? 'GET', url.pathname);
      if (fault?.when === 'before') {
        if (fault.kind === 'slow') await sleep(fault.delayMs);
        if (fault.kind === 'reset') return void req.socket.destroy();
        if (fault.kind === 'http_error') {
          return send(res, { status: fault.status, body: errorBody(fault.status, serverErrorCode(fault.status), 'Service is unavailable. Please try again') });
        }
      }
      if (fault?.when === 'later') {
        // A gateway that gave up while the carrier kept working: the client hears of it now.
        if (fault.kind === 'reset') req.socket.destroy();
        if (fault.kind === 'http_error') send(res, { status: fault.status, body: errorBody(fault.status, serverErrorCode(fault.status), 'The gateway timed out') });
        await sleep(fault.delayMs);
      }
      const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const apiReq = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, form: new URLSearchParams(isForm ? body : '') };
      let out: ApiResponse;
      try {
        out = route(parts.routes, parts.ctx, apiReq);
      } catch (error) {
        // Twilio's own error answers are still answers: an 'after' fault replaces them too.
        if (!(error instanceof SimError)) throw error;
        out = { status: error.status, body: error.toBody() };
      } finally {
        if (apiReq.method !== 'GET') parts.changed();
      }
      if (fault?.when === 'after') {
        if (fault.kind === 'slow') await sleep(fault.delayMs);
        if (fault.kind === 'reset') return void req.socket.destroy();
        if (fault.kind === 'http_error') {
          out = { status: fault.status, body: errorBody(fault.status, serverErrorCode(fault.status), 'An internal server error has occurred') };
        }
      }
      send(res, out);
    } finally {
      inFlight -= 1;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const isControl = url.pathname.startsWith('/__sim/');
      // Refused before the body is read: a stranger gets nothing but the refusal.
      if (isControl) checkControlAccess(req, parts.controlAccess);
      const body = await readBody(req, tooLarge);
      if (isControl) {
        let json: unknown = null;
        if (body.length > 0) json = JSON.parse(body);
        send(res, await parts.control({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, json }));
        return;
      }
      await handleApi(req, res, url, body);
    } catch (error) {
      if (error instanceof SimError) return send(res, { status: error.status, body: error.toBody() });
      if (error instanceof SyntaxError || (error instanceof Error && error.name === 'ZodError')) {
        return send(res, { status: 400, body: errorBody(400, 20001, error.message) });
      }
      send(res, { status: 500, body: errorBody(500, 20500, 'An internal server error has occurred') });
    }
  }

  return createServer((req, res) => void handle(req, res));
}
