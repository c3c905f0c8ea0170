/** Money in integer minor units (cents, pence) with its ISO 4217 currency: never a float. */
export interface Money {
  minor: number;
  currency: 'USD' | 'CAD' | 'AUD' | 'NZD' | 'GBP';
}
