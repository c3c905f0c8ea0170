import { describe, expect, it } from 'vitest';
import { EmptyLookUps } from '../../../src/main/core/sending/reconcile';

describe('EmptyLookUps: a text counts as never sent only after two empty look-ups', () => {
  it('asks to look again after the first, and allows a resend only once the wait has passed', () => {
    let elapsed = 1_000;
    const lookUps = new EmptyLookUps(10_000, () => elapsed);
    expect(lookUps.waitBeforeResend(7)).toBe(10_000);
    elapsed += 4_000; // looked again too soon (the row came due early): wait out the rest
    expect(lookUps.waitBeforeResend(7)).toBe(6_000);
    elapsed += 6_000;
    expect(lookUps.waitBeforeResend(7)).toBe(0);
    // The next attempt starts over.
    expect(lookUps.waitBeforeResend(7)).toBe(10_000);
  });

  it('keeps each row apart, and forgets a row whose text was found', () => {
    let elapsed = 0;
    const lookUps = new EmptyLookUps(10_000, () => elapsed);
    lookUps.waitBeforeResend(1);
    elapsed += 10_000;
    expect(lookUps.waitBeforeResend(2)).toBe(10_000);
    lookUps.forget(1);
    expect(lookUps.waitBeforeResend(1)).toBe(10_000);
  });

  it('measures the wait on a monotonic clock, not the wall clock', () => {
    const realNow = Date.now;
    const lookUps = new EmptyLookUps(10_000);
    try {
      lookUps.waitBeforeResend(3);
      // The computer's clock is set an hour forward between the two look-ups.
      Date.now = () => realNow() + 3_600_000;
      expect(lookUps.waitBeforeResend(3)).toBeGreaterThan(9_000);
    } finally {
      Date.now = realNow;
    }
  });
});
