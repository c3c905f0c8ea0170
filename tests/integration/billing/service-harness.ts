import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBillingService } from '../../../src/billing/start';
import type { BillingServiceHandle, BillingServiceOptions } from '../../../src/billing/start';
import { HttpPaymentGateway } from '../../../src/main/adapters/billing/http-payment-gateway';

export const WEBHOOK_SECRET = 'whsec_test_billing_service_0123456789';

export interface RunningService {
  service: BillingServiceHandle;
  dataFile: string;
  /** Starts the service again on the same data file (a restart); the old one must be closed first. */
  restart(): Promise<BillingServiceHandle>;
  gateway(token: string): HttpPaymentGateway;
  dispose(): Promise<void>;
}

/** The billing service on a temporary SQLite file, its Stripe pointed at `stripeUrl` over plain HTTP. */
export async function runService(stripeUrl: string, secretKey: string, extra: Partial<BillingServiceOptions> = {}): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-desk-billing-'));
  const dataFile = join(dir, 'billing.sqlite');
  const url = new URL(stripeUrl);
  const options: BillingServiceOptions = {
    dataFile,
    stripe: { secretKey, host: url.hostname, port: Number(url.port), protocol: 'http' },
    webhookSecret: WEBHOOK_SECRET,
    log: () => undefined,
    ...extra,
  };
  let service = await startBillingService(options);
  const running: RunningService = {
    get service() {
      return service;
    },
    dataFile,
    restart: async () => {
      service = await startBillingService(options);
      return service;
    },
    gateway: (token) => new HttpPaymentGateway({ baseUrl: service.url, token: async () => token, timeoutMs: 30_000 }),
    dispose: async () => {
      await service.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return running;
}

export async function call(base: string, path: string, init: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
