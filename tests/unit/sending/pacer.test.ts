import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/main/core/sending/pacer';

/** Takes every message the pacer allows at `now` (texts waiting all along); returns how many. */
function take(pacer: Pacer, now: number, waited = true): number {
  const n = pacer.allowance(now, waited);
  pacer.consume(n);
  return n;
}

describe('Pacer', () => {
  it('keeps the rate exact over time, fractions carried over', () => {
    const pacer = new Pacer(50);
    let sent = take(pacer, 0);
    for (let t = 20; t <= 10_000; t += 20) sent += take(pacer, t);
    expect(sent).toBeGreaterThanOrEqual(500);
    expect(sent).toBeLessThanOrEqual(501);
  });

  it('makes up only a tenth of a second of the slots missed while the thread did not run: the carrier never sees a burst above the pace', () => {
    const pacer = new Pacer(50);
    let sent = take(pacer, 0);
    for (let t = 20; t <= 1_000; t += 20) sent += take(pacer, t);
    // The thread gets no CPU for 600 ms; texts were waiting all along.
    const afterStall = take(pacer, 1_600);
    expect(afterStall).toBe(5);
    sent += afterStall;
    for (let t = 1_620; t <= 4_000; t += 20) sent += take(pacer, t);
    // 4 s at 50/s would be 200; the stall's 600 ms cost its slots beyond the tenth of a second made up.
    expect(sent).toBeGreaterThanOrEqual(174);
    expect(sent).toBeLessThanOrEqual(178);
  });

  it('owes nothing for time when nothing waited: after idling a new send starts with a short burst only', () => {
    const pacer = new Pacer(50);
    take(pacer, 0);
    pacer.allowance(10_000);
    pacer.idle();
    // A tenth of a second's worth at 50/s: 5 texts at once, then the pace.
    expect(take(pacer, 10_000)).toBe(5);
    expect(take(pacer, 10_020)).toBe(1);
  });

  it('never makes up more than a tenth of a second: a long stall loses what lies beyond it', () => {
    const pacer = new Pacer(200);
    take(pacer, 0);
    expect(take(pacer, 5_000)).toBe(20);
  });

  it('makes nothing up for slow requests while the thread ran (looks 20 ms apart): the burst stays a tenth of a second', () => {
    const pacer = new Pacer(200);
    take(pacer, 0);
    // Every slot taken by slow requests for 600 ms: the thread looks every 20 ms and starts nothing.
    for (let t = 20; t <= 600; t += 20) pacer.allowance(t, true);
    expect(take(pacer, 620)).toBe(20);
  });
});
