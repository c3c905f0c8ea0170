import type { IncomingMessage } from 'node:http';
import { z } from 'zod';

/** Where an end-to-end test moves the app's clock forward; answered only when the test clock is on. */
export const TEST_CLOCK_PATH = '/api/test/clock';

const advanceSchema = z.object({ advanceMs: z.number().int().min(0).max(366 * 24 * 3_600_000) }).strict();

/**
 * Moves the test clock. The caller has already passed the bridge's host and token checks; like the
 * simulator's control API, it must also not be a web page (a browser names the page's origin),
 * so nothing running in a tab can move the desk's time.
 */
export function advanceTestClock(req: IncomingMessage, body: string, clock: { advance(ms: number): number }): { status: number; value: unknown } {
  if (req.headers.origin !== undefined) return { status: 403, value: { error: 'not from a web page' } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, value: { error: 'not JSON' } };
  }
  const input = advanceSchema.safeParse(parsed);
  if (!input.success) return { status: 400, value: { error: 'expected { advanceMs }' } };
  return { status: 200, value: { now: clock.advance(input.data.advanceMs) } };
}
