import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { InboundPoller } from '../../../src/main/core/messenger/inbound-poller';
import type { CarrierMessage, ListMessagesQuery, MessagePage } from '../../../src/main/core/ports/carrier-gateway';

const TEXTING_NUMBER = '+15125550100';
const DAY = 86_400_000;
// 2023-11-14 22:13:20 UTC: late in a UTC day, so "the day before" is easy to get wrong.
const NOW = 1_700_000_000_000;

let sid = 0;
function inbound(from: string, body: string, at: number): CarrierMessage {
  return {
    sid: `SM${String(++sid).padStart(32, '0')}`, status: 'received', direction: 'inbound', from, to: TEXTING_NUMBER, body, numSegments: 1,
    errorCode: null, errorMessage: null, messagingServiceSid: null, dateCreated: at, dateSent: at, dateUpdated: at, price: null, priceUnit: null,
  };
}

/** A carrier log served two messages a page, newest first as Twilio lists it; a page can be made to fail. */
function deskWith(log: CarrierMessage[]) {
  const storage = new SqliteStorage(openDatabase(':memory:'));
  const queries: ListMessagesQuery[] = [];
  let failPage: number | null = null;
  const listMessages = (query: ListMessagesQuery): Promise<MessagePage> => {
    queries.push(query);
    const page = query.pageToken === undefined ? 1 : Number(query.pageToken);
    if (page === failPage) return Promise.reject(new Error('the connection dropped'));
    const newestFirst = [...log].sort((a, b) => (b.dateSent ?? 0) - (a.dateSent ?? 0));
    const messages = newestFirst.slice((page - 1) * 2, page * 2);
    return Promise.resolve({ messages, nextPageToken: page * 2 < newestFirst.length ? String(page + 1) : null });
  };
  const poller = new InboundPoller({
    storage,
    clock: { now: () => NOW },
    mode: () => 'sandbox',
    connect: () => Promise.resolve({ number: TEXTING_NUMBER, gateway: { listMessages } }),
    consent: { optOut: () => Promise.resolve(), optIn: () => Promise.resolve() },
    onReceived: () => undefined,
  });
  const count = async () => (await storage.messenger.replies('sandbox', '+12125550142', null, 100)).length;
  return { storage, poller, queries, count, failOnPage: (page: number | null) => (failPage = page) };
}

describe('one pass of the reply poller', () => {
  it('asks Twilio from the start of the UTC day before the newest reply kept (a date, one day of overlap)', async () => {
    const desk = deskWith([inbound('+12125550142', 'See you Thursday', NOW - 1000)]);
    await desk.poller.checkNow();
    // First pass: a week back, from midnight UTC.
    expect(desk.queries[0]?.dateSentAfter).toBe(Date.UTC(2023, 10, 6));

    await desk.poller.checkNow();
    // The newest reply kept is on 14 November: read again from 13 November 00:00 UTC.
    expect(desk.queries[1]?.dateSentAfter).toBe(Date.UTC(2023, 10, 13));
    expect((desk.queries[1]?.dateSentAfter ?? 1) % DAY).toBe(0);
  });

  it('a failure on page 2 keeps nothing and leaves the mark; the next pass gets everything, once', async () => {
    const log = [1, 2, 3, 4, 5].map((n) => inbound('+12125550142', `Reply ${n}`, NOW - 2 * DAY + n * 60_000));
    const desk = deskWith(log);
    desk.failOnPage(2);

    await expect(desk.poller.checkNow()).rejects.toThrow('the connection dropped');
    expect(await desk.storage.messenger.syncCursor('sandbox')).toBeNull();
    expect(await desk.count()).toBe(0);

    desk.failOnPage(null);
    expect(await desk.poller.checkNow()).toBe(5);
    expect(await desk.count()).toBe(5);
    expect(await desk.storage.messenger.syncCursor('sandbox')).toBe(log[4]?.dateSent);

    // Read again with the overlap: every reply comes back, none is kept twice.
    expect(await desk.poller.checkNow()).toBe(0);
    expect(await desk.count()).toBe(5);
  });

  it('with a mark already set, a failed later page leaves it there, and the next pass catches up', async () => {
    const log = [inbound('+12125550142', 'Hello', NOW - 2 * DAY)];
    const desk = deskWith(log);
    expect(await desk.poller.checkNow()).toBe(1);

    log.push(...[1, 2, 3].map((n) => inbound('+12125550142', `Later ${n}`, NOW - DAY + n * 60_000)));
    desk.failOnPage(2);
    await expect(desk.poller.checkNow()).rejects.toThrow('the connection dropped');
    expect(await desk.storage.messenger.syncCursor('sandbox')).toBe(NOW - 2 * DAY);
    expect(await desk.count()).toBe(1);

    desk.failOnPage(null);
    expect(await desk.poller.checkNow()).toBe(3);
    expect(await desk.count()).toBe(4);
    // Kept oldest first, so the replies read back newest first in the order they arrived.
    expect((await desk.storage.messenger.replies('sandbox', '+12125550142', null, 10)).map((r) => r.body)).toEqual(['Later 3', 'Later 2', 'Later 1', 'Hello']);
  });
});
