import { describe, expect, it } from 'vitest';
import { MIN_IDLE_LOCK_MINUTES, type Result } from '../../../src/shared/contract';
import { withAdminAndClerk } from './harness';

const IDLE_MS = MIN_IDLE_LOCK_MINUTES * 60_000;

/** Sam at 'clerk-window' with the shortest idle lock an admin can choose. */
async function deskWithShortestIdleLock() {
  const h = await withAdminAndClerk();
  h.settings.update({ idleLockMinutes: MIN_IDLE_LOCK_MINUTES });
  /** Compose's background poll of the sending status, every 5 s. */
  const poll = async () => ((await h.call('clerk-window', 'sends.status')) as Result<unknown>).ok;
  return { h, poll };
}

describe('idle auto-lock', () => {
  it('background polling alone does not keep a desk unlocked', async () => {
    const { h, poll } = await deskWithShortestIdleLock();
    let lockedAfter: number | null = null;
    for (let seconds = 5; seconds <= 3 * 60 && lockedAfter === null; seconds += 5) {
      h.clock.time += 5_000;
      if (!(await poll())) lockedAfter = seconds;
    }
    expect(lockedAfter).not.toBeNull();
    expect(lockedAfter! * 1000).toBeGreaterThan(IDLE_MS);
    expect(lockedAfter! * 1000).toBeLessThanOrEqual(IDLE_MS + 5_000);
    expect(await h.call('clerk-window', 'session.current')).toMatchObject({ ok: true, value: { locked: true } });
  });

  it('a person’s reported activity keeps it unlocked while polls go on, and it locks once they stop', async () => {
    const { h, poll } = await deskWithShortestIdleLock();
    for (let seconds = 5; seconds <= 10 * 60; seconds += 5) {
      h.clock.time += 5_000;
      if (seconds % 50 === 0) expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: true });
      expect(await poll()).toBe(true);
    }
    h.clock.time += IDLE_MS + 1;
    expect(await poll()).toBe(false);
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });
});
