import { StripeApiError } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';
import type { IdempotentAnswer, PaymentsState } from './state.ts';

/**
 * Stripe's idempotent requests: a POST with an `Idempotency-Key` is answered once; the same key
 * with the same parameters gets the stored answer again (`Idempotent-Replayed: true`), with other
 * parameters or another endpoint a 400 idempotency_error. Keys belong to one secret key and are
 * kept 24 hours. As on Stripe, an answer is kept only once the endpoint ran: a request refused for
 * its parameters (400) or a server error can be sent again with the same key.
 */
const RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

function canonical(value: FormValue): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k] as FormValue)]));
}

export function paramsFingerprint(form: FormObject): string {
  return JSON.stringify(canonical(form));
}

export function findAnswer(
  state: PaymentsState, scope: string, method: string, path: string, form: FormObject, nowMs: number,
): IdempotentAnswer | null {
  for (const [k, v] of Object.entries(state.idempotency)) if (nowMs - v.storedAtMs > RETENTION_MS) delete state.idempotency[k];
  const key = scope.slice(scope.indexOf('|') + 1);
  if (key.length > MAX_KEY_LENGTH) {
    throw new StripeApiError(400, { type: 'invalid_request_error', message: `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.` });
  }
  const stored = state.idempotency[scope];
  if (stored === undefined) return null;
  if (stored.method !== method || stored.path !== path) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  if (stored.params !== paramsFingerprint(form)) {
    throw new StripeApiError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return stored;
}

export function shouldKeep(status: number, body: unknown): boolean {
  if (status >= 500) return false;
  if (status !== 400) return true;
  const type = (body as { error?: { type?: string } }).error?.type;
  return type !== 'invalid_request_error';
}
