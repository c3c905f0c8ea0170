import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { InboundPoller } from '../../../src/main/core/messenger/inbound-poller';

// How often replies are checked for: often while someone waits on them (a send going out, a
// conversation open), seldom while idle, at once when someone starts waiting.

afterEach(() => {
  vi.useRealTimers();
});

function poller(busy: () => boolean) {
  const checks: number[] = [];
  const p = new InboundPoller({
    storage: new SqliteStorage(openDatabase(':memory:')),
    clock: { now: () => Date.now() },
    mode: () => 'sandbox',
    connect: () => {
      checks.push(Date.now());
      return Promise.resolve(null);
    },
    consent: { optOut: () => Promise.resolve(), optIn: () => Promise.resolve() },
    onReceived: () => undefined,
    busy,
    pace: { busyMs: 5_000, idleMs: 30_000, retryMs: 60_000 },
  });
  return { p, checks };
}

/** Lets the timers due by `ms` run, one check's awaits included. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('the pace of reply checks', () => {
  it('checks every 30 s while idle, every 5 s while busy, and at once when someone starts waiting', async () => {
    vi.useFakeTimers({ now: 0 });
    let busy = false;
    const { p, checks } = poller(() => busy);
    p.start();
    await advance(0);
    expect(checks).toEqual([0]);
    await advance(29_000);
    expect(checks).toHaveLength(1);
    await advance(1_000);
    expect(checks).toEqual([0, 30_000]);

    busy = true;
    await advance(10_000);
    // A conversation opened: it checks now, not at the idle time already set.
    p.hurry();
    await advance(0);
    expect(checks).toEqual([0, 30_000, 40_000]);
    await advance(10_000);
    expect(checks).toEqual([0, 30_000, 40_000, 45_000, 50_000]);
    await p.stop();
  });
});
