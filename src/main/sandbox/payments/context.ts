import type { FormObject } from './form.ts';
import type { PaymentsState } from './state.ts';

/** The API request an event names: Stripe's `request: { id, idempotency_key }`. */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

/** What every resource module gets: the account, the simulator clock and the event sink. */
export interface PayContext {
  readonly state: PaymentsState;
  nowMs(): number;
  nowSec(): number;
  /** Where the simulator answers, for checkout page urls. */
  baseUrl(): string;
  /** Records an Event for a state change (and sends it to the webhook endpoints). */
  emit(type: string, object: Record<string, unknown>, request: RequestInfo | null): void;
}

export interface ApiRequest {
  method: string;
  path: string;
  params: readonly string[];
  /** Body for POST, query for GET and DELETE, parsed from bracket notation. */
  form: FormObject;
  request: RequestInfo;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle(ctx: PayContext, req: ApiRequest): Record<string, unknown>;
}

export const AUTOMATIC: RequestInfo = { id: null, idempotencyKey: null };
