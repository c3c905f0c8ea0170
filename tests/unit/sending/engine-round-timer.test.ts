import { describe, expect, it } from 'vitest';
import { RoundTimer } from '../../../src/main/core/sending/engine-round-timer';

/** Resolves with whether `promise` settled before `ms` of real time. */
const settlesWithin = (promise: Promise<void>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('RoundTimer', () => {
  it('keeps an ask made while no sleep is running: the next sleep ends at once', async () => {
    const timer = new RoundTimer();
    timer.soon();
    expect(await settlesWithin(timer.sleep(60_000), 5_000)).toBe(true);
    // The ask was used up: the sleep after it is a full one.
    expect(await settlesWithin(timer.sleep(60_000), 50)).toBe(false);
  });

  it('ends a sleep early when a round is asked for during it', async () => {
    const timer = new RoundTimer();
    const sleeping = timer.sleep(60_000);
    timer.soon();
    expect(await settlesWithin(sleeping, 5_000)).toBe(true);
  });

  it('shortens a sleep to a deadline asked for, and never lengthens it', async () => {
    const timer = new RoundTimer();
    const t0 = performance.now();
    const sleeping = timer.sleep(60_000);
    timer.within(30);
    timer.within(10_000);
    expect(await settlesWithin(sleeping, 5_000)).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);

    const short = timer.sleep(20);
    timer.within(60_000);
    expect(await settlesWithin(short, 5_000)).toBe(true);
  });
});
