import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { declineCheckout, payCheckout, sweepExpired } from './checkout.ts';
import type { CheckoutOutcome } from './checkout.ts';
import type { PayContext, RequestInfo, Route } from './context.ts';
import { checkControlAccess } from '../control-access.ts';
import type { ControlAccess } from '../control-access.ts';
import { handleControl } from './control.ts';
import { createPayServer } from './http.ts';
import { newId } from './ids.ts';
import { StateFile } from './persist.ts';
import { checkoutSessionRoutes } from './routes/checkout-sessions.ts';
import { customerRoutes, paymentMethodRoutes } from './routes/customers.ts';
import { eventRoutes } from './routes/events.ts';
import { paymentIntentRoutes } from './routes/payment-intents.ts';
import { chargeRoutes, setupIntentRoutes } from './routes/setup-intents.ts';
import { emptyState } from './state.ts';
import type { PaymentsState, StripeEvent } from './state.ts';
import { testCardId } from './test-cards.ts';
import { WebhookSender, wants } from './webhooks.ts';
import type { DeliveryRecord, RetryPolicy, WebhookTarget } from './webhooks.ts';

export interface PaymentSimulatorOptions {
  /** 0 or omitted: any free port. */
  port?: number;
  /** The one secret key this account answers to; must look like Stripe's test keys. */
  secretKey: string;
  /** Where every event is POSTed, signed with `secret` (besides webhook endpoints made over the API). */
  webhook?: WebhookTarget;
  /** JSON file that keeps the account across restarts. */
  stateFile?: string;
  /** Who may use `/__sim/` (see ../control-access.ts); closed unless asked. */
  control?: ControlAccess;
  /** Base clock in ms, for tests that drive time; the control API can still move it forward. */
  now?: () => number;
  /** Webhook retries: 5 tries from 500 ms, doubling, unless told otherwise. */
  webhookRetry?: RetryPolicy;
}

export interface PaymentSimulatorHandle {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The API version the simulated account is pinned to, shown on its events. */
export const SIMULATED_API_VERSION = '2026-10-28.endive';

const routes: readonly Route[] = [
  ...checkoutSessionRoutes, ...paymentIntentRoutes, ...customerRoutes, ...paymentMethodRoutes, ...setupIntentRoutes, ...chargeRoutes, ...eventRoutes,
];

/**
 * A Stripe test-mode stand-in on 127.0.0.1 that the official `stripe` SDK talks to (host, port,
 * protocol 'http'): Checkout Sessions with their own checkout page, PaymentIntents, Customers,
 * PaymentMethods, SetupIntents, Events and signed webhooks, in Stripe's shapes. Plain Node.
 */
export class PaymentSimulator {
  private server: Server | null = null;
  private url = '';
  private file: StateFile | null = null;
  private webhook: WebhookTarget | null = null;
  private sender: WebhookSender | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private baseNow: () => number = Date.now;

  /** What the resource modules see; `state` is replaced only in start(), before anything runs. */
  private readonly context: { -readonly [K in keyof PayContext]: PayContext[K] } = {
    state: emptyState(),
    nowMs: () => this.baseNow() + this.context.state.clockOffsetMs,
    nowSec: () => Math.floor(this.context.nowMs() / 1000),
    baseUrl: () => this.url,
    emit: (type, object, request) => this.emit(type, object, request),
  };

  get ctx(): PayContext {
    return this.context;
  }

  private get state(): PaymentsState {
    return this.context.state;
  }

  get baseUrl(): string {
    return this.url;
  }

  async start(options: PaymentSimulatorOptions): Promise<PaymentSimulatorHandle> {
    if (this.server !== null) throw new Error('payment simulator already started');
    if (!/^sk_test_[A-Za-z0-9_]{8,}$/.test(options.secretKey)) throw new Error('secretKey must be a Stripe test key: sk_test_ and at least 8 more letters or digits');
    this.baseNow = options.now ?? Date.now;
    this.webhook = options.webhook ?? null;
    if (options.stateFile !== undefined) {
      this.context.state = StateFile.load(options.stateFile);
      this.file = new StateFile(options.stateFile, () => this.state);
    }
    this.sender = new WebhookSender(options.webhookRetry ?? { attempts: 5, firstDelayMs: 500 }, () => this.ctx.nowSec());
    const control = options.control ?? 'closed';
    const server = createPayServer({
      ctx: this.ctx,
      routes,
      secretKey: options.secretKey,
      checkControl: (req) => checkControlAccess(req, control),
      control: (method, path, json) => handleControl({
        ctx: this.ctx,
        advanceClock: (ms) => this.advanceClock(ms),
        setWebhook: (target) => this.setWebhook(target),
        deliveries: () => this.webhookDeliveries,
      }, method, path, json),
      beforeRequest: () => this.sweep(),
      changed: () => this.file?.schedule(),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Sessions past `expires_at` expire, with their event, even when nobody asks about them.
    this.sweeper = setInterval(() => this.sweep(), 1000);
    this.sweeper.unref();
    return { baseUrl: this.url, stop: () => this.stop() };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sender?.stop();
    this.file?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Where events are POSTed from now on (null: nowhere); the billing service may start after us. */
  setWebhook(target: WebhookTarget | null): void {
    this.webhook = target;
  }

  get webhookDeliveries(): readonly DeliveryRecord[] {
    return this.sender?.log ?? [];
  }

  get events(): readonly StripeEvent[] {
    return this.state.events;
  }

  /** In-process twins of the control API, for the app's Sandbox and tests. */
  pay(sessionId: string, card = 'pm_card_visa'): CheckoutOutcome {
    return this.withSession(sessionId, (s) => payCheckout(this.ctx, s, testCardId(card) ?? 'pm_card_visa'));
  }

  decline(sessionId: string): CheckoutOutcome {
    return this.withSession(sessionId, (s) => declineCheckout(this.ctx, s));
  }

  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
    this.sweep();
    this.file?.schedule();
  }

  private withSession(id: string, act: (s: PaymentsState['checkoutSessions'][string]) => CheckoutOutcome): CheckoutOutcome {
    const s = this.state.checkoutSessions[id];
    if (s === undefined) throw new Error(`No such checkout.session: '${id}'`);
    const out = act(s);
    this.file?.schedule();
    return out;
  }

  private sweep(): void {
    if (sweepExpired(this.ctx)) this.file?.schedule();
  }

  private emit(type: string, object: Record<string, unknown>, request: RequestInfo | null): void {
    const targets: WebhookTarget[] = [];
    if (this.webhook !== null) targets.push(this.webhook);
    for (const e of Object.values(this.state.webhookEndpoints)) {
      const t = { url: e.url, secret: e.secret, enabledEvents: e.enabledEvents };
      if (wants(t, type)) targets.push(t);
    }
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: SIMULATED_API_VERSION,
      created: this.ctx.nowSec(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: targets.length,
      request: { id: request?.id ?? null, idempotency_key: request?.idempotencyKey ?? null },
      type,
    };
    this.state.events.push(event);
    this.sender?.send(event, targets, () => {
      event.pending_webhooks = Math.max(0, (event.pending_webhooks as number) - 1);
      this.file?.schedule();
    });
  }
}
