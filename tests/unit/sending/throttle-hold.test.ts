import { describe, expect, it } from 'vitest';
import { SendThrottle } from '../../../src/main/core/sending/throttle';

const noJitter = () => 0.5;
const MIN = 60_000;

describe('a hold after a delivery status (30034, 30007)', () => {
  it('is not lifted by the carrier taking a request, only by its time', () => {
    const t = new SendThrottle(16, noJitter);
    t.hold('live', 'blocked as unregistered', 0, 10 * MIN, 120 * MIN);
    // A request that was already in flight is accepted: that proves nothing about delivery.
    expect(t.resume('live')).toBe(false);
    expect(t.activeModes(9 * MIN)).not.toContain('live');
    expect(t.pausedAt(9 * MIN).live?.reason).toBe('blocked as unregistered');
    expect(t.activeModes(10 * MIN)).toContain('live');
  });

  it('doubles while the block keeps coming back, and starts over after a quiet while', () => {
    const t = new SendThrottle(16, noJitter);
    t.hold('live', 'filtered', 0, 10 * MIN, 40 * MIN);
    t.hold('live', 'filtered', 5 * MIN, 10 * MIN, 40 * MIN); // same hold: unchanged
    expect(t.pausedAt(0).live?.until).toBe(10 * MIN);
    t.hold('live', 'filtered', 11 * MIN, 10 * MIN, 40 * MIN);
    expect(t.pausedAt(11 * MIN).live?.until).toBe(31 * MIN);
    t.hold('live', 'filtered', 200 * MIN, 10 * MIN, 40 * MIN);
    expect(t.pausedAt(200 * MIN).live?.until).toBe(210 * MIN);
  });

  it('takes over a short pause for an unreachable carrier, and is not shortened by one', () => {
    const t = new SendThrottle(16, noJitter);
    t.pause('live', 'offline', 0, 1_000);
    t.hold('live', 'blocked', 0, 10 * MIN, 120 * MIN);
    expect(t.pausedAt(0).live?.reason).toBe('blocked');
    t.pause('live', 'offline', 1_000, 1_000);
    expect(t.pausedAt(1_000).live).toEqual({ until: 10 * MIN, reason: 'blocked' });
  });
});
