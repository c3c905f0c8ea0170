import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { PaymentSimulator } from '../../../src/main/sandbox/payments/simulator';
import type { PaymentSimulatorOptions } from '../../../src/main/sandbox/payments/simulator';

export const SECRET_KEY = 'sk_test_51SimulatorKey0123456789abcdef';

export interface PayHarness {
  sim: PaymentSimulator;
  baseUrl: string;
  /** The official SDK pointed at the simulator. */
  stripe: Stripe;
  stripeWith(key: string): Stripe;
  /** `/__sim/` control call (JSON). */
  control(method: string, path: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** A raw API call, for headers and bodies the SDK hides. */
  raw(method: string, path: string, init?: { form?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

export function sdkFor(baseUrl: string, key = SECRET_KEY): Stripe {
  const url = new URL(baseUrl);
  return new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
}

export async function startPayHarness(options: Partial<PaymentSimulatorOptions> = {}): Promise<PayHarness> {
  const sim = new PaymentSimulator();
  // Tests drive checkout through the control API: open mode.
  const handle = await sim.start({ secretKey: SECRET_KEY, control: 'open', ...options });
  const baseUrl = handle.baseUrl;
  return {
    sim,
    baseUrl,
    stripe: sdkFor(baseUrl),
    stripeWith: (key) => sdkFor(baseUrl, key),
    async control(method, path, json) {
      const res = await fetch(`${baseUrl}/__sim/${path}`, { method, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async raw(method, path, init = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${SECRET_KEY}`,
          ...(init.form === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }),
          ...init.headers,
        },
        ...(init.form === undefined ? {} : { body: init.form }),
      });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
    },
    stop: () => handle.stop(),
  };
}

/** A payment-mode session for one pack of credits, as a billing service would make it. */
export function packSession(stripe: Stripe, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://127.0.0.1:9/done?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/cancelled',
    client_reference_id: 'business-1',
    metadata: { purchaseId: 'purchase-1' },
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 3000, product_data: { name: '1,000 SMS credits' } } }],
    ...extra,
  });
}

export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A webhook endpoint that records what arrives; `failFirst` answers 500 to that many deliveries first. */
export async function startReceiver(failFirst = 0): Promise<{ url: string; received: Received[]; waitFor(pred: (r: Received[]) => boolean): Promise<void>; stop(): Promise<void> }> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  let refusals = failFirst;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (refusals > 0) {
        refusals -= 1;
        res.writeHead(500).end('not now');
        return;
      }
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200).end('ok');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stripe/webhook`;
  return {
    url,
    received,
    async waitFor(pred) {
      while (!pred(received)) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
