import type { Clock } from '../core/ports/clock';

/**
 * Set by end-to-end tests only: `SMS_DESK_TEST_CLOCK=1` starts browser mode with a clock the
 * test can move forward (so an Autopilot run due in minutes fires at once). A normal launch never
 * sets it, and without it the control route does not exist (see web/test-clock-route.ts).
 */
export const TEST_CLOCK_ENV = 'SMS_DESK_TEST_CLOCK';

/** The real time plus however far a test has moved it; it never goes back. */
export class ShiftedClock implements Clock {
  private shiftMs = 0;

  now(): number {
    return Date.now() + this.shiftMs;
  }

  advance(ms: number): number {
    this.shiftMs += Math.max(0, ms);
    return this.now();
  }
}

export function testClockFromEnv(env: NodeJS.ProcessEnv): ShiftedClock | null {
  return env[TEST_CLOCK_ENV] === '1' ? new ShiftedClock() : null;
}
