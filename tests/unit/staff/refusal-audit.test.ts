import { describe, expect, it } from 'vitest';
import { withAdminAndClerk } from './harness';

const refusals = async (h: Awaited<ReturnType<typeof withAdminAndClerk>>) =>
  (await h.staff.audit.list({ limit: 500 }))
    .filter((e) => e.action === 'access.refused')
    .reverse();

describe('refused calls are audited', () => {
  it('writes who was refused what', async () => {
    const h = await withAdminAndClerk();
    expect(await h.call('clerk-window', 'staff.list')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await refusals(h)).toEqual([expect.objectContaining({ staffId: h.samId, staffName: 'Sam', detail: 'staff.list' })]);
  });

  it('writes a refusal a service makes too (sending outside hours without the override permission)', async () => {
    const h = await withAdminAndClerk({ startAt: Date.UTC(2023, 10, 15, 3, 30) });
    await h.call('admin-window', 'messageOptions.update', {
      availableHours: { timeZone: 'America/New_York', schedule: [[], [], [], [], [], [], []] },
    });
    h.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES ('+12125550100', 'opted_in', 0)").run();
    const result = await h.call('clerk-window', 'sends.create', { body: 'Meet canceled', recipients: ['+12125550100'], overrideReason: 'Storm' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await refusals(h)).toEqual([expect.objectContaining({ staffId: h.samId, detail: 'sends.create' })]);
  });

  it('coalesces a flood: a few rows that still say how many refusals there were', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ idleLockMinutes: 240 });
    for (let i = 0; i < 10_000; i++) {
      await h.call('clerk-window', 'staff.list');
      if (i % 100 === 0) h.clock.time += 1000;
    }
    const rows = await refusals(h);
    expect(rows.length).toBeLessThanOrEqual(14);
    expect(rows.at(-1)!.detail).toBe('staff.list, 8192 times in 1 minute');

    // Another action, and the same one once the run is over, start their own rows.
    await h.call('clerk-window', 'audit.list', {});
    h.clock.time += 10 * 60_000;
    await h.call('clerk-window', 'staff.list');
    expect((await refusals(h)).slice(-2).map((e) => e.detail)).toEqual(['audit.list', 'staff.list']);
  });

  it('does not write refusals for calls that were allowed', async () => {
    const h = await withAdminAndClerk();
    expect(await h.call('admin-window', 'staff.list')).toMatchObject({ ok: true });
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: true });
    expect(await refusals(h)).toEqual([]);
  });
});
