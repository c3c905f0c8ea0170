import { CarrierError } from '../../core/ports/carrier-gateway';
import type { CarrierErrorKind } from '../../core/ports/carrier-gateway';
import { retryPolicyFor } from '../../../shared/carrier/error-codes';

/** Whether the failed call could have changed anything at Twilio. */
export type CallEffect = 'read' | 'write';

/** Socket errors raised before the request could reach Twilio: nothing was sent. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Masks anything that looks like a phone number, keeping the last two digits, so Twilio's error
 * texts ("Invalid 'To' Phone Number: +1512…") can be logged.
 */
export function redactPhones(text: string): string {
  return text.replace(/\+?\(?\d[\d\s().-]{5,}\d/g, (match) => `…${match.replace(/\D/g, '').slice(-2)}`);
}

interface HttpFailure {
  status: number;
  code?: number;
  message?: string;
}

function asHttpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as Record<string, unknown>;
  // RestException (legacy bodies) and TwilioServiceException (RFC 9457) both carry these.
  if (typeof e['status'] !== 'number' || e['status'] < 400) return null;
  return {
    status: e['status'],
    ...(typeof e['code'] === 'number' ? { code: e['code'] } : {}),
    ...(typeof e['message'] === 'string' ? { message: e['message'] } : {}),
  };
}

function networkCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as Record<string, unknown>;
  if (typeof e['code'] === 'string') return e['code'];
  const cause = e['cause'];
  if (typeof cause === 'object' && cause !== null && typeof (cause as Record<string, unknown>)['code'] === 'string') {
    return (cause as Record<string, string>)['code'] ?? null;
  }
  return null;
}

/**
 * Turns whatever the SDK threw into a CarrierError that says whether repeating the call is safe.
 * Reads are always safe to repeat, so their failures are never in doubt.
 */
export function toCarrierError(error: unknown, effect: CallEffect): CarrierError {
  if (error instanceof CarrierError) return error;
  const http = asHttpFailure(error);
  if (http !== null) {
    const code = http.code ?? (http.status === 429 ? 20429 : http.status >= 500 ? 20500 : null);
    // The shared table says whether the carrier acted: 'safe' = refused before any work (429,
    // 21611 queue full), 'check_first' = a write may have been done (5xx), 'never' = refused.
    const policy = retryPolicyFor(http.status, code);
    const kind: CarrierErrorKind = policy === 'safe' ? 'not_sent' : policy === 'check_first' ? (effect === 'write' ? 'in_doubt' : 'not_sent') : 'rejected';
    const detail = redactPhones(http.message ?? `HTTP ${http.status}`);
    return new CarrierError({ kind, code, httpStatus: http.status, detail });
  }
  const net = networkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const kind: CarrierErrorKind = effect === 'read' || (net !== null && NEVER_CONNECTED.has(net)) ? 'not_sent' : 'in_doubt';
  return new CarrierError({ kind, code: null, httpStatus: null, detail: redactPhones(`${net ?? 'error'}: ${message}`) });
}
