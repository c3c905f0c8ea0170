import type { BillingStore } from './store.ts';
import type { StripeClient } from './stripe-client.ts';

/** What the purchase and auto-renew logic share. */
export interface BillingContext {
  store: BillingStore;
  stripe: StripeClient;
  now(): number;
  /** Where Stripe sends a person back after a checkout page (this service's own return page). */
  returnUrl(result: 'paid' | 'cancelled' | 'card_saved'): string;
}

/** A refusal the desk shows as it is: status, code from the API's list, a plain sentence. */
export class BillingHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'bad_request' | 'not_found' | 'contact_support' | 'auto_renew_off' | 'rate_limited',
    message: string,
  ) {
    super(message);
  }
}

/** The business's Stripe customer, made once (idempotency key per business, id kept). */
export async function ensureCustomer(ctx: BillingContext, businessId: string): Promise<string> {
  const business = ctx.store.business(businessId);
  if (!business) throw new BillingHttpError(404, 'not_found', 'This business is not known to the billing service.');
  if (business.stripeCustomerId) return business.stripeCustomerId;
  const customerId = await ctx.stripe.createCustomer(businessId, business.name);
  ctx.store.setStripeCustomer(businessId, customerId);
  return ctx.store.business(businessId)?.stripeCustomerId ?? customerId;
}
