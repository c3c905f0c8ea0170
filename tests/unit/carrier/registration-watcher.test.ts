import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { FAST_CHECK_MS, FAST_WINDOW_MS, RegistrationWatcher, SETTLED_CHECK_MS, SLOW_CHECK_MS } from '../../../src/main/core/carrier/registration-watcher';
import type { RegistrationStore } from '../../../src/main/core/ports/stores/registration-store';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const clock = { now: () => Date.now() };

beforeEach(() => {
  // Only the timers and the wall clock are fake: the store's own scheduling runs as usual.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A carrier that approves the brand at `approveAt`; each refresh is recorded with its time. */
function deskWith(store: RegistrationStore, approveAt: number, fail = false) {
  const checks: number[] = [];
  const changes: number[] = [];
  const errors: string[] = [];
  const refresh = async () => {
    checks.push(Date.now());
    if (fail) throw new Error('offline');
    if (Date.now() >= approveAt) await store.update({ brandState: 'approved', brandStatus: 'APPROVED' }, Date.now());
  };
  const watcher = new RegistrationWatcher({ refresh, store, clock, onChange: () => changes.push(Date.now()), logError: (m) => errors.push(m) });
  return { watcher, checks, changes, errors };
}

async function brandSubmitted(): Promise<RegistrationStore> {
  const store = new SqliteStorage(openDatabase(':memory:')).registration;
  await store.update({ brandSid: 'BN0', brandState: 'in_process', brandStatus: 'PENDING', submittedAt: T0 }, T0);
  return store;
}

const minutes = (n: number) => n * 60_000;

describe('the registration watcher', () => {
  it('checks quickly after a submit, then slowly, and stops once the brand is approved', async () => {
    const store = await brandSubmitted();
    const desk = deskWith(store, T0 + minutes(40));
    desk.watcher.start();
    desk.watcher.notify();
    await vi.advanceTimersByTimeAsync(0);

    await vi.advanceTimersByTimeAsync(minutes(60));
    const gaps = desk.checks.map((at, i) => at - (desk.checks[i - 1] ?? T0));
    // Right after the submit: every 30 s for the first five minutes ...
    expect(gaps.slice(0, 3)).toEqual([0, FAST_CHECK_MS, FAST_CHECK_MS]);
    expect(desk.checks.filter((at) => at - T0 <= FAST_WINDOW_MS).length).toBeGreaterThanOrEqual(FAST_WINDOW_MS / FAST_CHECK_MS);
    // ... then every 15 minutes, until the check that finds it approved.
    expect(gaps.at(-1)).toBe(SLOW_CHECK_MS);
    expect(desk.checks.at(-1)).toBeGreaterThanOrEqual(T0 + minutes(40));
    expect(desk.changes).toEqual([desk.checks.at(-1)]);
    // Approved: the next look is the daily one, to notice a suspension.
    expect((await store.read()).nextStatusCheckAt).toBe((desk.checks.at(-1) ?? 0) + SETTLED_CHECK_MS);
    expect((await store.read()).statusCheckedAt).toBe(desk.checks.at(-1));

    const before = desk.checks.length;
    await vi.advanceTimersByTimeAsync(minutes(120));
    expect(desk.checks).toHaveLength(before);
    await desk.watcher.stop();
  });

  it('keeps the next check time across a restart: no check at start-up, the next one when it is due', async () => {
    const store = await brandSubmitted();
    await store.update({ submittedAt: T0 - minutes(60) }, T0);
    const first = deskWith(store, Number.POSITIVE_INFINITY);
    first.watcher.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.checks).toEqual([T0]);
    expect((await store.read()).nextStatusCheckAt).toBe(T0 + SLOW_CHECK_MS);
    await first.watcher.stop();

    await vi.advanceTimersByTimeAsync(minutes(10));
    const second = deskWith(store, Number.POSITIVE_INFINITY);
    second.watcher.start();
    await vi.advanceTimersByTimeAsync(minutes(4));
    expect(second.checks).toEqual([]);
    await vi.advanceTimersByTimeAsync(minutes(1));
    expect(second.checks).toEqual([T0 + SLOW_CHECK_MS]);
    await second.watcher.stop();
  });

  it('offline, logs the failed check and tries again at the usual pace', async () => {
    const store = await brandSubmitted();
    await store.update({ submittedAt: T0 - minutes(60) }, T0);
    const desk = deskWith(store, 0, true);
    desk.watcher.start();
    await vi.advanceTimersByTimeAsync(SLOW_CHECK_MS);
    expect(desk.checks).toEqual([T0, T0 + SLOW_CHECK_MS]);
    expect(desk.errors).toEqual(['checking the registration status failed', 'checking the registration status failed']);
    expect(desk.changes).toEqual([]);
    await desk.watcher.stop();
  });

  it('does nothing while nothing is in review', async () => {
    const store = new SqliteStorage(openDatabase(':memory:')).registration;
    const desk = deskWith(store, 0);
    desk.watcher.start();
    desk.watcher.notify();
    await vi.advanceTimersByTimeAsync(minutes(60));
    expect(desk.checks).toEqual([]);
    await desk.watcher.stop();
  });

  it('once approved, looks once a day with the approvals re-read, and notices a suspension', async () => {
    const store = new SqliteStorage(openDatabase(':memory:')).registration;
    await store.update({ brandSid: 'BN0', brandState: 'approved', brandStatus: 'APPROVED', campaignSid: 'QE0', campaignState: 'verified', submittedAt: T0 - minutes(600) }, T0);
    const looks: Array<{ at: number; settled: boolean }> = [];
    const changes: number[] = [];
    const refresh = async ({ settled }: { settled: boolean }) => {
      looks.push({ at: Date.now(), settled });
      if (Date.now() >= T0 + 2 * SETTLED_CHECK_MS) await store.update({ brandState: 'failed', brandStatus: 'SUSPENDED' }, Date.now());
    };
    const watcher = new RegistrationWatcher({ refresh, store, clock, onChange: () => changes.push(Date.now()) });
    watcher.start();
    await vi.advanceTimersByTimeAsync(SETTLED_CHECK_MS - 1);
    expect(looks).toEqual([]);
    await vi.advanceTimersByTimeAsync(SETTLED_CHECK_MS + 1);
    expect(looks).toEqual([{ at: T0 + SETTLED_CHECK_MS, settled: true }, { at: T0 + 2 * SETTLED_CHECK_MS, settled: true }]);
    expect(changes).toEqual([T0 + 2 * SETTLED_CHECK_MS]);
    await watcher.stop();
  });
});

