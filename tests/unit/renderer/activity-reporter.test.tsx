// @vitest-environment jsdom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { REPORT_EVERY_MS, useActivityReporter } from '../../../src/renderer/src/features/shell/use-activity-reporter';
import { buildApi, MIN_IDLE_LOCK_MINUTES } from '../../../src/shared/contract';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const IDLE_MS = MIN_IDLE_LOCK_MINUTES * 60_000;
const pressKey = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));

/** The hook with a bridge that notes when each activity report reaches main. */
function reporter() {
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const reports: number[] = [];
  installApi(
    buildApi({
      invoke: (channel) => {
        if (channel === 'session.activity') reports.push(Date.now());
        return Promise.resolve({ ok: true, value: undefined });
      },
      subscribe: () => () => undefined,
    }),
  );
  renderHook(() => useActivityReporter());
  return reports;
}

describe('activity reporter', () => {
  it('never lets main see a working person as idle, pauses to read included', async () => {
    const reports = reporter();
    const keys: number[] = [];
    // Rounds of a key every 3 s for 48 s, then 55 s of reading, with the shortest idle lock.
    for (let second = 1; second <= 8 * 103; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      if (second % 103 <= 48 && second % 103 % 3 === 0) {
        pressKey();
        keys.push(Date.now());
      }
      // Main's rule: locked once nothing was reported for longer than the idle lock.
      const lastReport = reports.filter((t) => t <= Date.now()).at(-1) ?? 0;
      const lastKey = keys.at(-1) ?? 0;
      if (Date.now() - lastReport > IDLE_MS) expect(Date.now() - lastKey).toBeGreaterThan(IDLE_MS);
    }
  });

  it('reports the last key of a burst, and at most once per interval', async () => {
    const reports = reporter();
    for (let second = 1; second <= 48; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      pressKey();
      pressKey();
    }
    await vi.advanceTimersByTimeAsync(REPORT_EVERY_MS);
    expect(reports.at(-1)).toBeGreaterThanOrEqual(48_000);
    for (let i = 1; i < reports.length; i++) expect(reports[i]! - reports[i - 1]!).toBeGreaterThanOrEqual(REPORT_EVERY_MS);
  });

  it('reports often enough for the shortest idle lock an admin can choose', () => {
    expect(REPORT_EVERY_MS).toBeLessThanOrEqual(IDLE_MS / 4);
  });
});
