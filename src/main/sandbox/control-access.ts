import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimError } from './errors.ts';

/**
 * Who may use the `/__sim/` control API. It can read every message, forge a STOP or make every
 * send fail, and loopback is no boundary on a shared computer, so:
 * - `{ token }`: callers presenting this secret in `x-sim-control-token` (the app's own simulator,
 *   with a secret made at each launch and kept in memory only);
 * - `'open'`: any local program, opted into by tests and benchmarks that drive the simulator;
 * - `'closed'` (the default): nobody.
 * Whatever the mode, the request must name our own host (no DNS rebinding) and must not come from
 * a web page: a browser says where a request comes from, and no page has any business here.
 */
export type ControlAccess = { token: string } | 'open' | 'closed';

export const CONTROL_TOKEN_HEADER = 'x-sim-control-token';

export function checkControlAccess(req: IncomingMessage, access: ControlAccess): void {
  const port = req.socket.localPort;
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new SimError(421, 20001, 'Unknown host');
  if (req.headers.origin !== undefined) throw new SimError(403, 20403, 'The control API does not answer web pages');
  if (access === 'open') return;
  if (access === 'closed') throw new SimError(403, 20403, 'The control API is off: start the simulator with a control token or in open mode');
  const presented = req.headers[CONTROL_TOKEN_HEADER];
  if (typeof presented !== 'string' || !sameSecret(presented, access.token)) {
    throw new SimError(401, 20003, 'Missing or wrong control token');
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
