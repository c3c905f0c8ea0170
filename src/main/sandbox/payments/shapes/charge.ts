import type { ChargeRecord } from '../state.ts';
import { testCards } from '../test-cards.ts';
import { emptyAddress, listObject } from './address.ts';

function outcome(ch: ChargeRecord): Record<string, unknown> {
  const base = { advice_code: null, network_advice_code: null, network_decline_code: null, rule: null };
  if (ch.failure === null) {
    return { ...base, network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 32, seller_message: 'Payment complete.', type: 'authorized' };
  }
  return {
    ...base, network_status: 'declined_by_network', reason: ch.failure.declineCode, risk_level: 'normal', risk_score: 32,
    seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined',
  };
}

export function renderCharge(ch: ChargeRecord): Record<string, unknown> {
  const card = testCards[ch.card];
  const paid = ch.failure === null;
  return {
    id: ch.id,
    object: 'charge',
    amount: ch.amount,
    amount_captured: paid ? ch.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: ch.balanceTransaction,
    billing_details: { address: emptyAddress(), email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'SMS DESK',
    captured: paid,
    created: ch.created,
    currency: ch.currency,
    customer: ch.customer,
    description: ch.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: ch.failure?.code ?? null,
    failure_message: ch.failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: ch.metadata,
    on_behalf_of: null,
    outcome: outcome(ch),
    paid,
    payment_intent: ch.paymentIntent,
    payment_method: ch.paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: paid ? ch.amount : null,
        brand: card.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        country: 'US',
        exp_month: 12,
        exp_year: 2034,
        extended_authorization: { status: 'disabled' },
        fingerprint: `Fp${ch.card.length}${card.last4}sim${card.brand.slice(0, 2)}`,
        funding: 'credit',
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: card.brand,
        network_token: { used: false },
        overcapture: { maximum_amount_capturable: ch.amount, status: 'unavailable' },
        three_d_secure: null,
        wallet: null,
        authorization_code: paid ? '123456' : null,
        regulated_status: 'unregulated',
        network_transaction_id: paid ? `sim${ch.id.slice(3, 15)}` : null,
        transaction_link_id: null,
      },
      type: 'card',
    },
    receipt_email: ch.receiptEmail,
    receipt_number: null,
    receipt_url: paid ? `https://pay.stripe.com/receipts/payment/${ch.id}` : null,
    refunded: false,
    refunds: listObject(`/v1/charges/${ch.id}/refunds`, [], false),
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: paid ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}
