import { describe, expect, it } from 'vitest';
import { staffHarness, withAdminAndClerk } from './harness';

describe('first run and sign-in', () => {
  it('creates the first admin with every permission, once', async () => {
    const h = staffHarness();
    expect((await h.call('w', 'app.status')).ok && ((await h.call('w', 'app.status')) as { value: { needsFirstAdmin: boolean } }).value.needsFirstAdmin).toBe(true);
    const first = await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret: '482913' });
    expect(first).toMatchObject({ ok: true, value: { staff: { name: 'Dana', permissions: ['adminAccess', 'sendMassSms', 'availabilityOverride', 'messengerCenter', 'viewReports'] } } });
    const second = await h.call('other', 'session.createFirstAdmin', { name: 'Eve', secret: '11112222' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('never stores the PIN in clear', async () => {
    const h = staffHarness();
    await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret: '482913' });
    const row = h.db.prepare('SELECT secret_hash FROM staff').get() as { secret_hash: string };
    expect(row.secret_hash).toMatch(/^scrypt\$/);
    expect(row.secret_hash).not.toContain('482913');
  });

  it('quick switch replaces who is signed in at a window', async () => {
    const h = await withAdminAndClerk();
    const admin = (await h.call('admin-window', 'staff.directory')) as { value: { id: string; name: string }[] };
    const dana = admin.value.find((s) => s.name === 'Dana')!;
    await h.call('clerk-window', 'session.signIn', { staffId: dana.id, secret: '482913' });
    expect(await h.call('clerk-window', 'session.current')).toMatchObject({ ok: true, value: { staff: { name: 'Dana' } } });
  });

  it('signing out ends access', async () => {
    const h = await withAdminAndClerk();
    await h.call('clerk-window', 'session.signOut');
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});

describe('lock-out, auto-lock and unlock', () => {
  it('locks a profile out after the configured wrong PINs, and lets it in after the lock-out', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ maxPinAttempts: 3, lockoutMinutes: 15 });
    const wrong = () => h.call('x', 'session.signIn', { staffId: h.samId, secret: '0000' });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    // Even the right PIN is refused while locked out.
    expect(await h.call('x', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    h.clock.time += 15 * 60_000 + 1;
    expect(await h.call('x', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: true });
    const actions = (await h.staff.audit.list({ limit: 50 })).map((e) => e.action);
    expect(actions).toContain('session.lockedOut');
    expect(actions).toContain('session.signInFailed');
  });

  it('auto-locks an idle desk and unlocks with the same PIN only', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ idleLockMinutes: 5 });
    h.clock.time += 5 * 60_000 + 1;
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await h.call('clerk-window', 'session.unlock', { secret: '482913' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await h.call('clerk-window', 'session.unlock', { secret: '7391' })).toMatchObject({ ok: true, value: { locked: false } });
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: true });
  });

  it('activity keeps the desk unlocked', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ idleLockMinutes: 5 });
    for (let i = 0; i < 5; i++) {
      h.clock.time += 4 * 60_000;
      expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: true });
    }
  });
});

describe('staff management', () => {
  it('refuses to remove the last admin', async () => {
    const h = staffHarness();
    const first = (await h.call('w', 'session.createFirstAdmin', { name: 'Dana', secret: '482913' })) as { value: { staff: { id: string } } };
    const id = first.value.staff.id;
    expect(await h.call('w', 'staff.update', { id, permissions: ['sendMassSms'] })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(await h.call('w', 'staff.update', { id, active: false })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });

  it('a deactivated member is signed out everywhere and cannot sign in', async () => {
    const h = await withAdminAndClerk();
    expect(await h.call('admin-window', 'staff.update', { id: h.samId, active: false })).toMatchObject({ ok: true });
    expect(await h.call('clerk-window', 'session.activity')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await h.call('clerk-window', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('audits privileged actions without secrets', async () => {
    const h = await withAdminAndClerk();
    await h.call('admin-window', 'staff.resetSecret', { id: h.samId, secret: '99887766' });
    const entry = (await h.staff.audit.list({ limit: 10 })).find((e) => e.action === 'staff.resetSecret')!;
    expect(entry.staffName).toBe('Dana');
    expect(entry.detail).not.toContain('99887766');
  });

  it('the audit log refuses edits and deletions', async () => {
    const h = await withAdminAndClerk();
    expect(() => h.db.exec("UPDATE audit_log SET action = 'nothing'")).toThrow(/append-only/);
    expect(() => h.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});
