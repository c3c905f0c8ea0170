import type { z } from 'zod';
import {
  autoRenewSetupResponseSchema,
  autoRenewStateSchema,
  billingErrorSchema,
  billingPaths,
  createPurchaseResponseSchema,
  purchaseStatusResponseSchema,
  recentPurchasesResponseSchema,
  renewResponseSchema,
} from '../../../shared/billing/api';
import { BillingUnavailable } from '../../core/ports/payment-gateway';
import type {
  AutoRenewSettings,
  AutoRenewState,
  PaymentGateway,
  Purchase,
  PurchaseRequest,
} from '../../core/ports/payment-gateway';

export interface HttpPaymentGatewayOptions {
  /** The billing service, e.g. https://billing.example.com (Sandbox: http://127.0.0.1:PORT). */
  baseUrl: string;
  /** The business's billing token from the keychain; null when none was entered. */
  token(): Promise<string | null>;
  /** Per request; the desk shows "billing unavailable" rather than wait longer. Default 20 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The billing service answered with an error the person can act on (bad amount, unsupported country…). */
export class BillingRefused extends Error {
  override readonly name = 'BillingRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
const unreadable = 'The billing service sent an answer SMS Desk cannot read. Nothing was added.';

/**
 * The PaymentGateway port over the billing service's HTTP API. Every answer is parsed with the
 * shared schemas: an answer that does not fit is an error, so nothing is granted on it.
 * Unreachable, timed out, overloaded or a refused token → BillingUnavailable; anything else the
 * service refuses → BillingRefused with its sentence.
 */
export class HttpPaymentGateway implements PaymentGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly insecure: boolean;

  constructor(private readonly options: HttpPaymentGatewayOptions) {
    const url = new URL(options.baseUrl);
    // The token must not cross a network in clear text: plain http only to this computer (Sandbox, tests).
    this.insecure = !(url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname)));
    this.baseUrl = url.origin + url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async createPurchase(request: PurchaseRequest): Promise<Purchase> {
    const body = { credits: request.credits, country: request.country, ...(request.description === undefined ? {} : { description: request.description }) };
    return this.call('POST', billingPaths.purchases, createPurchaseResponseSchema, body);
  }

  purchase(purchaseId: string): Promise<Purchase> {
    return this.call('GET', billingPaths.purchase(purchaseId), purchaseStatusResponseSchema);
  }

  async recentPurchases(sinceMs: number): Promise<readonly Purchase[]> {
    const since = Math.max(0, Math.floor(sinceMs));
    const answer = await this.call('GET', `${billingPaths.purchases}?since=${since}`, recentPurchasesResponseSchema);
    return answer.purchases;
  }

  startAutoRenewSetup(settings: AutoRenewSettings): Promise<{ setupId: string; setupUrl: string }> {
    return this.call('POST', billingPaths.autoRenewSetup, autoRenewSetupResponseSchema, {
      thresholdCredits: settings.thresholdCredits,
      packCredits: settings.packCredits,
      country: settings.country,
    });
  }

  autoRenew(): Promise<AutoRenewState> {
    return this.call('GET', billingPaths.autoRenew, autoRenewStateSchema);
  }

  async clearAutoRenew(): Promise<void> {
    await this.call('DELETE', billingPaths.autoRenew, autoRenewStateSchema);
  }

  renew(renewalKey: string): Promise<Purchase> {
    return this.call('POST', billingPaths.renewals, renewResponseSchema, { renewalKey });
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    if (this.insecure) throw new BillingUnavailable('The billing service address must start with https://. Nothing was sent.');
    const token = await this.options.token();
    if (token === null || token === '') throw new BillingUnavailable('No billing token is saved on this computer. An admin can enter it in Settings.');
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new BillingUnavailable('The billing service cannot be reached right now. Nothing was charged.', { cause: error });
    }
    if (response.status === 401) throw new BillingUnavailable('The billing service did not accept this computer\'s billing token. An admin can enter a new one in Settings.');
    if (response.status >= 500) throw new BillingUnavailable(this.errorSentence(text) ?? 'The billing service is not answering right now. Nothing was charged.');
    if (!response.ok) {
      const parsed = billingErrorSchema.safeParse(safeJson(text));
      if (!parsed.success) throw new Error(unreadable);
      throw new BillingRefused(parsed.data.error.code, parsed.data.error.message);
    }
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(unreadable);
    return parsed.data;
  }

  private errorSentence(text: string): string | null {
    const parsed = billingErrorSchema.safeParse(safeJson(text));
    return parsed.success ? parsed.data.error.message : null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
