import { describe, expect, it } from 'vitest';
import type { CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { QueuedSend, Result, ThreadSummary, ThreadView } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { TEXTING_NUMBER, withAdminAndClerk } from '../staff/harness';

// ---------------------------------------------------------------------------------------------
// Dana (admin, every permission, Messenger Center included) at 'admin-window'; Sam (Send Mass
// SMS only) at 'clerk-window'. Replies are put in `h.inbox`, the fake carrier log, and fetched
// with messenger.checkNow, as the poller does every few seconds.
// ---------------------------------------------------------------------------------------------

// Tuesday 22:30 in New York: outside the default sending hours, so replies prove they are not held.
const TUESDAY_NIGHT = Date.UTC(2023, 10, 15, 3, 30);
const FAMILY = '+12125550142';
const OTHER_FAMILY = '+16175550199';

function unwrap<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDesk() {
  const h = await withAdminAndClerk({ startAt: TUESDAY_NIGHT });
  unwrap(await h.call('admin-window', 'messageOptions.update', {
    ...defaultMessageOptions,
    availableHours: { timeZone: 'America/New_York', schedule: Array.from({ length: 7 }, () => [{ start: '08:00', end: '20:00' }]) },
  }));
  let sid = 0;
  /** A family texts the business; the carrier logs it. */
  const familyTexts = (from: string, body: string, at = h.clock.now()) => {
    const message: CarrierMessage = {
      sid: `SM${String(++sid).padStart(32, '0')}`, status: 'received', direction: 'inbound', from, to: TEXTING_NUMBER, body, numSegments: 1,
      errorCode: null, errorMessage: null, messagingServiceSid: null, dateCreated: at, dateSent: at, dateUpdated: at, price: null, priceUnit: null,
    };
    h.inbox.push(message);
  };
  const check = async () => unwrap<{ received: number }>(await h.call('admin-window', 'messenger.checkNow')).received;
  const threads = async (input: object = {}) => unwrap<{ threads: ThreadSummary[]; total: number }>(await h.call('admin-window', 'messenger.threads', input));
  /** Outbox rows are written by the dispatcher's first step, which never runs here: run just that step. */
  const writeRows = () => h.sending.writer.finish(h.clock.now());
  const thread = async (phone: string) => {
    await writeRows();
    return unwrap<ThreadView>(await h.call('admin-window', 'messenger.thread', { phone }));
  };
  return { ...h, familyTexts, check, threads, thread, writeRows };
}

describe('replies', () => {
  it('are fetched once each, threaded by number with unread counts, beside the texts sent to that number', async () => {
    const h = await openDesk();
    unwrap(await h.call('admin-window', 'consent.optIn', { phone: FAMILY }));
    h.clock.time += 60_000;
    h.familyTexts(FAMILY, 'Is practice still on tonight?');
    h.familyTexts('+1 (617) 555-0199'.replace(/[^\d+]/g, ''), 'Running late');

    expect(await h.check()).toBe(2);
    // The carrier's log is read again from the same day: nothing is kept twice.
    expect(await h.check()).toBe(0);

    const list = await h.threads();
    expect(list.total).toBe(2);
    expect(list.threads.find((t) => t.phone === FAMILY)).toMatchObject({ lastBody: 'Is practice still on tonight?', unread: 1, handled: false, handledBy: null });
    expect(unwrap(await h.call('clerk-window', 'messenger.unreadCount'))).toEqual({ unread: 2 });

    const view = await h.thread('(212) 555-0142');
    expect(view).toMatchObject({ phone: FAMILY, consent: 'opted_in', handled: false });
    expect(view.messages.map((m) => `${m.direction}:${m.direction === 'outbound' ? m.kind : ''}`)).toEqual(['outbound:signup', 'inbound:']);

    expect(unwrap(await h.call('admin-window', 'messenger.markRead', { phone: FAMILY }))).toEqual({ unread: 1 });
    expect((await h.threads({ filter: 'unread' })).threads.map((t) => t.phone)).toEqual([OTHER_FAMILY]);
  });

  it('are answered in the thread at once, even outside sending hours, which marks the conversation handled', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Can we switch to Thursday class?');
    await h.check();

    const sent = unwrap<QueuedSend>(await h.call('admin-window', 'messenger.reply', { phone: FAMILY, body: 'Yes, Thursday 5 PM works.' }));
    expect(sent.batch).toMatchObject({ kind: 'reply', recipients: 1, notBefore: null });

    const view = await h.thread(FAMILY);
    expect(view).toMatchObject({ handled: true, handledBy: 'Dana' });
    expect(view.messages.at(-1)).toMatchObject({ direction: 'outbound', kind: 'reply', state: 'queued', staffName: 'Dana', body: expect.stringContaining('Yes, Thursday 5 PM works.') });
    expect((await h.threads({ filter: 'needs_reply' })).total).toBe(0);
    expect((await h.threads({ filter: 'unread' })).total).toBe(0);

    // A new message from the family needs an answer again, even one stamped the same second
    // (the carrier's times are whole seconds).
    h.familyTexts(FAMILY, 'Thanks! And Saturday?', h.clock.now() - 500);
    await h.check();
    expect((await h.threads({ filter: 'needs_reply' })).threads).toEqual([expect.objectContaining({ phone: FAMILY, handled: false, unread: 1 })]);
  });

  it('STOP opts the number out at once and cancels what waits for it; START opts back in with the signup message; HELP is kept', async () => {
    const h = await openDesk();
    unwrap(await h.call('admin-window', 'consent.optIn', { phone: FAMILY }));
    const queued = unwrap<QueuedSend>(await h.call('admin-window', 'sends.create', { recipients: [FAMILY], body: 'Open gym Friday', timing: { kind: 'next_opening' } }));

    h.familyTexts(FAMILY, '  stop ');
    h.familyTexts(OTHER_FAMILY, 'HELP');
    await h.check();
    expect((await h.thread(FAMILY)).consent).toBe('opted_out');
    await h.writeRows();
    expect(unwrap<{ counts: { canceled: number } }[]>(await h.call('admin-window', 'sends.list', {})).find((b) => b.counts.canceled === 1)).toBeDefined();
    expect(queued.batch.recipients).toBe(1);
    expect((await h.thread(OTHER_FAMILY)).messages).toEqual([expect.objectContaining({ direction: 'inbound', keyword: 'help' })]);
    expect((await h.thread(OTHER_FAMILY)).consent).toBe('never');

    h.clock.time += 60_000;
    h.familyTexts(FAMILY, 'START');
    await h.check();
    const view = await h.thread(FAMILY);
    expect(view.consent).toBe('opted_in');
    expect(view.messages.filter((m) => m.direction === 'outbound' && m.kind === 'signup')).toHaveLength(2);
    const history = unwrap<{ state: string; source: string }[]>(await h.call('admin-window', 'consent.history', { phone: FAMILY }));
    expect(history.map((e) => `${e.state}/${e.source}`)).toEqual(['opted_in/keyword', 'opted_out/keyword', 'opted_in/staff']);
  });

  it('are found by digits of the number or by words, and filtered by handled', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Where is the swim meet?');
    h.familyTexts(OTHER_FAMILY, 'Running 10 minutes late');
    await h.check();
    unwrap(await h.call('admin-window', 'messenger.setHandled', { phone: OTHER_FAMILY, handled: true }));

    expect((await h.threads({ search: '617 555' })).threads.map((t) => t.phone)).toEqual([OTHER_FAMILY]);
    expect((await h.threads({ search: 'SWIM' })).threads.map((t) => t.phone)).toEqual([FAMILY]);
    expect((await h.threads({ search: '%' })).total).toBe(0);
    expect((await h.threads({ filter: 'handled' })).threads).toEqual([expect.objectContaining({ phone: OTHER_FAMILY, handledBy: 'Dana' })]);
    unwrap(await h.call('admin-window', 'messenger.setHandled', { phone: OTHER_FAMILY, handled: false }));
    expect((await h.threads({ filter: 'handled' })).total).toBe(0);
  });
});

describe('who a reply may go to', () => {
  const NEVER_TEXTED = '+13125550177';

  it('refuses a number that never texted in and never opted in, saying why, and writes nothing', async () => {
    const h = await openDesk();
    const before = h.rowCounts();
    const refused = await h.call('admin-window', 'messenger.reply', { phone: NEVER_TEXTED, body: 'Hi there' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/has not texted you and has not opted in/) } });
    expect(h.rowCounts()).toEqual(before);
  });

  it('answers a number that opted in, even before it has texted', async () => {
    const h = await openDesk();
    unwrap(await h.call('admin-window', 'consent.optIn', { phone: NEVER_TEXTED }));
    const sent = unwrap<QueuedSend>(await h.call('admin-window', 'messenger.reply', { phone: NEVER_TEXTED, body: 'Welcome to the gym!' }));
    expect(sent.batch).toMatchObject({ kind: 'reply', recipients: 1 });
  });

  it('refuses a number that opted out, even one with a conversation, until it opts back in', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Is class on?');
    h.familyTexts(FAMILY, 'STOP');
    await h.check();
    const before = h.rowCounts();
    const refused = await h.call('admin-window', 'messenger.reply', { phone: FAMILY, body: 'Yes it is' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringMatching(/opted out/) } });
    expect(h.rowCounts()).toEqual(before);

    h.clock.time += 60_000;
    h.familyTexts(FAMILY, 'START');
    await h.check();
    expect(unwrap<QueuedSend>(await h.call('admin-window', 'messenger.reply', { phone: FAMILY, body: 'Welcome back' })).batch.kind).toBe('reply');
  });

  it('a conversation in Sandbox mode does not open the door in live mode', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Hello');
    await h.check();
    h.settings.update({ mode: 'live' });
    expect(await h.call('admin-window', 'messenger.reply', { phone: FAMILY, body: 'Hi' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });
});

describe('opting a number in', () => {
  it('sends the signup text, so it needs Send Mass SMS: Messenger Center alone is refused', async () => {
    const h = await openDesk();
    const { id } = unwrap<{ id: string }>(await h.call('admin-window', 'staff.create', { name: 'Riley', secret: '5521', permissions: ['messengerCenter'] }));
    unwrap(await h.call('reader-window', 'session.signIn', { staffId: id, secret: '5521' }));
    const before = h.rowCounts();
    expect(await h.call('reader-window', 'consent.optIn', { phone: FAMILY })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(h.rowCounts().consent).toBe(before.consent);
    expect(h.rowCounts().send_batches).toBe(before.send_batches);
    // Honouring an opt-out spends nothing and stays open to everyone signed in.
    expect(await h.call('reader-window', 'consent.optOut', { phone: FAMILY })).toMatchObject({ ok: true });

    expect(unwrap(await h.call('clerk-window', 'consent.optIn', { phone: OTHER_FAMILY }))).toEqual({ phone: OTHER_FAMILY, signupQueued: true });
  });
});

describe('notes and refusals', () => {
  it('keeps notes with who wrote them, for staff only', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Can I pay at the desk?');
    await h.check();
    const view = unwrap<ThreadView>(await h.call('admin-window', 'messenger.addNote', { phone: FAMILY, body: '  Told mom we take cards.  ' }));
    expect(view.notes).toEqual([expect.objectContaining({ body: 'Told mom we take cards.', staffName: 'Dana' })]);
    expect(() => h.db.exec("UPDATE thread_notes SET body = 'x'")).toThrow(/append-only/);
  });

  it('refuses staff without Messenger Center, bad numbers, empty or oversized text, and simulated replies outside Sandbox tooling, changing nothing', async () => {
    const h = await openDesk();
    h.familyTexts(FAMILY, 'Hello');
    await h.check();
    const before = h.rowCounts();
    for (const [channel, input] of [
      ['messenger.threads', {}],
      ['messenger.reply', { phone: FAMILY, body: 'Hi' }],
      ['messenger.addNote', { phone: FAMILY, body: 'x' }],
    ] as const) {
      expect(await h.call('clerk-window', channel, input)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    for (const [channel, input] of [
      ['messenger.reply', { phone: 'not a phone', body: 'Hi' }],
      ['messenger.reply', { phone: FAMILY, body: '   ' }],
      ['messenger.reply', { phone: FAMILY, body: 'x'.repeat(10_000) }],
      ['messenger.addNote', { phone: FAMILY, body: 'x'.repeat(1001) }],
      ['messenger.addNote', { phone: FAMILY, body: '  ' }],
      ['messenger.thread', { phone: FAMILY, extra: 1 }],
      ['messenger.threads', { filter: 'starred' }],
    ] as const) {
      expect(await h.call('admin-window', channel, input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await h.call('admin-window', 'messenger.simulateReply', { from: FAMILY, body: 'Hi' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(h.rowCounts()).toEqual(before);
  });
});
