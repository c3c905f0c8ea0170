import type { PaymentMethodRecord } from '../state.ts';
import { testCards } from '../test-cards.ts';
import type { TestCardId } from '../test-cards.ts';
import { emptyAddress } from './address.ts';

/** The `card` hash of a test card, with a fingerprint stable per card number as Stripe's is. */
export function cardDetails(card: TestCardId): Record<string, unknown> {
  const c = testCards[card];
  return {
    brand: c.brand,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'US',
    display_brand: c.brand,
    exp_month: 12,
    exp_year: 2034,
    fingerprint: `Fp${card.length}${c.last4}sim${c.brand.slice(0, 2)}`,
    funding: 'credit',
    generated_from: null,
    last4: c.last4,
    networks: { available: [c.brand], preferred: null },
    three_d_secure_usage: { supported: true },
    wallet: null,
    regulated_status: 'unregulated',
  };
}

export function renderPaymentMethod(pm: PaymentMethodRecord): Record<string, unknown> {
  return {
    id: pm.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: emptyAddress(), email: pm.billingEmail, name: pm.billingName, phone: null, tax_id: null },
    card: cardDetails(pm.card),
    created: pm.created,
    customer: pm.customer,
    customer_account: null,
    livemode: false,
    metadata: pm.metadata,
    type: 'card',
  };
}
