import { describe, expect, it } from 'vitest';
import { staffHarness, withAdminAndClerk } from './harness';

const refusedForShortPin = { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('6–12 digits') } };

describe('Admin Access needs a PIN of 6 or more digits', () => {
  it('the first admin cannot choose a 4- or 5-digit PIN', async () => {
    const h = staffHarness();
    for (const secret of ['4829', '48291']) {
      expect(await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret })).toMatchObject(refusedForShortPin);
    }
    expect(h.rowCounts().staff).toBe(0);
    expect(await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret: '482913' })).toMatchObject({ ok: true });
  });

  it('a password still works for an admin', async () => {
    const h = staffHarness();
    expect(await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret: 'tumble town owner' })).toMatchObject({ ok: true });
  });

  it('a new admin needs 6+ digits; a new member without Admin Access may keep 4', async () => {
    const h = await withAdminAndClerk();
    const add = (secret: string, permissions: string[]) => h.call('admin-window', 'staff.create', { name: 'Lee', secret, permissions });
    expect(await add('2468', ['adminAccess', 'sendMassSms'])).toMatchObject({ ...refusedForShortPin, error: { ...refusedForShortPin.error, message: expect.stringMatching(/^secret: /) } });
    expect(await add('2468', ['sendMassSms'])).toMatchObject({ ok: true });
    expect(await add('246813', ['adminAccess'])).toMatchObject({ ok: true });
  });

  it('an admin’s PIN cannot be reset to fewer than 6 digits; a clerk’s can', async () => {
    const h = await withAdminAndClerk();
    const admin = (await h.call('admin-window', 'session.current')) as { value: { staff: { id: string } } };
    expect(await h.call('admin-window', 'staff.resetSecret', { id: admin.value.staff.id, secret: '1357' })).toMatchObject(refusedForShortPin);
    expect(await h.call('admin-window', 'session.signIn', { staffId: admin.value.staff.id, secret: '482913' })).toMatchObject({ ok: true });
    expect(await h.call('admin-window', 'staff.resetSecret', { id: h.samId, secret: '1357' })).toMatchObject({ ok: true });
  });
});
