import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TwilioCarrier } from '../../../src/main/adapters/twilio/twilio-carrier';
import { CarrierError } from '../../../src/main/core/ports/carrier-gateway';
import { ACCOUNT_SID, rejectionOf, startHarness } from './sim-harness';
import type { Harness } from './sim-harness';

/** Every error path the adapter can meet, classified by whether a retry is safe. */
let h: Harness;
let serviceSid: string;
let ourNumber: string;

beforeAll(async () => {
  h = await startHarness({ mps: 50 });
  const boot = h.sim.bootstrap({ areaCode: '303' });
  serviceSid = boot.messagingServiceSid;
  ourNumber = boot.phoneNumbers[0] ?? '';
});
afterEach(async () => {
  await h.control('DELETE', '/__sim/faults');
  h.sim.updateSettings({ maxConcurrency: 100, latencyMs: 0 });
});
afterAll(() => h.stop());

const send = (to: string, carrier: TwilioCarrier = h.carrier) => carrier.sendMessage({ to, body: 'Gym closed today', messagingServiceSid: serviceSid });
const storedTo = (to: string) => h.sim.messages().filter((m) => m.to === to && m.direction === 'outbound-api');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('rejected: Twilio said no, retrying cannot help', () => {
  it('maps wrong credentials to 20003 with advice to re-enter them', async () => {
    const wrong = h.carrierWith({ credentials: { accountSid: ACCOUNT_SID, authToken: 'not-the-token' } });
    const err = await rejectionOf(send('+13035550100', wrong));
    expect(err).toBeInstanceOf(CarrierError);
    expect(err).toMatchObject({ kind: 'rejected', code: 20003, httpStatus: 401, scope: 'account' });
    expect((err as CarrierError).userMessage).toMatch(/Auth Token/);
    expect(await rejectionOf(wrong.fetchMessage('SM00000000000000000000000000000000'))).toMatchObject({ code: 20003 });
  });

  it('accepts API key credentials like Twilio does', async () => {
    const keyed = await startHarness({ apiKeys: [{ sid: 'SK0123456789abcdef0123456789abcdef', secret: 'key-secret' }] });
    try {
      const carrier = keyed.carrierWith({ credentials: { accountSid: ACCOUNT_SID, apiKeySid: 'SK0123456789abcdef0123456789abcdef', apiKeySecret: 'key-secret' } });
      expect(await carrier.searchAvailableNumbers('303', 1)).toHaveLength(1);
    } finally {
      await keyed.stop();
    }
  });

  it.each([
    ['+15555550123', 21211, 'recipient'],
    ['5125550123', 21211, 'recipient'],
    ['+15005550001', 21211, 'recipient'],
    ['+447700900123', 21408, 'recipient'],
    ['+15005550009', 21614, 'recipient'],
    ['+15005550004', 21610, 'recipient'],
  ] as const)('refuses %s with %i and stores nothing', async (to, code, scope) => {
    const err = await rejectionOf(send(to));
    expect(err).toMatchObject({ kind: 'rejected', code, httpStatus: 400, scope });
    expect(storedTo(to)).toHaveLength(0);
  });

  it('refuses a configured landline with 21614', async () => {
    h.sim.updateSettings({ landlineNumbers: ['+13035550199'] });
    expect(await rejectionOf(send('+13035550199'))).toMatchObject({ kind: 'rejected', code: 21614 });
  });

  it('never puts a full phone number into the error text', async () => {
    const err = (await rejectionOf(send('+15555550123'))) as CarrierError;
    expect(err.message).not.toContain('5555550123');
    expect(err.message).toContain('…23');
  });

  it('refuses a From number whose queue already holds ~10 hours of texts with 21611 (retry later)', async () => {
    h.sim.updateSettings({ mps: 0.001, maxQueueMs: 5_000 });
    try {
      await h.carrier.sendMessage({ to: '+13035550120', body: 'one', from: ourNumber });
      const err = await rejectionOf(h.carrier.sendMessage({ to: '+13035550121', body: 'two', from: ourNumber }));
      expect(err).toMatchObject({ kind: 'not_sent', code: 21611 });
      // Through the Messaging Service the same backlog is accepted, then dropped with 30001.
      const viaService = await send('+13035550122');
      h.sim.advanceClock(1);
      expect(await h.carrier.fetchMessage(viaService.sid)).toMatchObject({ status: 'failed', errorCode: 30001 });
    } finally {
      h.sim.updateSettings({ mps: 50, maxQueueMs: 36_000_000 });
      h.sim.advanceClock(10_000_000);
    }
  });

  it('fails sends with 30034 while no brand is approved, when the account enforces 10DLC', async () => {
    h.sim.updateSettings({ enforceA2p: true });
    try {
      const m = await send('+13035550123');
      h.sim.advanceClock(60_000);
      expect(await h.carrier.fetchMessage(m.sid)).toMatchObject({ status: 'failed', errorCode: 30034 });
    } finally {
      h.sim.updateSettings({ enforceA2p: false });
    }
  });
});

describe('not_sent: nothing reached Twilio, retry is safe', () => {
  it('answers 429 / 20429 beyond the concurrency limit, and only the accepted calls exist', async () => {
    h.sim.updateSettings({ maxConcurrency: 2, latencyMs: 150 });
    const recipients = Array.from({ length: 6 }, (_, i) => `+1303555013${i}`);
    const results = await Promise.allSettled(recipients.map((to) => send(to)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as CarrierError);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) expect(e).toMatchObject({ kind: 'not_sent', code: 20429, httpStatus: 429 });
    const accepted = results.filter((r) => r.status === 'fulfilled').length;
    expect(recipients.flatMap(storedTo)).toHaveLength(accepted);
  });

  it('reports connection refused as not sent', async () => {
    const port = await freePort();
    const offline = h.carrierWith({ baseUrl: `http://127.0.0.1:${port}` });
    const err = await rejectionOf(send('+13035550140', offline));
    expect(err).toMatchObject({ kind: 'not_sent', code: null, httpStatus: null });
    expect((err as CarrierError).retrySafe).toBe(true);
  });

  it('reports a 5xx on a read as safe to retry', async () => {
    await h.control('POST', '/__sim/faults', { kind: 'http_error', status: 503, method: 'GET', pathIncludes: '/Messages/' });
    const err = await rejectionOf(h.carrier.fetchMessage('SM00000000000000000000000000000000'));
    expect(err).toMatchObject({ kind: 'not_sent', code: 20503, httpStatus: 503 });
  });
});

describe('in_doubt: the request left, the answer did not come back', () => {
  it('reports a 5xx on a send as in doubt, and the message can be found by listing', async () => {
    await h.control('POST', '/__sim/faults', { kind: 'http_error', status: 500, when: 'after', method: 'POST', pathIncludes: 'Messages.json' });
    const err = await rejectionOf(send('+13035550150'));
    expect(err).toMatchObject({ kind: 'in_doubt', code: 20500, httpStatus: 500 });
    const found = await h.carrier.listMessages({ to: '+13035550150' });
    expect(found.messages).toHaveLength(1);
  });

  it('still says in doubt when a 5xx came before processing (the client cannot tell)', async () => {
    await h.control('POST', '/__sim/faults', { kind: 'http_error', status: 502, when: 'before', method: 'POST' });
    expect(await rejectionOf(send('+13035550151'))).toMatchObject({ kind: 'in_doubt', httpStatus: 502 });
    expect(storedTo('+13035550151')).toHaveLength(0);
  });

  it('reports a connection reset after Twilio accepted the message as in doubt', async () => {
    await h.control('POST', '/__sim/faults', { kind: 'reset', when: 'after', method: 'POST', pathIncludes: 'Messages.json' });
    const err = await rejectionOf(send('+13035550152'));
    expect(err).toMatchObject({ kind: 'in_doubt', code: null });
    expect(storedTo('+13035550152')).toHaveLength(1);
    // Reconciliation finds exactly the one message, so a retry would be a duplicate.
    expect((await h.carrier.listMessages({ to: '+13035550152' })).messages).toHaveLength(1);
  });

  it('reports a response slower than the timeout as in doubt', async () => {
    const impatient = h.carrierWith({ timeoutMs: 300 });
    await h.control('POST', '/__sim/faults', { kind: 'slow', delayMs: 1_500, when: 'after', method: 'POST' });
    const err = await rejectionOf(send('+13035550153', impatient));
    expect(err).toMatchObject({ kind: 'in_doubt', code: null });
    expect(storedTo('+13035550153')).toHaveLength(1);
  });

  it('answers normally once the injected faults are used up', async () => {
    await h.control('POST', '/__sim/faults', { kind: 'http_error', count: 2, method: 'POST', pathIncludes: 'Messages.json' });
    await rejectionOf(send('+13035550154'));
    await rejectionOf(send('+13035550155'));
    expect((await send('+13035550156')).status).toBe('accepted');
  });
});

describe('what the sending engine does next, from the shared table of carrier codes', () => {
  it('holds the account for a sign-in problem, fails a refused number for good', async () => {
    const wrong = h.carrierWith({ credentials: { accountSid: ACCOUNT_SID, authToken: 'not-the-token' } });
    expect(await rejectionOf(send('+13035550160', wrong))).toMatchObject({ retryHint: 'wait_for_fix' });
    expect(await rejectionOf(send('+15005550009'))).toMatchObject({ retryHint: 'never' });
  });

  it('slows down when Twilio says too many at once', async () => {
    h.sim.updateSettings({ maxConcurrency: 1, latencyMs: 150 });
    const results = await Promise.allSettled(['+13035550161', '+13035550162', '+13035550163'].map((to) => send(to)));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as CarrierError);
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) expect(e.retryHint).toBe('slow_down');
  });

  it('reconnects when Twilio cannot be reached, and looks a send up first after a 5xx', async () => {
    const offline = h.carrierWith({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    expect(await rejectionOf(send('+13035550164', offline))).toMatchObject({ retryHint: 'reconnect' });
    await h.control('POST', '/__sim/faults', { kind: 'http_error', status: 500, when: 'after', method: 'POST', pathIncludes: 'Messages.json' });
    expect(await rejectionOf(send('+13035550165'))).toMatchObject({ retryHint: 'look_up_first' });
  });
});
