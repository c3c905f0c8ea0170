import { describe, expect, it, vi } from 'vitest';
import { withAdminAndClerk } from './harness';

/** Lets a test hold every PIN compare open after the hash is done, to change the profile meanwhile. */
const gate = vi.hoisted(() => ({ hold: null as Promise<void> | null }));
vi.mock('../../../src/main/core/staff/password-hash', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/main/core/staff/password-hash')>();
  return {
    ...actual,
    verifySecret: async (secret: string, encoded: string) => {
      const right = await actual.verifySecret(secret, encoded);
      if (gate.hold) await gate.hold;
      return right;
    },
  };
});

function holdCompares(): () => void {
  let release = () => {};
  gate.hold = new Promise<void>((resolve) => (release = resolve));
  return () => {
    gate.hold = null;
    release();
  };
}

const signedOutWindows = (events: { event: string; payload: unknown; sessionId?: string }[]) =>
  events.filter((e) => e.event === 'session.changed' && (e.payload as { staff: unknown }).staff === null).map((e) => e.sessionId);

describe('a new PIN or deactivation ends the person’s sessions', () => {
  it('resetting a PIN signs that person out at every window, and tells each window', async () => {
    const h = await withAdminAndClerk();
    await h.call('front-desk', 'session.signIn', { staffId: h.samId, secret: '7391' });
    const seen: { event: string; payload: unknown; sessionId?: string }[] = [];
    h.events.subscribe((event, payload, sessionId) => seen.push({ event, payload, sessionId }));

    expect(await h.call('admin-window', 'staff.resetSecret', { id: h.samId, secret: '55443322' })).toMatchObject({ ok: true });

    for (const window of ['clerk-window', 'front-desk']) {
      expect(await h.call(window, 'session.activity')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    }
    expect(signedOutWindows(seen).sort()).toEqual(['clerk-window', 'front-desk']);
    expect(await h.call('admin-window', 'session.activity')).toMatchObject({ ok: true });
    expect(await h.call('clerk-window', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: false });
    expect(await h.call('clerk-window', 'session.signIn', { staffId: h.samId, secret: '55443322' })).toMatchObject({ ok: true });
  });

  it('an admin who resets their own PIN stays signed in where they did it, and nowhere else', async () => {
    const h = await withAdminAndClerk();
    const admin = (await h.call('admin-window', 'session.current')) as { value: { staff: { id: string } } };
    await h.call('office', 'session.signIn', { staffId: admin.value.staff.id, secret: '482913' });
    expect(await h.call('admin-window', 'staff.resetSecret', { id: admin.value.staff.id, secret: '90817263' })).toMatchObject({ ok: true });
    expect(await h.call('admin-window', 'session.activity')).toMatchObject({ ok: true });
    expect(await h.call('office', 'session.activity')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('a sign-in with the old PIN that was being checked while the PIN was reset does not get in', async () => {
    const h = await withAdminAndClerk();
    const release = holdCompares();
    const oldPin = h.call('front-desk', 'session.signIn', { staffId: h.samId, secret: '7391' });
    expect(await h.call('admin-window', 'staff.resetSecret', { id: h.samId, secret: '55443322' })).toMatchObject({ ok: true });
    release();
    expect(await oldPin).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await h.call('front-desk', 'session.current')).toMatchObject({ ok: true, value: { staff: null } });
  });

  it('deactivating someone ends their sessions at once, and a sign-in being checked meanwhile does not get in', async () => {
    const h = await withAdminAndClerk();
    const seen: { event: string; payload: unknown; sessionId?: string }[] = [];
    h.events.subscribe((event, payload, sessionId) => seen.push({ event, payload, sessionId }));
    const release = holdCompares();
    const signingIn = h.call('front-desk', 'session.signIn', { staffId: h.samId, secret: '7391' });
    expect(await h.call('admin-window', 'staff.update', { id: h.samId, active: false })).toMatchObject({ ok: true });
    release();
    expect(await signingIn).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(signedOutWindows(seen)).toEqual(['clerk-window']);
    // No window was ever told Sam is signed in after he was deactivated.
    const signedInAfter = seen.filter((e) => e.event === 'session.changed' && (e.payload as { staff: { id: string } | null }).staff?.id === h.samId);
    expect(signedInAfter).toEqual([]);
  });
});
