// @vitest-environment jsdom
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { REPORT_EVERY_MS, useActivityReporter } from '../../../src/renderer/src/features/shell/use-activity-reporter';
import { buildApi, MIN_IDLE_LOCK_MINUTES, type Result } from '../../../src/shared/contract';
import { withAdminAndClerk } from './harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const IDLE_MS = MIN_IDLE_LOCK_MINUTES * 60_000;
const pressKey = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));

/** The real core behind the real activity hook, on a fake clock both share, for Sam at 'clerk-window'. */
async function deskWithShortestIdleLock() {
  const h = await withAdminAndClerk();
  h.settings.update({ idleLockMinutes: MIN_IDLE_LOCK_MINUTES });
  vi.useFakeTimers({ now: h.clock.time, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  h.clock.now = () => Date.now();
  const reports: number[] = [];
  installApi(
    buildApi({
      invoke: (channel, input) => {
        if (channel === 'session.activity') reports.push(Date.now());
        return h.router({ sessionId: 'clerk-window', trustedSender: true }, channel, input);
      },
      subscribe: () => () => undefined,
    }),
  );
  renderHook(() => useActivityReporter());
  /** Compose's background poll, as react-query sends it. */
  const poll = async () => ((await h.call('clerk-window', 'sends.status')) as Result<unknown>).ok;
  return { h, reports, poll, start: Date.now() };
}

describe('idle auto-lock', () => {
  it('background polling alone does not keep a desk unlocked', async () => {
    const { poll } = await deskWithShortestIdleLock();
    let lockedAfter: number | null = null;
    for (let second = 1; second <= 3 * 60 && lockedAfter === null; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      if (second % 5 === 0 && !(await poll())) lockedAfter = second;
    }
    expect(lockedAfter).not.toBeNull();
    expect(lockedAfter! * 1000).toBeGreaterThan(IDLE_MS);
    expect(lockedAfter! * 1000).toBeLessThanOrEqual(IDLE_MS + 5_000);
  });

  it('never locks a person who is working, pauses to read included, and locks once they leave', async () => {
    const { poll } = await deskWithShortestIdleLock();
    let lastKeyAt = 0;
    const lockedAt: { second: number; sinceKey: number }[] = [];
    // Eight rounds of typing a key every 3 s for 48 s, then reading for 55 s; then the person leaves.
    const workSeconds = 8 * 103;
    for (let second = 1; second <= workSeconds + 120; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      const inRound = second % 103;
      if (second <= workSeconds && inRound <= 48 && inRound % 3 === 0) {
        pressKey();
        lastKeyAt = second;
      }
      if (second % 5 === 0 && !(await poll())) {
        lockedAt.push({ second, sinceKey: second - lastKeyAt });
        break;
      }
    }
    expect(lockedAt).toHaveLength(1);
    // It locked only after the person had been away for longer than the idle lock, not much later.
    expect(lockedAt[0]!.second).toBeGreaterThan(workSeconds);
    expect(lockedAt[0]!.sinceKey * 1000).toBeGreaterThan(IDLE_MS);
    expect(lockedAt[0]!.sinceKey * 1000).toBeLessThanOrEqual(IDLE_MS + REPORT_EVERY_MS + 5_000);
  });

  it('reports the last key of a burst, and at most once per interval', async () => {
    const { reports, start } = await deskWithShortestIdleLock();
    for (let second = 1; second <= 48; second++) {
      await vi.advanceTimersByTimeAsync(1000);
      pressKey();
      pressKey();
    }
    await vi.advanceTimersByTimeAsync(REPORT_EVERY_MS);
    expect(reports.at(-1)! - start).toBeGreaterThanOrEqual(48_000);
    for (let i = 1; i < reports.length; i++) expect(reports[i]! - reports[i - 1]!).toBeGreaterThanOrEqual(REPORT_EVERY_MS);
  });

  it('reports often enough for the shortest idle lock an admin can choose', () => {
    expect(REPORT_EVERY_MS).toBeLessThanOrEqual(IDLE_MS / 4);
  });
});
