import type { TestCardId } from './test-cards.ts';

/**
 * The simulated Stripe account, kept as compact records; the resource modules render them in
 * Stripe's full shapes. Everything here is plain JSON so the state file can hold it.
 */
export interface CardFailure {
  code: 'card_declined' | 'authentication_required';
  declineCode: string;
  message: string;
}

export interface CustomerRecord {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
}

export interface PaymentMethodRecord {
  id: string;
  created: number;
  card: TestCardId;
  customer: string | null;
  metadata: Record<string, string>;
  billingName: string | null;
  billingEmail: string | null;
}

export interface ChargeRecord {
  id: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  paymentIntent: string;
  paymentMethod: string;
  card: TestCardId;
  failure: CardFailure | null;
  metadata: Record<string, string>;
  receiptEmail: string | null;
  balanceTransaction: string | null;
}

export type PaymentIntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';

export interface PaymentIntentRecord {
  id: string;
  created: number;
  clientSecret: string;
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  paymentMethod: string | null;
  status: PaymentIntentStatus;
  latestCharge: string | null;
  lastError: (CardFailure & { paymentMethod: string }) | null;
  setupFutureUsage: 'off_session' | 'on_session' | null;
  receiptEmail: string | null;
  canceledAt: number | null;
  cancellationReason: string | null;
}

export type SetupIntentStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'succeeded' | 'canceled';

export interface SetupIntentRecord {
  id: string;
  created: number;
  clientSecret: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  paymentMethod: string | null;
  status: SetupIntentStatus;
  usage: 'off_session' | 'on_session';
  lastError: (CardFailure & { paymentMethod: string }) | null;
}

export interface LineItem {
  name: string;
  unitAmount: number;
  quantity: number;
  currency: string;
}

export interface CheckoutSessionRecord {
  id: string;
  created: number;
  mode: 'payment' | 'setup';
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'unpaid' | 'paid' | 'no_payment_required';
  lineItems: LineItem[];
  currency: string | null;
  customer: string | null;
  customerCreation: 'always' | 'if_required' | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  expiresAt: number;
  paymentIntent: string | null;
  setupIntent: string | null;
  intentDescription: string | null;
  intentMetadata: Record<string, string>;
  setupFutureUsage: 'off_session' | 'on_session' | null;
  completedWith: { name: string; email: string } | null;
}

export interface IdempotentAnswer {
  /** Secret key + Idempotency-Key: keys are scoped per account. */
  scope: string;
  method: string;
  path: string;
  params: string;
  status: number;
  body: unknown;
  requestId: string;
  storedAtMs: number;
}

export interface WebhookEndpointRecord {
  id: string;
  created: number;
  url: string;
  secret: string;
  enabledEvents: string[];
  metadata: Record<string, string>;
}

export type StripeEvent = Record<string, unknown> & { id: string; type: string; created: number };

export interface PaymentsState {
  version: 1;
  clockOffsetMs: number;
  customers: Record<string, CustomerRecord>;
  paymentMethods: Record<string, PaymentMethodRecord>;
  charges: Record<string, ChargeRecord>;
  paymentIntents: Record<string, PaymentIntentRecord>;
  setupIntents: Record<string, SetupIntentRecord>;
  checkoutSessions: Record<string, CheckoutSessionRecord>;
  webhookEndpoints: Record<string, WebhookEndpointRecord>;
  /** Oldest first. */
  events: StripeEvent[];
  idempotency: Record<string, IdempotentAnswer>;
}

export function emptyState(): PaymentsState {
  return {
    version: 1, clockOffsetMs: 0, customers: {}, paymentMethods: {}, charges: {}, paymentIntents: {}, setupIntents: {},
    checkoutSessions: {}, webhookEndpoints: {}, events: [], idempotency: {},
  };
}
