import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANGE_EVENT_GAP_MS, ChangeAnnouncer, HELD_EVENT_GAP_MS } from '../../../src/main/core/sending/change-announcer';
import { MAX_SENDS_NAMED, type EventPayload } from '../../../src/shared/contract';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

function announcer() {
  const events: EventPayload<'data.changed'>[] = [];
  const a = new ChangeAnnouncer({ now: () => Date.now() }, (change) => events.push(change));
  return { a, events };
}

describe('what the sending module announces', () => {
  it('names the sends a round touched, gathered over the gap, and says nothing of credits for texts handed over', () => {
    const { a, events } = announcer();
    a.touched({ sends: [7] });
    expect(events).toEqual([{ areas: ['sends'], sends: [7] }]);
    a.touched({ sends: [7] });
    a.touched({ sends: [8] });
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(CHANGE_EVENT_GAP_MS);
    expect(events[1]).toEqual({ areas: ['sends'], sends: [7, 8] });
  });

  it('a refund names the credits; an opt-out names consent and every send', () => {
    const { a, events } = announcer();
    a.touched({ sends: [7], credits: true, held: true });
    vi.advanceTimersByTime(CHANGE_EVENT_GAP_MS);
    a.touched({ sends: 'all', credits: true, consent: true });
    expect(events).toEqual([{ areas: ['sends', 'credits'], sends: [7] }, { areas: ['sends', 'credits', 'consent'] }]);
  });

  it('the held credits alone are announced at most every HELD_EVENT_GAP_MS, and once after the last move', () => {
    const { a, events } = announcer();
    for (let t = 0; t < 3_000; t += 100) {
      a.touched({ sends: [7], held: true });
      vi.advanceTimersByTime(100);
    }
    const held = () => events.filter((e) => e.creditsHeld === true).length;
    // At 0 ms and at 2,000 ms, beside ten announcements of progress.
    expect(held()).toBe(2);
    expect(events.length).toBeGreaterThanOrEqual(10);
    vi.advanceTimersByTime(HELD_EVENT_GAP_MS);
    expect(held()).toBe(3);
    expect(events.at(-1)).toEqual({ areas: [], creditsHeld: true });
    vi.advanceTimersByTime(10 * HELD_EVENT_GAP_MS);
    expect(held()).toBe(3);
  });

  it('a change of the engine’s pause reads the sends without naming any; too many sends name none', () => {
    const { a, events } = announcer();
    a.touched({ status: true });
    vi.advanceTimersByTime(CHANGE_EVENT_GAP_MS);
    a.touched({ sends: Array.from({ length: MAX_SENDS_NAMED + 1 }, (_, i) => i + 1) });
    expect(events).toEqual([{ areas: ['sends'], sends: [] }, { areas: ['sends'] }]);
  });
});
