import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Mode } from '../../shared/contract';
import { startBillingService, type BillingServiceHandle } from '../../billing/start';
import { HttpPaymentGateway } from '../adapters/billing/http-payment-gateway';
import { BillingUnavailable, type PaymentGateway } from '../core/ports/payment-gateway';
import type { SecretStore } from '../core/ports/secret-store';
import { PaymentSimulator, type PaymentSimulatorHandle } from '../sandbox/payments/simulator';
import { PRIVATE_FILE_MODE } from './private-data-folder';

export interface BillingHostOptions {
  dataDir: string;
  secrets: SecretStore;
  /** The provider's billing service for live mode (SMS_DESK_BILLING_URL), or null: buying is not set up. */
  liveBillingUrl(): string | null;
  logError(message: string, error: unknown): void;
}

/** The business name the Sandbox's own billing service knows this desk by. */
const SANDBOX_BUSINESS = 'Sandbox business';

/**
 * Where a desk buys credits. Sandbox: a payment simulator and the billing service in this
 * process, started on first use exactly as the carrier simulator is, with a billing token issued
 * once and kept in the keychain. Live: the provider's billing service at its address, with the
 * token an admin entered (keychain only, never shown back).
 */
export function createBillingFactories(options: BillingHostOptions) {
  let origins: readonly string[] = [];
  let sandbox: Promise<{ gateway: PaymentGateway; simulator: PaymentSimulatorHandle; service: BillingServiceHandle; url: string }> | null = null;

  const startSandbox = async () => {
    // A fresh test key at each launch: only this process talks to the simulator.
    const secretKey = `sk_test_${randomBytes(18).toString('hex')}`;
    const simulator = await new PaymentSimulator().start({ secretKey, port: 0, stateFile: join(options.dataDir, 'sandbox-payments.json') });
    const endpoint = new URL(simulator.baseUrl);
    const dataFile = join(options.dataDir, 'sandbox-billing.sqlite');
    const fresh = !existsSync(dataFile);
    // Owner-only before SQLite opens it: SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(dataFile, 'a', PRIVATE_FILE_MODE));
    chmodSync(dataFile, PRIVATE_FILE_MODE);
    let service: BillingServiceHandle;
    try {
      service = await startBillingService({
        dataFile,
        stripe: { secretKey, host: endpoint.hostname, port: Number(endpoint.port), protocol: 'http' },
        log: (line) => options.logError('sandbox billing service', new Error(line)),
      });
    } catch (error) {
      await simulator.stop();
      throw error;
    }
    for (const companion of [`${dataFile}-wal`, `${dataFile}-shm`]) if (existsSync(companion)) chmodSync(companion, PRIVATE_FILE_MODE);
    // The token is made once per Sandbox billing file; a file made anew needs a new one.
    if (fresh || (await options.secrets.get('sandbox.billingToken')) === null) {
      await options.secrets.set('sandbox.billingToken', await service.issueToken(SANDBOX_BUSINESS));
    }
    const gateway = new HttpPaymentGateway({ baseUrl: service.url, token: () => options.secrets.get('sandbox.billingToken') });
    origins = [new URL(simulator.baseUrl).origin, new URL(service.url).origin];
    return { gateway, simulator, service, url: service.url };
  };

  const sandboxReady = () =>
    (sandbox ??= startSandbox().catch((error: unknown) => {
      sandbox = null;
      throw error;
    }));

  const gatewayFor = async (mode: Mode): Promise<PaymentGateway> => {
    if (mode === 'sandbox') {
      try {
        return (await sandboxReady()).gateway;
      } catch (error) {
        options.logError('the Sandbox billing service could not start', error);
        throw new BillingUnavailable('The Sandbox billing service could not start.');
      }
    }
    const url = options.liveBillingUrl();
    if (url === null) throw new BillingUnavailable('No billing service is set up for this desk.');
    return new HttpPaymentGateway({ baseUrl: url, token: () => options.secrets.get('billing.token') });
  };

  return {
    gatewayFor,
    billingReady: (mode: Mode) => mode === 'sandbox' || options.liveBillingUrl() !== null,
    /** The Sandbox's checkout and billing pages, once started: plain http on 127.0.0.1. */
    paymentPageOrigins: () => origins,
    /** Tests and the e2e: the Sandbox's billing service address. */
    sandboxBillingUrl: async () => (await sandboxReady()).url,
    stop: async () => {
      const running = await sandbox?.catch(() => null);
      await running?.service.close();
      await running?.simulator.stop();
    },
  };
}

/** SMS_DESK_BILLING_URL: the provider's billing service for live mode, when it is an http(s) address. */
export function billingUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env['SMS_DESK_BILLING_URL']?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin + url.pathname.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}
