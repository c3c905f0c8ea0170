import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { BillingContext } from './context.ts';
import { createHandler } from './http.ts';
import { BillingStore } from './store.ts';
import { StripeClient } from './stripe-client.ts';
import type { StripeEndpoint } from './stripe-client.ts';
import { issueToken } from './tokens.ts';

export interface BillingServiceOptions {
  /** The service's own SQLite file (businesses, token hashes, purchases, renewals). */
  dataFile: string;
  stripe: StripeEndpoint;
  /** Stripe's webhook signing secret (whsec_…); without it the webhook address refuses every event. */
  webhookSecret?: string | null;
  /** 0 or omitted: any free port. */
  port?: number;
  /** 127.0.0.1 unless given; anything else needs `tls`. */
  host?: string;
  /** PEM certificate and key: the service answers HTTPS. Plain HTTP is for loopback only (Sandbox, tests). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** The address people and Stripe reach the service at, when behind a proxy; the listening address otherwise. */
  publicUrl?: string;
  now?: () => number;
  log?: (line: string) => void;
}

export interface BillingServiceHandle {
  url: string;
  /** The provider's onboarding: a new billing token for the named business (added if new). Shown once, stored only as a hash. */
  issueToken(businessName: string): Promise<string>;
  /** Revokes a token by its id (the 16 hex digits after `sdb_`); the next request with it gets 401. */
  revokeToken(tokenId: string): Promise<boolean>;
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts the billing service in this process (Sandbox, tests) or for the CLI. */
export async function startBillingService(options: BillingServiceOptions): Promise<BillingServiceHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !loopback.has(host)) throw new Error('Without a TLS certificate the billing service listens on 127.0.0.1 only.');
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = new BillingStore(options.dataFile);
  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const ctx: BillingContext = {
    store,
    stripe: new StripeClient(options.stripe),
    now,
    returnUrl: (result) => `${publicUrl}/checkout/return?result=${result}`,
  };
  const handler = createHandler({ ctx, webhookSecret: options.webhookSecret ?? null, log });
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
  if (publicUrl === '') publicUrl = url;

  return {
    url,
    issueToken: async (businessName) => issueToken(store, businessName, now()).token,
    revokeToken: async (tokenId) => store.revokeToken(tokenId, now()),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
