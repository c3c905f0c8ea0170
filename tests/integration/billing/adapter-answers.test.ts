import { afterEach, describe, expect, it } from 'vitest';
import { BillingRefused, HttpPaymentGateway } from '../../../src/main/adapters/billing/http-payment-gateway';
import { BillingUnavailable } from '../../../src/main/core/ports/payment-gateway';
import { fakeServer, json } from './fake-http';
import type { FakeServer } from './fake-http';

/** The desk's adapter against a billing service that answers badly: nothing it cannot read is believed. */
const good = {
  purchaseId: 'pur_0123456789abcdef',
  status: 'paid',
  credits: 500,
  total: { minor: 1500, currency: 'USD' },
  checkoutUrl: null,
  createdAt: 1,
  paidAt: 2,
  failure: null,
  kind: 'checkout',
};

let server: FakeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function gateway(url: string, timeoutMs = 5_000): HttpPaymentGateway {
  return new HttpPaymentGateway({ baseUrl: url, token: async () => 'sdb_0123456789abcdef.secret', timeoutMs });
}

describe('HttpPaymentGateway answers', () => {
  it('sends the token as a Bearer header and reads a good answer', async () => {
    server = await fakeServer((_req, res) => json(res, 200, good));
    await expect(gateway(server.url).purchase(good.purchaseId)).resolves.toEqual(good);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sdb_0123456789abcdef.secret');
    expect(server.requests[0]?.path).toBe(`/v1/purchases/${good.purchaseId}`);
  });

  it.each([
    ['not JSON', '<html>oops</html>'],
    ['credits as text', { ...good, credits: '500' }],
    ['a fractional amount', { ...good, total: { minor: 15.5, currency: 'USD' } }],
    ['an unknown status', { ...good, status: 'refunded_twice' }],
    ['a javascript: checkout page', { ...good, status: 'open', checkoutUrl: 'javascript:alert(1)' }],
    ['a file: checkout page', { ...good, status: 'open', checkoutUrl: 'file:///etc/passwd' }],
    ['an extra field', { ...good, grantCredits: 1_000_000 }],
    ['a huge purchase', { ...good, credits: 10_000_000 }],
  ])('refuses %s: a plain error, not paid', async (_what, body) => {
    server = await fakeServer((_req, res) => json(res, 200, body));
    const error = await gateway(server.url).purchase(good.purchaseId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BillingUnavailable);
    expect((error as Error).message).toMatch(/cannot read/);
  });

  it('a refused token, an overloaded service and an unreachable one are BillingUnavailable', async () => {
    server = await fakeServer((req, res) => {
      if (req.path.includes('aaaaaaaa')) json(res, 401, { error: { code: 'unauthorized', message: 'no' } });
      else json(res, 503, 'Service Unavailable');
    });
    await expect(gateway(server.url).purchase('pur_aaaaaaaaaaaa')).rejects.toThrow(BillingUnavailable);
    await expect(gateway(server.url).purchase('pur_bbbbbbbbbbbb')).rejects.toThrow(BillingUnavailable);
    const url = server.url;
    await server.close();
    server = null;
    await expect(gateway(url).purchase('pur_bbbbbbbbbbbb')).rejects.toThrow(BillingUnavailable);
  });

  it('a service that never answers is BillingUnavailable after the timeout', async () => {
    server = await fakeServer(() => undefined);
    await expect(gateway(server.url, 300).autoRenew()).rejects.toThrow(BillingUnavailable);
  });

  it('a refusal the person can act on keeps the service\'s sentence', async () => {
    server = await fakeServer((_req, res) => json(res, 400, { error: { code: 'contact_support', message: 'Credits are not sold for this country yet. Please contact support.' } }));
    const error = await gateway(server.url).createPurchase({ credits: 500, country: 'FR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingRefused);
    expect(error).toMatchObject({ code: 'contact_support', message: /contact support/ });
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({ credits: 500, country: 'FR' });
  });

  it('no token on this computer: nothing is sent', async () => {
    server = await fakeServer((_req, res) => json(res, 200, good));
    const none = new HttpPaymentGateway({ baseUrl: server.url, token: async () => null });
    await expect(none.purchase(good.purchaseId)).rejects.toThrow(BillingUnavailable);
    expect(server.requests).toHaveLength(0);
  });

  it('a billing address in clear text beyond this computer: the token is never sent', async () => {
    let asked = 0;
    const spy = (async () => {
      asked += 1;
      return new Response('{}');
    }) as typeof fetch;
    for (const baseUrl of ['http://billing.example.com', 'ftp://billing.example.com']) {
      const remote = new HttpPaymentGateway({ baseUrl, token: async () => 'sdb_0123456789abcdef.secret', fetch: spy });
      await expect(remote.autoRenew()).rejects.toThrow(BillingUnavailable);
    }
    expect(asked).toBe(0);
  });
});
