/**
 * Stripe's error answers: `{ error: { type, code?, decline_code?, message, param?, doc_url?,
 * request_log_url? } }` with the HTTP status Stripe uses. The SDK picks its error class from
 * `type` (card_error → StripeCardError, idempotency_error → StripeIdempotencyError …).
 */
export type StripeErrorType = 'api_error' | 'authentication_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorDetail {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  /** Card errors carry the object that failed, as Stripe sends it. */
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
  charge?: string;
}

export class StripeApiError extends Error {
  readonly status: number;
  readonly detail: StripeErrorDetail;

  constructor(status: number, detail: StripeErrorDetail) {
    super(detail.message);
    this.status = status;
    this.detail = detail;
  }

  toBody(requestId: string, nowSec: number): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { ...this.detail };
    if (this.detail.code !== undefined) error.doc_url = `https://stripe.com/docs/error-codes/${this.detail.code.replaceAll('_', '-')}`;
    error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}?t=${nowSec}`;
    return { error };
  }
}

/** A path or body id that names nothing: Stripe's wording, e.g. "No such payment_intent: 'pi_x'". */
export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });
}

export function parameterMissing(param: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
}

export function parameterInvalid(param: string, message: string, code = 'parameter_invalid'): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, param, message });
}

export function unknownParameter(param: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_unknown', param, message: `Received unknown parameter: ${param}` });
}

/** A request that is valid but not allowed in the object's current state. */
export function unexpectedState(message: string, param?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message, ...(param === undefined ? {} : { param }) });
}

export function invalidRequest(message: string, param?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, ...(param === undefined ? {} : { param }) });
}
