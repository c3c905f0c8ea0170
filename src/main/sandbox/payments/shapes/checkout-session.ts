import type { CheckoutSessionRecord } from '../state.ts';
import { emptyAddress } from './address.ts';

const amountTotal = (s: CheckoutSessionRecord): number => s.lineItems.reduce((sum, li) => sum + li.unitAmount * li.quantity, 0);

/** `url` is the simulator's own checkout page while the session is open, null after, as Stripe. */
export function renderCheckoutSession(s: CheckoutSessionRecord, baseUrl: string): Record<string, unknown> {
  const payment = s.mode === 'payment';
  const total = payment ? amountTotal(s) : null;
  return {
    id: s.id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: s.cancelUrl,
    client_reference_id: s.clientReferenceId,
    client_secret: null,
    collected_information: s.completedWith === null ? null : { business_name: null, individual_name: null, shipping_details: null },
    consent: null,
    consent_collection: null,
    created: s.created,
    currency: s.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: s.customer,
    customer_account: null,
    customer_creation: s.customerCreation,
    customer_details: s.completedWith === null ? (s.customerEmail === null ? null : {
      address: null, business_name: null, email: s.customerEmail, individual_name: null, name: null, phone: null, tax_exempt: 'none', tax_ids: null,
    }) : {
      address: emptyAddress(), business_name: null, email: s.completedWith.email, individual_name: null, name: s.completedWith.name,
      phone: null, tax_exempt: 'none', tax_ids: [],
    },
    customer_email: s.customerEmail,
    discounts: payment ? [] : null,
    expires_at: s.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: payment ? {
      enabled: false,
      invoice_data: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: null, metadata: {}, rendering_options: null },
    } : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: s.metadata,
    mode: s.mode,
    origin_context: null,
    payment_intent: s.paymentIntent,
    payment_link: null,
    payment_method_collection: 'always',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_status: s.paymentStatus,
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: s.setupIntent,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: s.status,
    submit_type: null,
    subscription: null,
    success_url: s.successUrl,
    total_details: payment ? { amount_discount: 0, amount_shipping: 0, amount_tax: 0 } : null,
    ui_mode: 'hosted',
    url: s.status === 'open' ? `${baseUrl}/checkout/${s.id}` : null,
    wallet_options: null,
  };
}

export function renderLineItems(s: CheckoutSessionRecord): Record<string, unknown>[] {
  return s.lineItems.map((li, i) => ({
    id: `li_${s.id.slice(8, 30)}${i}`,
    object: 'item',
    amount_discount: 0,
    amount_subtotal: li.unitAmount * li.quantity,
    amount_tax: 0,
    amount_total: li.unitAmount * li.quantity,
    currency: li.currency,
    description: li.name,
    price: null,
    quantity: li.quantity,
  }));
}
