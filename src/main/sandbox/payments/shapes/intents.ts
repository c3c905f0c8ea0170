import type { CardFailure, PaymentIntentRecord, PaymentsState, SetupIntentRecord } from '../state.ts';
import { renderPaymentMethod } from './payment-method.ts';

/** `last_payment_error` / `last_setup_error`: the card error with the PaymentMethod that failed. */
function lastError(state: PaymentsState, err: (CardFailure & { paymentMethod: string }) | null, charge: string | null): Record<string, unknown> | null {
  if (err === null) return null;
  const pm = state.paymentMethods[err.paymentMethod];
  return {
    ...(charge === null ? {} : { charge }),
    code: err.code,
    decline_code: err.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${err.code.replaceAll('_', '-')}`,
    message: err.message,
    payment_method: pm === undefined ? null : renderPaymentMethod(pm),
    type: 'card_error',
  };
}

/** A card that must authenticate asks the client to run Stripe.js, as Stripe does. */
const authenticateAction = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };

export function renderPaymentIntent(state: PaymentsState, pi: PaymentIntentRecord): Record<string, unknown> {
  return {
    id: pi.id,
    object: 'payment_intent',
    amount: pi.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: pi.status === 'succeeded' ? pi.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: pi.canceledAt,
    cancellation_reason: pi.cancellationReason,
    capture_method: 'automatic',
    client_secret: pi.clientSecret,
    confirmation_method: 'automatic',
    created: pi.created,
    currency: pi.currency,
    customer: pi.customer,
    customer_account: null,
    description: pi.description,
    excluded_payment_method_types: null,
    last_payment_error: lastError(state, pi.lastError, pi.lastError === null ? null : pi.latestCharge),
    latest_charge: pi.latestCharge,
    livemode: false,
    managed_payments: null,
    metadata: pi.metadata,
    next_action: pi.status === 'requires_action' ? authenticateAction : null,
    on_behalf_of: null,
    payment_method: pi.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: pi.receiptEmail,
    review: null,
    setup_future_usage: pi.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: pi.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function renderSetupIntent(state: PaymentsState, si: SetupIntentRecord): Record<string, unknown> {
  return {
    id: si.id,
    object: 'setup_intent',
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: si.clientSecret,
    created: si.created,
    customer: si.customer,
    description: si.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: lastError(state, si.lastError, null),
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: si.metadata,
    next_action: si.status === 'requires_action' ? authenticateAction : null,
    on_behalf_of: null,
    payment_method: si.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: si.status,
    usage: si.usage,
  };
}
