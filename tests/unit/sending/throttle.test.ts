import { describe, expect, it } from 'vitest';
import { SendThrottle } from '../../../src/main/core/sending/throttle';

const noJitter = () => 0.5;

describe('SendThrottle', () => {
  it('halves concurrency once per burst of "too many" and grows it back one by one', () => {
    const t = new SendThrottle(16, noJitter);
    t.slowDown('live', 'busy', 1_000);
    t.slowDown('live', 'busy', 1_050); // same burst: not cut again
    expect(t.limit()).toBe(8);
    t.slowDown('live', 'busy', 1_200);
    expect(t.limit()).toBe(4);
    for (let i = 0; i < 4; i++) t.succeeded();
    expect(t.limit()).toBe(4);
    for (let i = 0; i < 20; i++) t.succeeded();
    expect(t.limit()).toBeGreaterThan(4);
    for (let i = 0; i < 1_000; i++) t.succeeded();
    expect(t.limit()).toBe(16);
  });

  it('lets a fast pace raise the ceiling (never below the set maximum, never above the most), growing toward it one success at a time', () => {
    const t = new SendThrottle(16, noJitter);
    t.want(40.2, 64);
    expect(t.limit()).toBe(16);
    for (let i = 0; i < 2_000; i++) t.succeeded();
    expect(t.limit()).toBe(41);
    t.slowDown('live', 'busy', 1_000);
    expect(t.limit()).toBe(20);
    t.want(500, 64);
    for (let i = 0; i < 5_000; i++) t.succeeded();
    expect(t.limit()).toBe(64);
    t.want(3, 64);
    expect(t.limit()).toBe(16);
  });

  it('never goes below one request at a time', () => {
    const t = new SendThrottle(2, noJitter);
    for (let now = 0; now < 2_000; now += 200) t.slowDown('live', 'busy', now);
    expect(t.limit()).toBe(1);
  });

  it('pauses one mode; failures of requests that left together count once; a later failure doubles the pause', () => {
    const t = new SendThrottle(16, noJitter);
    t.pause('live', 'offline', 0, 1_000);
    t.pause('live', 'offline', 10, 1_000);
    expect(t.pausedAt(0)).toEqual({ live: { until: 1_000, reason: 'offline' } });
    expect(t.activeModes(500)).toEqual(['sandbox']);
    expect(t.activeModes(1_000)).toEqual(['sandbox', 'live']);
    t.pause('live', 'offline', 1_000, 1_000);
    expect(t.pausedAt(1_000).live?.until).toBe(3_000);
    expect(t.resume('live')).toBe(true);
    expect(t.resume('live')).toBe(false);
    expect(t.pausedAt(1_000)).toEqual({});
  });

  it('lifts only set-up pauses when set-up changes', () => {
    const t = new SendThrottle(16, noJitter);
    t.pause('sandbox', 'Register a number first.', 0, 30_000, 30_000, true);
    t.pause('live', 'Sign-in failed.', 0, 60_000);
    t.liftSetUpPauses();
    expect(Object.keys(t.pausedAt(0))).toEqual(['live']);
  });
});
