/** The empty address Stripe sends wherever none was collected. */
export function emptyAddress(): Record<string, null> {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

export function listObject(url: string, data: readonly unknown[], hasMore: boolean): Record<string, unknown> {
  return { object: 'list', data, has_more: hasMore, url };
}
