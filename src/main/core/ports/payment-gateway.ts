import type { Money } from '../../../shared/billing/money';

/**
 * The provider's billing service, seen from a desk. The desk never holds a payment secret: it
 * asks the service to open a checkout page, later asks what became of it, and grants credits
 * only for a purchase the service reports as paid (once per purchase id, whatever asks twice).
 */
export interface PaymentGateway {
  /** Opens a checkout for `credits` at the business's country rate; the page is shown to a person. */
  createPurchase(request: PurchaseRequest): Promise<Purchase>;
  /** What became of one purchase. Asking again never changes it. */
  purchase(purchaseId: string): Promise<Purchase>;
  /** Purchases created since `sinceMs` (at most a few hundred): start-up recovery grants the paid ones. */
  recentPurchases(sinceMs: number): Promise<readonly Purchase[]>;

  /** Starts saving a card for Auto Renew Credits: a setup page to show to a person. */
  startAutoRenewSetup(settings: AutoRenewSettings): Promise<{ setupId: string; setupUrl: string }>;
  autoRenew(): Promise<AutoRenewState>;
  /** Turns auto-renew off and forgets nothing else (purchases stay). */
  clearAutoRenew(): Promise<void>;
  /**
   * One off-session charge of the saved card for the renewal pack. `renewalKey` names the
   * crossing of the threshold that caused it: the same key never charges twice.
   */
  renew(renewalKey: string): Promise<Purchase>;
}

export interface PurchaseRequest {
  credits: number;
  /** ISO 3166-1 alpha-2 country of the business: picks the rate. */
  country: string;
  /** Why a person or a renewal asked; shown on receipts and in the ledger. */
  description?: string;
}

export type PurchaseStatus = 'open' | 'paid' | 'declined' | 'expired';

export interface Purchase {
  purchaseId: string;
  status: PurchaseStatus;
  credits: number;
  /** Credits plus any monthly fee, what the card is charged. */
  total: Money;
  /** The checkout page while the purchase is open; null for renewals and finished purchases. */
  checkoutUrl: string | null;
  createdAt: number;
  paidAt: number | null;
  /** A plain sentence when declined or expired ("The card was declined."). */
  failure: string | null;
  kind: 'checkout' | 'renewal';
}

export interface AutoRenewSettings {
  thresholdCredits: number;
  packCredits: number;
  country: string;
}

export interface AutoRenewState {
  /** `needs_card` until the setup page saved a card; `disabled` after a declined renewal. */
  status: 'off' | 'needs_card' | 'on' | 'disabled';
  thresholdCredits: number | null;
  packCredits: number | null;
  /** e.g. "Visa ending 4242" once a card is saved. */
  card: string | null;
  /** Why it was disabled, in plain words. */
  reason: string | null;
}

/** The billing service cannot be reached or refused the desk's token; nothing was charged by this call. */
export class BillingUnavailable extends Error {
  override readonly name = 'BillingUnavailable';
}
