import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appErrorCodes, channels, contract } from '../../../src/shared/contract';
import { createRouter, type HandlerContext, type Handlers } from '../../../src/main/core/router';
import { withAdminAndClerk } from '../staff/harness';

const errorCodes = new Set<string>(appErrorCodes);

describe('the router refuses what it must', () => {
  it('refuses an unknown channel and changes nothing', async () => {
    const h = await withAdminAndClerk();
    const before = h.rowCounts();
    for (const name of ['staff.drop', '__proto__', 'constructor', 'toString', '', 42, null, { channel: 'staff.list' }]) {
      expect(await h.router({ sessionId: 'admin-window', trustedSender: true }, name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(h.rowCounts()).toEqual(before);
  });

  it('refuses a call from a foreign sender, even from a signed-in admin window', async () => {
    const h = await withAdminAndClerk();
    const before = h.rowCounts();
    const result = await h.router({ sessionId: 'admin-window', trustedSender: false }, 'staff.create', { name: 'X', secret: '12345678', permissions: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(h.rowCounts()).toEqual(before);
  });

  it('refuses admin-only calls without Admin Access and changes nothing', async () => {
    const h = await withAdminAndClerk();
    const before = h.rowCounts();
    const adminOnly = channels.filter((c) => contract[c].access === 'adminAccess');
    expect(adminOnly.length).toBeGreaterThan(0);
    expect(await h.call('clerk-window', 'staff.create', { name: 'Mallory', secret: '12345678', permissions: ['adminAccess'] })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(await h.call('clerk-window', 'staff.list')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(h.rowCounts()).toEqual(before);
  });

  it('refuses signed-in calls from a window nobody signed in to', async () => {
    const h = await withAdminAndClerk();
    for (const channel of channels.filter((c) => contract[c].access !== 'public')) {
      const result = await h.call('stranger', channel, undefined);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['NOT_SIGNED_IN', 'INVALID_INPUT']).toContain(result.error.code);
    }
  });

  it('answers every channel with a typed error for random payloads, never a throw, never a change', async () => {
    const h = await withAdminAndClerk();
    // Sam, the clerk, holds Send Mass SMS only: every channel needing another permission must refuse.
    const guarded = channels.filter((c) => !['public', 'signedIn', 'sendMassSms'].includes(contract[c].access));
    const before = h.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.anything({ withObjectString: true, withNullPrototype: true }), async (channel, payload) => {
        const beforeCall = h.snapshot();
        const result = await h.call('clerk-window', channel, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(errorCodes.has(result.error.code)).toBe(true);
        if (guarded.includes(channel)) expect(result).toMatchObject({ ok: false });
        // A refused call leaves every table and every setting as it was.
        if (!result.ok) expect(h.snapshot()).toEqual(beforeCall);
      }),
      { numRuns: 400 },
    );
    // Public calls may sign the fuzzing window out (an audited sign-out), but nothing else is written.
    expect(h.snapshot(['session.signOut'])).toEqual(before);
    expect(h.errors).toEqual([]);
  });

  it('rejects malformed input on every channel that takes input', async () => {
    const h = await withAdminAndClerk();
    for (const channel of channels) {
      const result = await h.call('admin-window', channel, { unexpected: 'x'.repeat(10_000), nested: { deep: [1, 2, 3] } });
      if (contract[channel].input.safeParse(undefined).success) continue;
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('strips anything a handler returns beyond the contract', async () => {
    const h = await withAdminAndClerk();
    // A handler that leaks: the real staff list with each profile's PIN hash added back.
    const leaky = async (input: unknown, ctx: HandlerContext) =>
      ((await h.staff.handlers['staff.list'](input as undefined, ctx)) as object[]).map((member) => ({ ...member, secretHash: 'scrypt$leaked' }));
    const router = createRouter({
      handlers: { ...h.staff.handlers, 'staff.list': leaky } as unknown as Handlers,
      callerFor: (id) => h.staff.callerFor(id),
      audit: () => undefined,
      refused: () => undefined,
      logError: (_m, e) => h.errors.push(e),
    });
    const list = await router({ sessionId: 'admin-window', trustedSender: true }, 'staff.list', undefined);
    expect(list.ok).toBe(true);
    if (list.ok) for (const member of list.value as object[]) expect(Object.keys(member)).not.toContain('secretHash');
  });

  it('does not claim nothing was changed when a handler failed part-way', async () => {
    const h = await withAdminAndClerk();
    // The profile is written, then the handler fails: the caller must not be told nothing happened.
    const halfDone = async (input: unknown, ctx: HandlerContext) => {
      await h.staff.handlers['staff.create'](input as never, ctx);
      throw new Error('disk full');
    };
    const router = createRouter({
      handlers: { ...h.staff.handlers, 'staff.create': halfDone } as unknown as Handlers,
      callerFor: (id) => h.staff.callerFor(id),
      audit: () => undefined,
      refused: () => undefined,
      logError: () => undefined,
    });
    const result = await router({ sessionId: 'admin-window', trustedSender: true }, 'staff.create', { name: 'Jo', secret: '5555', permissions: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/nothing (was|has been) changed/i);
    expect(h.rowCounts().staff).toBe(3);
  });
});
