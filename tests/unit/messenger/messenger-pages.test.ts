import { describe, expect, it } from 'vitest';
import type { CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { EventPayload, Result, SearchHit, ThreadSummary, ThreadView } from '../../../src/shared/contract';
import { TEXTING_NUMBER, withAdminAndClerk } from '../staff/harness';

// The Messenger Center's channels page by keyset and say which conversations a change touched.

function unwrap<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDesk() {
  const h = await withAdminAndClerk();
  const changes: Array<EventPayload<'messenger.changed'>> = [];
  h.events.subscribe((event, payload) => {
    if (event === 'messenger.changed') changes.push(payload as EventPayload<'messenger.changed'>);
  });
  let sid = 0;
  const familyTexts = (from: string, body: string) => {
    const at = h.clock.now() + ++sid * 1_000;
    const message: CarrierMessage = {
      sid: `SM${String(sid).padStart(32, '0')}`, status: 'received', direction: 'inbound', from, to: TEXTING_NUMBER, body, numSegments: 1,
      errorCode: null, errorMessage: null, messagingServiceSid: null, dateCreated: at, dateSent: at, dateUpdated: at, price: null, priceUnit: null,
    };
    h.inbox.push(message);
  };
  const call = async <T>(channel: string, input?: unknown) => unwrap<T>(await h.call('admin-window', channel as never, input as never));
  return { ...h, changes, familyTexts, call };
}

const phone = (i: number) => `+1512555${String(1000 + i)}`;

describe('Messenger Center pages and change events', () => {
  it('lists every conversation a page at a time, newest first, none twice, with the total', async () => {
    const h = await openDesk();
    for (let i = 0; i < 7; i++) h.familyTexts(phone(i), `Hello ${i}`);
    await h.call('messenger.checkNow');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { threads: ThreadSummary[]; nextCursor: string | null; total: number } = await h.call('messenger.threads', { limit: 3, cursor });
      expect(page.total).toBe(7);
      seen.push(...page.threads.map((t) => t.phone));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map(phone));
    expect(await h.call('messenger.threads', { cursor: 'not|a cursor' }).catch((e: Error) => e.message)).toMatch(/INVALID_INPUT/);
  });

  it('opens a conversation a page at a time, oldest first within the page, older pages on request', async () => {
    const h = await openDesk();
    for (let i = 0; i < 5; i++) h.familyTexts(phone(0), `Message ${i}`);
    await h.call('messenger.checkNow');
    const newest = await h.call<ThreadView>('messenger.thread', { phone: phone(0), limit: 2 });
    expect(newest.messages.map((m) => m.body)).toEqual(['Message 3', 'Message 4']);
    const older = await h.call<ThreadView>('messenger.thread', { phone: phone(0), limit: 2, before: newest.olderCursor });
    expect(older.messages.map((m) => m.body)).toEqual(['Message 1', 'Message 2']);
    const oldest = await h.call<ThreadView>('messenger.thread', { phone: phone(0), limit: 2, before: older.olderCursor });
    expect(oldest.messages.map((m) => m.body)).toEqual(['Message 0']);
    expect(oldest.olderCursor).toBeNull();
  });

  it('names the conversations a change touched, with the new unread total and the replies that arrived', async () => {
    const h = await openDesk();
    h.familyTexts(phone(1), 'Is practice on?');
    h.familyTexts(phone(2), 'Running late');
    await h.call('messenger.checkNow');
    expect(h.changes.at(-1)).toEqual({ phones: [phone(1), phone(2)], many: false, unread: 2, arrived: [expect.objectContaining({ phone: phone(1) }), expect.objectContaining({ phone: phone(2) })] });
    expect(await h.call('messenger.markRead', { phone: phone(1) })).toEqual({ unread: 1 });
    expect(h.changes.at(-1)).toEqual({ phones: [phone(1)], many: false, unread: 1, arrived: [] });
    await h.call('messenger.setHandled', { phone: phone(2), handled: true });
    expect(h.changes.at(-1)).toMatchObject({ phones: [phone(2)], unread: 1 });
  });

  it('finds messages and numbers with the names of the people on each number, matched words marked, a page at a time', async () => {
    const h = await openDesk();
    for (const [first, last] of [['Ana', 'Lopez'], ['Ben', 'Lopez']]) {
      await h.call('contacts.save', { id: null, contact: { kind: 'guardian', firstName: first, lastName: last, phones: [phone(1)] } });
    }
    for (let i = 0; i < 4; i++) h.familyTexts(phone(1), `Is swim practice on Friday ${i}?`);
    h.familyTexts(phone(2), 'Running late');
    await h.call('messenger.checkNow');

    const first = await h.call<{ hits: SearchHit[]; nextCursor: string | null }>('messenger.search', { query: 'SWIM prac', limit: 3 });
    expect(first.hits).toHaveLength(3);
    expect(first.hits[0]).toMatchObject({ phone: phone(1), names: ['Ana Lopez', 'Ben Lopez'], direction: 'inbound' });
    expect(first.hits[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['swim', 'practice']);
    const rest = await h.call<{ hits: SearchHit[]; nextCursor: string | null }>('messenger.search', { query: 'SWIM prac', limit: 3, cursor: first.nextCursor });
    expect(rest.hits).toHaveLength(1);
    expect(new Set([...first.hits, ...rest.hits].map((hit) => hit.messageId)).size).toBe(4);

    const byNumber = await h.call<{ hits: SearchHit[] }>('messenger.search', { query: '555 1002' });
    expect(byNumber.hits).toEqual([expect.objectContaining({ phone: phone(2), direction: null, messageId: null })]);
    const list = await h.call<{ threads: ThreadSummary[] }>('messenger.threads', {});
    expect(list.threads.find((t) => t.phone === phone(1))?.names).toEqual(['Ana Lopez', 'Ben Lopez']);
  });
});
