import type { Money } from '../shared/billing/money';
import { quote } from '../shared/billing/rates';
import type { BillingContext } from './context.ts';
import { BillingHttpError } from './context.ts';

export interface Price {
  total: Money;
  monthlyFeeMinor: number | null;
  lines: Array<{ name: string; unitMinor: number; quantity: number }>;
}

function monthBounds(nowMs: number): [number, number] {
  const d = new Date(nowMs);
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

/**
 * The service's own price for `credits` in `country`, from the one rates table: the desk never
 * sends an amount. A monthly fee (Australia) is charged with the first paid purchase of a month.
 */
export function priceFor(ctx: BillingContext, businessId: string, country: string, credits: number): Price {
  const [from, to] = monthBounds(ctx.now());
  const feePaid = ctx.store.monthlyFeePaidBetween(businessId, from, to);
  const q = quote(country, credits, { includeMonthlyFee: !feePaid });
  if (q.kind === 'contactSupport') {
    throw new BillingHttpError(400, 'contact_support', 'Credits are not sold for this country yet. Please contact support.');
  }
  const lines = [{ name: 'SMS credits', unitMinor: q.perCredit.minor, quantity: credits }];
  if (q.monthlyFee) lines.push({ name: 'Monthly number fee', unitMinor: q.monthlyFee.minor, quantity: 1 });
  return { total: q.total, monthlyFeeMinor: q.monthlyFee?.minor ?? null, lines };
}
