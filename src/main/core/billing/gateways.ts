import { AppError, type Mode } from '../../../shared/contract';
import { BillingUnavailable, type PaymentGateway } from '../ports/payment-gateway';

/** The billing service for a mode: Sandbox's in-process one, or the provider's for live. Throws BillingUnavailable when none is set up. */
export type GatewayFor = (mode: Mode) => Promise<PaymentGateway>;

export const BILLING_UNAVAILABLE_MESSAGE =
  'Buying credits is not available right now: the billing service cannot be reached. Nothing was charged. Please try again in a few minutes.';

/** Runs a call to the billing service, turning "cannot reach it" into a plain, calm refusal. */
export async function askBilling<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BillingUnavailable) throw new AppError('OFFLINE', BILLING_UNAVAILABLE_MESSAGE);
    // The service refused with a sentence the person can act on (the adapter's BillingRefused).
    if (error instanceof Error && error.name === 'BillingRefused') throw new AppError('FAILED_PRECONDITION', error.message);
    throw error;
  }
}
