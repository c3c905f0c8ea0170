import { describe, expect, it } from 'vitest';
import { withAdminAndClerk } from './harness';

type Outcome = { ok: boolean; error?: { code: string } };
const codes = (results: Outcome[]) => results.map((r) => (r.ok ? 'OK' : r.error!.code));
const countOf = (list: string[], code: string) => list.filter((c) => c === code).length;

describe('PIN lock-out under parallel guesses', () => {
  it('judges at most maxPinAttempts guesses, however many arrive at once', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ maxPinAttempts: 5, lockoutMinutes: 15 });
    // 39 wrong guesses and then Sam's real PIN, all sent before any answer comes back.
    const guesses = Array.from({ length: 39 }, (_, i) => String(1000 + i)).concat('7391');
    const results = codes(
      (await Promise.all(guesses.map((secret, i) => h.call(`attacker-${i}`, 'session.signIn', { staffId: h.samId, secret })))) as Outcome[],
    );

    expect(results.at(-1)).toBe('LOCKED_OUT');
    expect(countOf(results, 'OK')).toBe(0);
    // Four wrong guesses are answered as wrong, the fifth starts the lock-out, the rest are never judged.
    expect(countOf(results, 'BAD_CREDENTIALS')).toBe(4);
    expect(countOf(results, 'LOCKED_OUT')).toBe(36);
    const actions = (await h.staff.audit.list({ limit: 100 })).map((e) => e.action);
    expect(countOf(actions, 'session.signInFailed')).toBe(4);

    // After the lock-out the real PIN works again.
    h.clock.time += 15 * 60_000 + 1;
    expect(await h.call('desk', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: true });
  });

  it('lets the right PIN in when it is among the tries that are judged', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ maxPinAttempts: 5 });
    const guesses = ['1111', '2222', '7391', '3333', '4444', '5555', '6666'];
    const results = codes(
      (await Promise.all(guesses.map((secret, i) => h.call(`desk-${i}`, 'session.signIn', { staffId: h.samId, secret })))) as Outcome[],
    );
    expect(results[2]).toBe('OK');
    expect(countOf(results, 'OK')).toBe(1);
  });

  it('does not leave a profile stuck when the limit is lowered below its wrong tries', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ maxPinAttempts: 5, lockoutMinutes: 15 });
    for (const secret of ['1111', '2222', '3333', '4444']) {
      expect(await h.call('desk', 'session.signIn', { staffId: h.samId, secret })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    }
    h.settings.update({ maxPinAttempts: 3 });
    expect(await h.call('desk', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    h.clock.time += 15 * 60_000 + 1;
    expect(await h.call('desk', 'session.signIn', { staffId: h.samId, secret: '7391' })).toMatchObject({ ok: true });
  });

  it('counts wrong tries at the lock screen too', async () => {
    const h = await withAdminAndClerk();
    h.settings.update({ maxPinAttempts: 3 });
    await h.call('clerk-window', 'session.lock');
    const results = codes((await Promise.all(['1', '2', '3', '4', '5'].map((d) => h.call('clerk-window', 'session.unlock', { secret: d.repeat(4) })))) as Outcome[]);
    expect(countOf(results, 'BAD_CREDENTIALS')).toBe(2);
    expect(countOf(results, 'LOCKED_OUT')).toBe(3);
    expect(await h.call('clerk-window', 'session.unlock', { secret: '7391' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
  });
});
