import Stripe from 'stripe';
import { z } from 'zod';

export interface StripeEndpoint {
  secretKey: string;
  /** Stripe's own API when omitted; the payment simulator in Sandbox and tests. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/** Stripe could not be reached, refused our key, or failed: nothing is known to be charged by the call. */
export class PaymentProviderUnavailable extends Error {
  override readonly name = 'PaymentProviderUnavailable';
}

/** Stripe answered something that does not fit what was asked: never taken as a payment. */
export class UnexpectedStripeAnswer extends Error {
  override readonly name = 'UnexpectedStripeAnswer';
}

/** A card was declined (Stripe's 402 card_error). */
export class CardDeclined extends Error {
  override readonly name = 'CardDeclined';
  constructor(
    message: string,
    readonly paymentIntentId: string | null,
  ) {
    super(message);
  }
}

// Only the fields the service reads, checked: Stripe's objects carry many more.
const idOrObject = (prefix: string) =>
  z.union([z.string().startsWith(prefix), z.object({ id: z.string().startsWith(prefix) }).transform((o) => o.id)]).nullable().optional().transform((v) => v ?? null);
const metadata = z.record(z.string(), z.string()).nullable().optional().transform((m) => m ?? {});

const sessionSchema = z.object({
  id: z.string().startsWith('cs_'),
  object: z.literal('checkout.session'),
  mode: z.enum(['payment', 'setup', 'subscription']),
  status: z.enum(['open', 'complete', 'expired']).nullable(),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  url: z.string().nullable().optional().transform((v) => v ?? null),
  amount_total: z.number().int().nullable().optional().transform((v) => v ?? null),
  currency: z.string().nullable().optional().transform((v) => v ?? null),
  payment_intent: idOrObject('pi_'),
  setup_intent: idOrObject('seti_'),
  metadata,
});
export type CheckoutSession = z.infer<typeof sessionSchema>;

const paymentIntentSchema = z.object({
  id: z.string().startsWith('pi_'),
  object: z.literal('payment_intent'),
  status: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  last_payment_error: z
    .object({ code: z.string().nullable().optional(), decline_code: z.string().nullable().optional(), message: z.string().nullable().optional() })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  metadata,
});
export type PaymentIntent = z.infer<typeof paymentIntentSchema>;

const setupIntentSchema = z.object({ id: z.string().startsWith('seti_'), object: z.literal('setup_intent'), status: z.string(), payment_method: idOrObject('pm_') });
const paymentMethodSchema = z.object({
  id: z.string().startsWith('pm_'),
  object: z.literal('payment_method'),
  card: z.object({ brand: z.string(), last4: z.string().regex(/^\d{4}$/) }).nullable().optional(),
});
const customerSchema = z.object({ id: z.string().startsWith('cus_'), object: z.literal('customer') });
const eventSchema = z.object({
  id: z.string().startsWith('evt_'),
  type: z.string(),
  data: z.object({ object: z.object({ id: z.string(), object: z.string() }) }),
});
export type StripeEventSummary = z.infer<typeof eventSchema>;

function parse<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new UnexpectedStripeAnswer(`Stripe's ${what} does not have the expected shape.`);
  return parsed.data;
}

const brandNames: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover' };

/**
 * The few Stripe calls the billing service makes, through the official SDK, each answer checked
 * before it is believed. Stripe's errors become PaymentProviderUnavailable or CardDeclined.
 */
export class StripeClient {
  private readonly stripe: Stripe;

  constructor(endpoint: StripeEndpoint) {
    this.stripe = new Stripe(endpoint.secretKey, {
      ...(endpoint.host === undefined ? {} : { host: endpoint.host }),
      ...(endpoint.port === undefined ? {} : { port: endpoint.port }),
      ...(endpoint.protocol === undefined ? {} : { protocol: endpoint.protocol }),
      // One retry on a dropped connection, with the same idempotency key: never a second charge.
      maxNetworkRetries: 1,
      timeout: 20_000,
      telemetry: false,
    });
  }

  async createCustomer(businessId: string, name: string): Promise<string> {
    const customer = await this.call(() => this.stripe.customers.create({ name, metadata: { business_id: businessId } }, { idempotencyKey: `customer-${businessId}` }));
    return parse(customerSchema, customer, 'customer').id;
  }

  async createPaymentSession(input: {
    idempotencyKey: string;
    customerId: string;
    purchaseId: string;
    businessId: string;
    currency: string;
    lines: ReadonlyArray<{ name: string; unitMinor: number; quantity: number }>;
    successUrl: string;
    cancelUrl: string;
  }): Promise<CheckoutSession> {
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          customer: input.customerId,
          client_reference_id: input.purchaseId,
          line_items: input.lines.map((line) => ({
            price_data: { currency: input.currency.toLowerCase(), unit_amount: line.unitMinor, product_data: { name: line.name } },
            quantity: line.quantity,
          })),
          metadata: { business_id: input.businessId, purchase_id: input.purchaseId },
          payment_intent_data: { metadata: { business_id: input.businessId, purchase_id: input.purchaseId } },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return parse(sessionSchema, session, 'checkout session');
  }

  async createSetupSession(input: { idempotencyKey: string; customerId: string; setupId: string; businessId: string; currency: string; successUrl: string; cancelUrl: string }): Promise<CheckoutSession> {
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'setup',
          customer: input.customerId,
          currency: input.currency.toLowerCase(),
          client_reference_id: input.setupId,
          metadata: { business_id: input.businessId, setup_id: input.setupId },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return parse(sessionSchema, session, 'checkout session');
  }

  async session(id: string): Promise<CheckoutSession> {
    return parse(sessionSchema, await this.call(() => this.stripe.checkout.sessions.retrieve(id)), 'checkout session');
  }

  async paymentIntent(id: string): Promise<PaymentIntent> {
    return parse(paymentIntentSchema, await this.call(() => this.stripe.paymentIntents.retrieve(id)), 'payment intent');
  }

  /** The saved card a completed setup session left: its payment method id and "Visa ending 4242". */
  async savedCard(setupIntentId: string): Promise<{ paymentMethodId: string; label: string }> {
    const intent = parse(setupIntentSchema, await this.call(() => this.stripe.setupIntents.retrieve(setupIntentId)), 'setup intent');
    if (intent.status !== 'succeeded' || intent.payment_method === null) throw new UnexpectedStripeAnswer('Stripe says the card was not saved.');
    const method = parse(paymentMethodSchema, await this.call(() => this.stripe.paymentMethods.retrieve(intent.payment_method ?? '')), 'payment method');
    const label = method.card ? `${brandNames[method.card.brand] ?? method.card.brand} ending ${method.card.last4}` : 'Saved card';
    return { paymentMethodId: method.id, label };
  }

  /** One off-session charge; a decline comes back as CardDeclined, with the intent Stripe made. */
  async chargeSavedCard(input: {
    idempotencyKey: string;
    customerId: string;
    paymentMethodId: string;
    amountMinor: number;
    currency: string;
    metadata: Record<string, string>;
    description: string;
  }): Promise<PaymentIntent> {
    const intent = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return parse(paymentIntentSchema, intent, 'payment intent');
  }

  /** Checks the Stripe-Signature header; throws when it does not match the payload. */
  verifyEvent(payload: string, signature: string, secret: string): StripeEventSummary {
    const event: unknown = this.stripe.webhooks.constructEvent(payload, signature, secret);
    return parse(eventSchema, event, 'event');
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translate(error);
    }
  }
}

function translate(error: unknown): Error {
  const e = error as { type?: unknown; code?: unknown; decline_code?: unknown; payment_intent?: { id?: unknown } };
  if (e?.type === 'StripeCardError') {
    const reason = typeof e.decline_code === 'string' && e.decline_code !== 'generic_decline' ? ` (${e.decline_code.replaceAll('_', ' ')})` : '';
    const intentId = typeof e.payment_intent?.id === 'string' ? e.payment_intent.id : null;
    return new CardDeclined(`The card was declined${reason}.`, intentId);
  }
  if (error instanceof UnexpectedStripeAnswer) return error;
  if (e?.type === 'StripeIdempotencyError') return new UnexpectedStripeAnswer('Stripe refused a repeated request as different from the first.');
  // Connection, authentication (our key), rate limit, API errors, invalid requests: the provider side, not the person's.
  const kind = typeof e?.type === 'string' ? e.type : 'error';
  return new PaymentProviderUnavailable(`Stripe could not take the request (${kind}).`, { cause: error });
}
