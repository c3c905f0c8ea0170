import { describe, expect, it } from 'vitest';
import type { CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { Result, ThreadSummary, ThreadView } from '../../../src/shared/contract';
import { TEXTING_NUMBER, withAdminAndClerk } from '../staff/harness';

// Dana (admin) at 'admin-window'; Sam (Send Mass SMS only, no Messenger Center) at 'clerk-window';
// Mia and Leo (Messenger Center, not admins) at 'mia-window' and 'leo-window'.

const FAMILY = '+12125550142';

function unwrap<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDesk() {
  const h = await withAdminAndClerk();
  const member = async (name: string, secret: string, window: string) => {
    const created = unwrap<{ id: string }>(await h.call('admin-window', 'staff.create', { name, secret, permissions: ['messengerCenter'] }));
    unwrap(await h.call(window, 'session.signIn', { staffId: created.id, secret }));
    return created.id;
  };
  const mia = await member('Mia', '5820', 'mia-window');
  const leo = await member('Leo', '6931', 'leo-window');
  const at = h.clock.now();
  const message: CarrierMessage = {
    sid: 'SM00000000000000000000000000000001', status: 'received', direction: 'inbound', from: FAMILY, to: TEXTING_NUMBER, body: 'Can someone call me?', numSegments: 1,
    errorCode: null, errorMessage: null, messagingServiceSid: null, dateCreated: at, dateSent: at, dateUpdated: at, price: null, priceUnit: null,
  };
  h.inbox.push(message);
  unwrap(await h.call('admin-window', 'messenger.checkNow'));
  const assign = (window: string, staffId: string | null) => h.call(window, 'messenger.assign', { phone: FAMILY, staffId });
  const assigned = async () => unwrap<ThreadView>(await h.call('admin-window', 'messenger.thread', { phone: FAMILY })).assignedTo;
  return { ...h, mia, leo, assign, assigned };
}

describe('giving a conversation to someone', () => {
  it('an admin gives it to anyone with Messenger Center access, and it shows under their Assigned to me', async () => {
    const h = await openDesk();
    expect(unwrap<ThreadView>(await h.assign('admin-window', h.mia)).assignedTo).toEqual({ id: h.mia, name: 'Mia' });
    const mine = (window: string) => h.call(window, 'messenger.threads', { filter: 'assigned_to_me' });
    expect(unwrap<{ threads: ThreadSummary[] }>(await mine('mia-window')).threads.map((t) => t.assignedTo?.name)).toEqual(['Mia']);
    expect(unwrap<{ threads: ThreadSummary[] }>(await mine('leo-window')).threads).toEqual([]);
    unwrap(await h.assign('admin-window', h.leo));
    expect(await h.assigned()).toEqual({ id: h.leo, name: 'Leo' });
    unwrap(await h.assign('admin-window', null));
    expect(await h.assigned()).toBeNull();
  });

  it('staff without admin take an unassigned one or let go of their own, and cannot move someone else’s', async () => {
    const h = await openDesk();
    expect(await h.assign('mia-window', h.leo)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    unwrap(await h.assign('mia-window', h.mia));
    expect(await h.assign('leo-window', h.leo)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.stringMatching(/Someone else has this conversation/) } });
    expect(await h.assign('leo-window', null)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await h.assigned()).toEqual({ id: h.mia, name: 'Mia' });
    unwrap(await h.assign('mia-window', null));
    expect(await h.assigned()).toBeNull();
  });

  it('refuses staff without Messenger Center access, as caller or as the one it goes to, and unknown staff', async () => {
    const h = await openDesk();
    expect(await h.assign('clerk-window', h.samId)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await h.call('clerk-window', 'messenger.assignees')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await h.assign('admin-window', h.samId)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/Sam cannot open the Messenger Center/) } });
    expect(await h.assign('admin-window', 'no-such-staff')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call('admin-window', 'messenger.assign', { phone: '+13125550177', staffId: h.mia })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.assigned()).toBeNull();
    expect(unwrap<{ staff: Array<{ name: string }> }>(await h.call('mia-window', 'messenger.assignees')).staff.map((s) => s.name).sort()).toEqual(['Dana', 'Leo', 'Mia']);
  });
});
