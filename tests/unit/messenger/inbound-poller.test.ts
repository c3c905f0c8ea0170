import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { InboundPoller } from '../../../src/main/core/messenger/inbound-poller';
import type { CarrierMessage } from '../../../src/main/core/ports/carrier-gateway';
import type { Storage } from '../../../src/main/core/ports/storage';

const TEXTING_NUMBER = '+15125550100';
const FAMILY = '+12125550142';
const NOW = 1_700_000_000_000;

let sid = 0;
function inbound(from: string, body: string): CarrierMessage {
  return {
    sid: `SM${String(++sid).padStart(32, '0')}`, status: 'received', direction: 'inbound', from, to: TEXTING_NUMBER, body, numSegments: 1,
    errorCode: null, errorMessage: null, messagingServiceSid: null, dateCreated: NOW, dateSent: NOW, dateUpdated: NOW, price: null, priceUnit: null,
  };
}

/** A poller on a real Storage whose consent changes are recorded (or fail) as the test says. */
function pollerWith(consent: (keyword: 'opt_out' | 'opt_in', phone: string, tx: Storage) => Promise<void>) {
  const storage = new SqliteStorage(openDatabase(':memory:'));
  const log: CarrierMessage[] = [];
  const errors: string[] = [];
  const poller = new InboundPoller({
    storage,
    clock: { now: () => NOW },
    mode: () => 'sandbox',
    connect: () => Promise.resolve({ number: TEXTING_NUMBER, gateway: { listMessages: () => Promise.resolve({ messages: [...log], nextPageToken: null }) } }),
    consent: { optOut: (phone, tx) => consent('opt_out', phone, tx), optIn: (phone, tx) => consent('opt_in', phone, tx) },
    onReceived: () => undefined,
    logError: (message) => errors.push(message),
  });
  return { storage, log, errors, poller };
}

describe('the reply poller on the storage port', () => {
  it('applies STOP and START inside the page’s transaction, with that transaction’s stores, in the order they arrived', async () => {
    const seen: string[] = [];
    let outerRead: Promise<boolean> | null = null;
    const desk = pollerWith(async (keyword, phone, tx) => {
      expect(tx).not.toBe(desk.storage);
      // The reply is already kept in this transaction, and the cursor moved with it ...
      seen.push(`${keyword}:${String(await tx.messenger.hasTextedIn('sandbox', phone))}:${String(await tx.messenger.syncCursor('sandbox'))}`);
      // ... while anyone outside waits for the commit.
      outerRead ??= desk.storage.messenger.hasTextedIn('sandbox', phone);
    });
    desk.log.push(inbound(FAMILY, 'stop'), inbound(FAMILY, 'Hello'), inbound(FAMILY, 'START'));

    expect(await desk.poller.checkNow()).toBe(3);
    expect(seen).toEqual([`opt_out:true:${NOW}`, `opt_in:true:${NOW}`]);
    expect(await outerRead).toBe(true);
    // Read again: nothing is new, so consent is not changed twice.
    expect(await desk.poller.checkNow()).toBe(0);
    expect(seen).toHaveLength(2);
  });

  it('keeps a keyword reply whose consent change fails, and the rest of the page with it', async () => {
    const desk = pollerWith((keyword) => (keyword === 'opt_out' ? Promise.reject(new Error('a short code cannot opt out')) : Promise.resolve()));
    desk.log.push(inbound('22395', 'STOP'), inbound(FAMILY, 'See you Thursday'));

    expect(await desk.poller.checkNow()).toBe(2);
    expect(desk.errors).toEqual(['a keyword reply could not change consent']);
    expect(await desk.storage.messenger.hasTextedIn('sandbox', '22395')).toBe(true);
    expect(await desk.storage.messenger.syncCursor('sandbox')).toBe(NOW);
  });
});
