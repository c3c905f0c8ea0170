import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, json } from './fake-http';
import type { FakeServer } from './fake-http';
import { call, runService, WEBHOOK_SECRET } from './service-harness';
import type { RunningService } from './service-harness';

/**
 * Who may use the billing service and what it takes: tokens, request shapes, webhook signatures.
 * Stripe here is a recording stand-in, to show that nothing refused ever reaches it.
 */
let stripe: FakeServer;
let running: RunningService;
let token: string;

beforeAll(async () => {
  stripe = await fakeServer((_req, res) => json(res, 500, { error: { type: 'api_error', message: 'not in this test' } }));
  running = await runService(stripe.url, 'sk_test_auth');
  token = await running.service.issueToken('Tumble Town Gym');
});
afterAll(async () => {
  await running.dispose();
  await stripe.close();
});

describe('billing service: tokens', () => {
  it.each([
    ['no token', undefined],
    ['a made-up token', 'sdb_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token with its secret changed', () => `${token.slice(0, -3)}xyz`],
    ['not a token at all', 'hello'],
  ])('%s → 401', async (_what, t) => {
    const presented = typeof t === 'function' ? t() : t;
    const answer = await call(running.service.url, '/v1/auto-renew', presented === undefined ? {} : { token: presented });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/billing token/) } });
  });

  it('a good token works; once revoked it gets 401', async () => {
    const other = await running.service.issueToken('Splash Swim School');
    expect((await call(running.service.url, '/v1/balance', { token: other })).status).toBe(200);
    const tokenId = /^sdb_([0-9a-f]{16})\./.exec(other)?.[1] ?? '';
    expect(await running.service.revokeToken(tokenId)).toBe(true);
    expect((await call(running.service.url, '/v1/balance', { token: other })).status).toBe(401);
    // The business's other token is untouched.
    expect((await call(running.service.url, '/v1/balance', { token })).status).toBe(200);
  });

  it('the service file keeps only a hash of each token', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(running.dataFile, { readOnly: true });
    const secret = token.split('.')[1] ?? '';
    const rows = db.prepare('SELECT secret_hash FROM tokens').all();
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Buffer.from(row.secret_hash as Uint8Array).toString('utf8')).not.toContain(secret);
  });
});

describe('billing service: malformed requests', () => {
  it.each([
    ['not JSON', '/v1/purchases', '{credits: 500', /not valid JSON/],
    ['credits missing', '/v1/purchases', JSON.stringify({ country: 'US' }), /credits/],
    ['too few credits', '/v1/purchases', JSON.stringify({ credits: 5, country: 'US' }), /at least 100/],
    ['fractional credits', '/v1/purchases', JSON.stringify({ credits: 500.5, country: 'US' }), /whole number/],
    ['a price from the desk', '/v1/purchases', JSON.stringify({ credits: 500, country: 'US', amount: 1 }), /amount/],
    ['a country that is not a code', '/v1/purchases', JSON.stringify({ credits: 500, country: 'United States' }), /two-letter/],
    ['a renewal key with spaces', '/v1/auto-renew/renewals', JSON.stringify({ renewalKey: 'a b' }), /renewal key/],
    ['a pack beyond the cap', '/v1/auto-renew/setup', JSON.stringify({ thresholdCredits: 100, packCredits: 10_000_000, country: 'US' }), /at most/],
  ])('%s → 400 with a clear message', async (_what, path, body, message) => {
    const answer = await call(running.service.url, path, { method: 'POST', token, body });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(message) } });
  });

  it('a purchase id that is not one, and since that is not a time → 400', async () => {
    expect((await call(running.service.url, '/v1/purchases/..%2F..%2Fetc', { token })).status).toBe(400);
    expect((await call(running.service.url, '/v1/purchases/pur_%E0%A4%A', { token })).status).toBe(400);
    expect((await call(running.service.url, '/v1/purchases?since=yesterday', { token })).status).toBe(400);
  });

  it('an unknown purchase id → 404', async () => {
    expect((await call(running.service.url, '/v1/purchases/pur_0123456789abcdef', { token })).status).toBe(404);
  });

  it('a country the provider does not sell to → contact support, Stripe never asked', async () => {
    const answer = await call(running.service.url, '/v1/purchases', { method: 'POST', token, body: JSON.stringify({ credits: 500, country: 'FR' }) });
    expect(answer).toEqual({ status: 400, body: { error: { code: 'contact_support', message: expect.stringMatching(/contact support/) } } });
  });

  it('renew while auto-renew is off → 409, Stripe never asked', async () => {
    const answer = await call(running.service.url, '/v1/auto-renew/renewals', { method: 'POST', token, body: JSON.stringify({ renewalKey: 'cross-1' }) });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'auto_renew_off' } });
  });

  it('nothing refused reached Stripe', () => {
    expect(stripe.requests).toHaveLength(0);
  });
});

describe('billing service: Stripe webhooks', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_1', object: 'checkout.session' } } });
  const signer = new Stripe('sk_test_auth');

  it('a bad or missing signature → 400', async () => {
    const forged = signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    for (const headers of [{ 'stripe-signature': forged }, {} as Record<string, string>]) {
      const answer = await call(running.service.url, '/stripe/webhook', { method: 'POST', body: payload, headers });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { message: expect.stringMatching(/Stripe-Signature/) } });
    }
  });

  it('a well-signed event is taken (here about a session the service does not know)', async () => {
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const answer = await call(running.service.url, '/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header } });
    expect(answer).toEqual({ status: 200, body: { received: true } });
  });
});
