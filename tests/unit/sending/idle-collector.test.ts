import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_GC_MS, IdleCollector, fullCollection, idleGcMs } from '../../../src/main/app/sending-thread/idle-collector';
import { warmParser } from '../../../src/main/app/sending-thread/parser-warm-up';

afterEach(() => void vi.useRealTimers());

describe('IdleCollector', () => {
  it('collects once, after the thread has been quiet for the idle time, never during activity', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(collect, 1_000);
    collector.activity();
    vi.advanceTimersByTime(900);
    collector.activity(); // still sending: the wait starts again
    vi.advanceTimersByTime(900);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('warms the parser again right after each collection, which may have discarded its compiled code', () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const collector = new IdleCollector(() => order.push('collect'), 1_000, () => order.push('warm'));
    collector.activity();
    vi.advanceTimersByTime(1_000);
    expect(order).toEqual(['collect', 'warm']);
  });

  it('warms with sample numbers in the shapes staff paste, and none of them throws', () => {
    expect(() => warmParser()).not.toThrow();
  });

  it('does nothing once stopped, and nothing without a collector', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const collector = new IdleCollector(collect, 1_000);
    collector.activity();
    collector.stop();
    vi.advanceTimersByTime(5_000);
    expect(collect).not.toHaveBeenCalled();
    expect(() => new IdleCollector(null).activity()).not.toThrow();
  });

  it('reads its idle time from SMS_DESK_SENDING_IDLE_GC_MS, else the default', () => {
    expect(idleGcMs({ SMS_DESK_SENDING_IDLE_GC_MS: '250' })).toBe(250);
    expect(idleGcMs({})).toBe(IDLE_GC_MS);
    expect(idleGcMs({ SMS_DESK_SENDING_IDLE_GC_MS: 'soon' })).toBe(IDLE_GC_MS);
  });
});

describe('fullCollection', () => {
  it('gives the memory of collected garbage back to the system, not only to V8', () => {
    const collect = fullCollection();
    expect(collect).not.toBeNull();
    collect!();
    const rss = (): number => process.memoryUsage().rss;
    const before = rss();
    // A send's worth of short-lived objects (the SDK's requests and responses): ~100 MB of pages.
    let held: Array<Array<{ n: number; s: string }>> = [];
    let peak = before;
    for (let i = 0; i < 16; i++) {
      held.push(Array.from({ length: 80_000 }, (_, n) => ({ n, s: `+1512555${n}` })));
      if (held.length > 8) held.shift();
      peak = Math.max(peak, rss());
    }
    held = [];
    expect(held).toHaveLength(0);
    expect(peak - before).toBeGreaterThan(50 * 1024 * 1024);
    collect!();
    // A plain gc() frees the objects but keeps their pages: the process stays near its peak.
    expect(rss() - before).toBeLessThan((peak - before) * 0.25);
    // Making ~100 MB of objects takes a few seconds on a busy 2-core machine.
  }, 30_000);
});
