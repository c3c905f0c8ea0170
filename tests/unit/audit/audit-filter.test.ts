import { describe, expect, it } from 'vitest';
import { withAdminAndClerk } from '../staff/harness';

describe('the audit log filters by person and action', () => {
  it('lists one person’s entries, one kind of action, or both', async () => {
    const h = await withAdminAndClerk();
    await h.call('clerk-window', 'staff.list');
    await h.call('admin-window', 'security.updateSettings', { idleLockMinutes: 30 });
    const list = async (filter: object) => {
      const result = (await h.call('admin-window', 'audit.list', { limit: 100, ...filter })) as { ok: true; value: { action: string; staffId: string | null }[] };
      return result.value;
    };
    const all = await list({});
    expect(new Set(all.map((e) => e.staffId)).size).toBeGreaterThan(1);
    const sams = await list({ staffId: h.samId });
    expect(sams.length).toBeGreaterThan(0);
    expect(sams.every((e) => e.staffId === h.samId)).toBe(true);
    const settings = await list({ action: 'security.updateSettings' });
    expect(settings.map((e) => e.action)).toEqual(['security.updateSettings']);
    expect(await list({ staffId: h.samId, action: 'security.updateSettings' })).toEqual([]);
  });
});
