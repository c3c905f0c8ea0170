import type { FormObject } from './form.ts';
import { allowOnly, optInt, optObject, optString } from './form.ts';
import { invalidRequest, parameterInvalid } from './errors.ts';
import { listObject } from './shapes/address.ts';

/**
 * Stripe's list envelope and cursor paging: newest first, `limit` 1–100 (10 by default),
 * `starting_after` / `ending_before` an id from the list, `created[gte|gt|lte|lt]`.
 */
export const PAGING_PARAMS = ['limit', 'starting_after', 'ending_before', 'created', 'expand'] as const;

export function page<T extends { id: string; created: number }>(
  form: FormObject, url: string, items: readonly T[], render: (item: T) => Record<string, unknown>, extraParams: readonly string[] = [],
): Record<string, unknown> {
  allowOnly(form, [...PAGING_PARAMS, ...extraParams]);
  const limit = optInt(form, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw parameterInvalid('limit', 'Invalid limit: must be at least 1 and at most 100', 'parameter_invalid_integer');
  let list = [...items].reverse();
  const created = optObject(form, 'created');
  if (created !== undefined) {
    const gte = optInt(created, 'gte', 'created[gte]');
    const gt = optInt(created, 'gt', 'created[gt]');
    const lte = optInt(created, 'lte', 'created[lte]');
    const lt = optInt(created, 'lt', 'created[lt]');
    list = list.filter((i) => (gte === undefined || i.created >= gte) && (gt === undefined || i.created > gt)
      && (lte === undefined || i.created <= lte) && (lt === undefined || i.created < lt));
  }
  const after = optString(form, 'starting_after');
  const before = optString(form, 'ending_before');
  if (after !== undefined && before !== undefined) throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.');
  if (after !== undefined) {
    const at = list.findIndex((i) => i.id === after);
    if (at < 0) throw invalidRequest(`No such object: '${after}'`, 'starting_after');
    const rest = list.slice(at + 1);
    return listObject(url, rest.slice(0, limit).map(render), rest.length > limit);
  }
  if (before !== undefined) {
    const at = list.findIndex((i) => i.id === before);
    if (at < 0) throw invalidRequest(`No such object: '${before}'`, 'ending_before');
    const rest = list.slice(0, at);
    return listObject(url, rest.slice(Math.max(0, rest.length - limit)).map(render), rest.length > limit);
  }
  return listObject(url, list.slice(0, limit).map(render), list.length > limit);
}
