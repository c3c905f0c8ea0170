import type { Money } from './money';

/**
 * THE rates table (SPEC §3, the seed's "SMS Credits"): what one credit costs in each country
 * the provider sells to. The purchase screen, the desk's core and the billing service all read
 * it, so a price is written once.
 *
 * Every rate is in US dollars, as the seed states them ("$0.08 USD per credit"): one currency
 * means one Stripe price list and no exchange rates on the desk. Money is integer minor units
 * (cents), so a total is an exact integer and never a float.
 */
export type CountryCode = string;

export interface CountryRate {
  country: CountryCode;
  /** Price of one credit, in minor units of `currency`. */
  perCreditMinor: number;
  /** A fee charged with a purchase each month the account is used there (Australia), or null. */
  monthlyFeeMinor: number | null;
  currency: Money['currency'];
}

export const RATES: Readonly<Record<'US' | 'CA' | 'AU' | 'NZ' | 'GB', CountryRate>> = {
  US: { country: 'US', perCreditMinor: 3, monthlyFeeMinor: null, currency: 'USD' },
  CA: { country: 'CA', perCreditMinor: 3, monthlyFeeMinor: null, currency: 'USD' },
  /** Australia's carriers charge a monthly number fee: US$10.00 a month, shown before paying. */
  AU: { country: 'AU', perCreditMinor: 8, monthlyFeeMinor: 1000, currency: 'USD' },
  NZ: { country: 'NZ', perCreditMinor: 12, monthlyFeeMinor: null, currency: 'USD' },
  GB: { country: 'GB', perCreditMinor: 6, monthlyFeeMinor: null, currency: 'USD' },
};

export type SoldCountry = keyof typeof RATES;
export const SOLD_COUNTRIES = Object.keys(RATES) as SoldCountry[];

/** The packs the purchase screen offers, smallest first. */
export const CREDIT_PACKS = [500, 1_000, 2_500, 5_000, 10_000] as const;
/** A custom amount is a whole number of credits in this range. */
export const MIN_PURCHASE_CREDITS = 100;
export const MAX_PURCHASE_CREDITS = 100_000;
/** The country a new install assumes until an admin picks one. */
export const DEFAULT_COUNTRY: SoldCountry = 'US';
/** Only US businesses may register themselves to text (the seed's "US only" note). */
export const SELF_SIGNUP_COUNTRY: SoldCountry = 'US';
export const SUPPORT_EMAIL = 'support@smsdesk.app';

export function rateFor(country: CountryCode): CountryRate | null {
  const key = country.toUpperCase();
  return Object.prototype.hasOwnProperty.call(RATES, key) ? RATES[key as SoldCountry] : null;
}

export type Quote =
  | {
      kind: 'priced';
      country: SoldCountry;
      credits: number;
      perCredit: Money;
      /** credits × perCredit. */
      creditsCost: Money;
      /** Australia's monthly fee when included, else null. */
      monthlyFee: Money | null;
      /** What the card is charged: creditsCost + monthlyFee. */
      total: Money;
    }
  /** Not sold in this country yet: the screen says to contact support. */
  | { kind: 'contactSupport'; country: CountryCode; credits: number };

export function isValidPurchaseCredits(credits: number): boolean {
  return Number.isSafeInteger(credits) && credits >= MIN_PURCHASE_CREDITS && credits <= MAX_PURCHASE_CREDITS;
}

/**
 * What `credits` cost in `country`, in integer minor units. `includeMonthlyFee` is false when
 * the month's fee is already paid (the billing service knows); the screen shows it by default.
 * Throws on a credit count that is not a non-negative safe integer: callers validate first.
 */
export function quote(country: CountryCode, credits: number, options: { includeMonthlyFee?: boolean } = {}): Quote {
  if (!Number.isSafeInteger(credits) || credits < 0) throw new RangeError(`Not a whole number of credits: ${credits}`);
  const rate = rateFor(country);
  if (!rate) return { kind: 'contactSupport', country: country.toUpperCase(), credits };
  const money = (minor: number): Money => ({ minor, currency: rate.currency });
  const creditsCostMinor = credits * rate.perCreditMinor;
  const fee = options.includeMonthlyFee === false || rate.monthlyFeeMinor === null ? null : money(rate.monthlyFeeMinor);
  return {
    kind: 'priced',
    country: rate.country as SoldCountry,
    credits,
    perCredit: money(rate.perCreditMinor),
    creditsCost: money(creditsCostMinor),
    monthlyFee: fee,
    total: money(creditsCostMinor + (fee?.minor ?? 0)),
  };
}

/** Money for people: "$30.00" in the user's locale, with the currency's own decimals. */
export function formatMoney(money: Money, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.minor / 10 ** digits);
}
