/**
 * Stripe's test payment methods (https://docs.stripe.com/testing): each magic id stands for one
 * test card and how the bank answers it. Using a magic id makes a fresh `pm_…` PaymentMethod,
 * as Stripe does; the card behind a saved PaymentMethod keeps its behaviour.
 */
export interface TestCard {
  brand: 'visa' | 'mastercard';
  last4: string;
  /** What a charge on this card does. */
  charge: 'succeeds' | 'declines' | 'needs_authentication';
  declineCode?: 'generic_decline' | 'insufficient_funds';
  /** Stripe checks some declining cards already when they are attached to a Customer. */
  failsOnAttach: boolean;
  label: string;
}

export const testCards = {
  pm_card_visa: { brand: 'visa', last4: '4242', charge: 'succeeds', failsOnAttach: false, label: 'Visa ending 4242 (pays)' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', charge: 'succeeds', failsOnAttach: false, label: 'Mastercard ending 4444 (pays)' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', charge: 'declines', declineCode: 'generic_decline', failsOnAttach: true, label: 'Visa ending 0002 (declined)' },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: 'visa', last4: '9995', charge: 'declines', declineCode: 'insufficient_funds', failsOnAttach: true, label: 'Visa ending 9995 (insufficient funds)',
  },
  pm_card_chargeCustomerFail: {
    brand: 'visa', last4: '0341', charge: 'declines', declineCode: 'generic_decline', failsOnAttach: false, label: 'Visa ending 0341 (saves, later charges decline)',
  },
  pm_card_authenticationRequired: {
    brand: 'visa', last4: '3184', charge: 'needs_authentication', failsOnAttach: false, label: 'Visa ending 3184 (always asks the cardholder to authenticate)',
  },
} as const satisfies Record<string, TestCard>;

export type TestCardId = keyof typeof testCards;

/** Stripe's longer spellings of the same cards. */
const aliases: Record<string, TestCardId> = {
  pm_card_visa_chargeDeclined: 'pm_card_chargeDeclined',
  pm_card_visa_chargeDeclinedInsufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds',
  pm_card_authenticationRequiredOnSetup: 'pm_card_authenticationRequired',
};

export function testCardId(id: string): TestCardId | undefined {
  if (Object.hasOwn(testCards, id)) return id as TestCardId;
  return aliases[id];
}

export function isTestCardId(id: string): boolean {
  return testCardId(id) !== undefined;
}

/** The decline Stripe reports for a card that declines. */
export function declineMessage(code: string): string {
  return code === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.';
}
