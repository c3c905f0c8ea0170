import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarrierError } from '../../../src/main/core/ports/carrier-gateway';
import { sdkCalls } from './sdk-calls';
import { rejectionOf, startHarness } from './sim-harness';
import type { Harness } from './sim-harness';

/** TwilioCarrier (official SDK) over real HTTP to the simulator: messaging and numbers. */
let h: Harness;
let serviceSid: string;
let ourNumber: string;

beforeAll(async () => {
  h = await startHarness({ mps: 10 });
  const service = await h.carrier.ensureMessagingService('SMS Desk');
  serviceSid = service.sid;
  const [first] = await h.carrier.searchAvailableNumbers('512');
  if (!first) throw new Error('no stock');
  ourNumber = (await h.carrier.buyNumber(first.phoneNumber, serviceSid)).phoneNumber;
});
afterAll(() => h.stop());

describe('messaging service and numbers', () => {
  it('creates the messaging service once, with inbound logging on', async () => {
    const again = await h.carrier.ensureMessagingService('SMS Desk');
    expect(again).toEqual({ sid: serviceSid, friendlyName: 'SMS Desk', inboundLogging: true });
    const list = (await h.api('GET', '/v1/Services')).body as { services: Array<{ friendly_name: string; inbound_request_url: string | null }> };
    expect(list.services.filter((s) => s.friendly_name === 'SMS Desk')).toHaveLength(1);
    expect(list.services[0]?.inbound_request_url).not.toBeNull();
  });

  it('turns inbound logging on for an existing service that had it off', async () => {
    const created = await h.api('POST', '/v1/Services', { FriendlyName: 'Legacy' });
    expect((created.body as { inbound_request_url: unknown }).inbound_request_url).toBeNull();
    const fixed = await h.carrier.ensureMessagingService('Legacy');
    expect(fixed.inboundLogging).toBe(true);
    const after = await h.api('GET', `/v1/Services/${fixed.sid}`);
    expect((after.body as { inbound_request_url: unknown }).inbound_request_url).toEqual(expect.stringMatching(/^https:/));
  });

  it('searches local numbers by area code, and finds none where there is no stock', async () => {
    const found = await h.carrier.searchAvailableNumbers('415', 5);
    expect(found).toHaveLength(5);
    for (const n of found) {
      expect(n.phoneNumber).toMatch(/^\+1415\d{7}$/);
      expect(n.capabilities.sms).toBe(true);
      expect(n.region).toBe('CA');
    }
    expect(await h.carrier.searchAvailableNumbers('999')).toEqual([]);
    expect(await h.carrier.searchAvailableNumbers('12')).toEqual([]);
  });

  it('buys a number into the service pool, idempotently, and refuses one out of stock', async () => {
    const [pick] = await h.carrier.searchAvailableNumbers('212', 1);
    if (!pick) throw new Error('no stock');
    const bought = await h.carrier.buyNumber(pick.phoneNumber, serviceSid);
    expect(bought).toMatchObject({ phoneNumber: pick.phoneNumber, messagingServiceSid: serviceSid, sid: expect.stringMatching(/^PN/) });
    const again = await h.carrier.buyNumber(pick.phoneNumber, serviceSid);
    expect(again.sid).toBe(bought.sid);
    const pool = (await h.api('GET', `/v1/Services/${serviceSid}/PhoneNumbers`)).body as { phone_numbers: Array<{ sid: string }> };
    expect(pool.phone_numbers.filter((n) => n.sid === bought.sid)).toHaveLength(1);
    expect(await h.carrier.searchAvailableNumbers('212', 100)).not.toContainEqual(expect.objectContaining({ phoneNumber: pick.phoneNumber }));

    const err = await rejectionOf(h.carrier.buyNumber('+12125550000', serviceSid));
    expect(err).toBeInstanceOf(CarrierError);
    expect(err).toMatchObject({ kind: 'rejected', code: 21422 });
  });
});

describe('sending and status', () => {
  it('moves a message accepted → sending → sent → delivered on the simulator clock', async () => {
    const sent = await h.carrier.sendMessage({ to: '+15125550101', body: 'Class cancelled tonight', messagingServiceSid: serviceSid });
    expect(sent).toMatchObject({ status: 'accepted', from: null, direction: 'outbound-api', numSegments: 1, errorCode: null, messagingServiceSid: serviceSid });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    const settings = h.sim.settings();
    const seen: string[] = [];
    for (const step of [settings.queueMs + 1, settings.sendingMs, settings.deliveryMs]) {
      h.sim.advanceClock(step);
      seen.push((await h.carrier.fetchMessage(sent.sid)).status);
    }
    expect(seen).toEqual(['sending', 'sent', 'delivered']);
    const final = await h.carrier.fetchMessage(sent.sid);
    expect(final.from).toBe(ourNumber);
    expect(final.price).toMatch(/^-0\.\d+$/);
    expect(final.dateSent).toBeGreaterThanOrEqual(final.dateCreated ?? 0);
  });

  it('reports undelivered and failed outcomes with the carrier error code', async () => {
    await h.control('POST', '/__sim/outcomes', { to: '+15125550102', status: 'undelivered', errorCode: 30003 });
    await h.control('POST', '/__sim/outcomes', { to: '+15125550103', status: 'failed', errorCode: 30007 });
    const a = await h.carrier.sendMessage({ to: '+15125550102', body: 'Hi', messagingServiceSid: serviceSid });
    const b = await h.carrier.sendMessage({ to: '+15125550103', body: 'Hi', messagingServiceSid: serviceSid });
    h.sim.advanceClock(60_000);
    expect(await h.carrier.fetchMessage(a.sid)).toMatchObject({ status: 'undelivered', errorCode: 30003, errorMessage: 'Unreachable destination handset' });
    expect(await h.carrier.fetchMessage(b.sid)).toMatchObject({ status: 'failed', errorCode: 30007 });
  });

  it('sends from a specific number, and counts UCS-2 segments like Twilio', async () => {
    const m = await h.carrier.sendMessage({ to: '+15125550104', body: `${'é'.repeat(10)}😀${'x'.repeat(70)}`, from: ourNumber });
    expect(m).toMatchObject({ status: 'queued', from: ourNumber, numSegments: 2 });
  });

  it('fails a message with 30036 when its validity period runs out in the queue', async () => {
    h.sim.updateSettings({ mps: 0.01 });
    try {
      const first = await h.carrier.sendMessage({ to: '+15125550105', body: 'first', from: ourNumber });
      const late = await h.carrier.sendMessage({ to: '+15125550106', body: 'late', from: ourNumber, validityPeriodSeconds: 5 });
      expect(late.status).toBe('queued');
      h.sim.advanceClock(6_000);
      expect(await h.carrier.fetchMessage(late.sid)).toMatchObject({ status: 'failed', errorCode: 30036, errorMessage: 'Validity Period Expired' });
      expect((await h.carrier.fetchMessage(first.sid)).status).not.toBe('failed');
    } finally {
      h.sim.updateSettings({ mps: 10 });
      h.sim.advanceClock(1_000_000);
    }
  });

  it('schedules a message, sends it at its time, and cancels another', async () => {
    const at = h.sim.now() + 20 * 60_000;
    const scheduled = await h.carrier.sendMessage({ to: '+15125550107', body: 'Reminder', messagingServiceSid: serviceSid, sendAt: at });
    expect(scheduled).toMatchObject({ status: 'scheduled', dateSent: null });
    const other = await h.carrier.sendMessage({ to: '+15125550108', body: 'Never mind', messagingServiceSid: serviceSid, sendAt: at });
    const sdk = sdkCalls(h.baseUrl);
    expect((await sdk.cancelScheduledMessage(other.sid)).status).toBe('canceled');
    h.sim.advanceClock(19 * 60_000);
    expect((await h.carrier.fetchMessage(scheduled.sid)).status).toBe('scheduled');
    h.sim.advanceClock(2 * 60_000);
    expect((await h.carrier.fetchMessage(scheduled.sid)).status).toBe('delivered');
    expect((await h.carrier.fetchMessage(other.sid)).status).toBe('canceled');
    expect(await rejectionOf(sdk.cancelScheduledMessage(scheduled.sid))).toMatchObject({ kind: 'rejected', code: 30409 });
  });

  it('refuses schedules outside the window or without a messaging service', async () => {
    const soon = h.sim.now() + 60_000;
    expect(await rejectionOf(h.carrier.sendMessage({ to: '+15125550109', body: 'x', messagingServiceSid: serviceSid, sendAt: soon }))).toMatchObject({ kind: 'rejected', code: 35114 });
    const later = h.sim.now() + 3_600_000;
    expect(await rejectionOf(h.carrier.sendMessage({ to: '+15125550109', body: 'x', from: ourNumber, sendAt: later }))).toMatchObject({ kind: 'rejected', code: 35118 });
  });
});

describe('listing messages', () => {
  it('pages newest first without gaps or repeats, and filters by To, From and day', async () => {
    const to = '+15125550150';
    const sids: string[] = [];
    for (let i = 0; i < 5; i++) {
      sids.push((await h.carrier.sendMessage({ to, body: `n${i}`, messagingServiceSid: serviceSid })).sid);
      h.sim.advanceClock(10);
    }
    const seen: string[] = [];
    let page = await h.carrier.listMessages({ to, pageSize: 2 });
    let pages = 1;
    seen.push(...page.messages.map((m) => m.sid));
    while (page.nextPageToken !== null) {
      // A message arriving between pages must not shift what the next page returns.
      await h.carrier.sendMessage({ to: '+15125550151', body: 'noise', messagingServiceSid: serviceSid });
      page = await h.carrier.listMessages({ pageToken: page.nextPageToken });
      seen.push(...page.messages.map((m) => m.sid));
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...sids].reverse());

    h.sim.advanceClock(60_000);
    // The service spreads the batch over its pool; filtering by each sender must cover it exactly.
    const senders = new Set((await h.carrier.listMessages({ to, pageSize: 50 })).messages.map((m) => m.from));
    expect(senders.has(null)).toBe(false);
    const bySender: string[] = [];
    for (const from of senders) {
      const page = await h.carrier.listMessages({ from: from ?? '', to, pageSize: 50 });
      expect(page.messages.every((m) => m.from === from)).toBe(true);
      bySender.push(...page.messages.map((m) => m.sid));
    }
    expect(bySender.sort()).toEqual([...sids].sort());
    const today = h.sim.now();
    expect((await h.carrier.listMessages({ to, dateSentAfter: today, pageSize: 50 })).messages).toHaveLength(5);
    expect((await h.carrier.listMessages({ to, dateSentAfter: today + 86_400_000, pageSize: 50 })).messages).toHaveLength(0);
    expect((await h.carrier.listMessages({ to, dateSentBefore: today - 86_400_000, pageSize: 50 })).messages).toHaveLength(0);
  });

  it('refuses a page token that points away from this account', async () => {
    const err = await rejectionOf(h.carrier.listMessages({ pageToken: 'https://evil.example.com/2010-04-01/Accounts/x/Messages.json?Page=1' }));
    expect(err).toMatchObject({ kind: 'rejected' });
  });
});

describe('replies and opt-out', () => {
  it('logs replies so polling finds them', async () => {
    const reply = h.sim.injectInbound({ from: '+15125550160', to: ourNumber, body: 'Is practice still on?' });
    expect(reply.logged).toBe(true);
    const inbox = await h.carrier.listMessages({ to: ourNumber, pageSize: 50 });
    expect(inbox.messages).toContainEqual(expect.objectContaining({ sid: reply.sid, direction: 'inbound', status: 'received', body: 'Is practice still on?' }));
  });

  it('refuses sends to a number that replied STOP with 21610, until it replies START', async () => {
    const family = '+15125550161';
    expect(h.sim.injectInbound({ from: family, to: ourNumber, body: ' stop ' }).keyword).toBe('opt_out');
    const err = await rejectionOf(h.carrier.sendMessage({ to: family, body: 'Hi', messagingServiceSid: serviceSid }));
    expect(err).toBeInstanceOf(CarrierError);
    expect(err).toMatchObject({ kind: 'rejected', code: 21610, scope: 'recipient' });
    expect((err as CarrierError).userMessage).toMatch(/START/);
    // The same opt-out applies to the whole Messaging Service, also when sending from a pool number.
    expect(await rejectionOf(h.carrier.sendMessage({ to: family, body: 'Hi', from: ourNumber }))).toMatchObject({ code: 21610 });
    const autoReply = (await h.carrier.listMessages({ to: family, pageSize: 50 })).messages.find((m) => m.direction === 'outbound-reply');
    expect(autoReply?.body).toMatch(/unsubscribed/);

    h.sim.injectInbound({ from: family, to: ourNumber, body: 'START' });
    expect((await h.carrier.sendMessage({ to: family, body: 'Welcome back', messagingServiceSid: serviceSid })).status).toBe('accepted');
  });
});
