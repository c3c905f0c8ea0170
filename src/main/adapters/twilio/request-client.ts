import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

/** Hosts the SDK talks to for the resources SMS Desk uses. */
const TWILIO_HOSTS = new Set(['api.twilio.com', 'messaging.twilio.com', 'trusthub.twilio.com']);

export interface HostRewritingOptions {
  /**
   * Where every Twilio host goes instead (e.g. the sandbox simulator at http://127.0.0.1:PORT).
   * Undefined in live mode: requests go to Twilio untouched.
   */
  baseUrl?: string;
  /** Per-request timeout; a timed-out create is reported as in doubt, never retried blindly. */
  timeoutMs: number;
}

/**
 * In Sandbox and tests, a Twilio URL sent to `target` instead (path and query kept), so the
 * unchanged SDK talks to a Twilio-compatible server; `null` (live) leaves it untouched.
 */
export function rewriteTwilioUrl(uri: string, target: URL | null): string {
  if (target === null) return uri;
  const url = new URL(uri);
  if (!TWILIO_HOSTS.has(url.hostname)) return uri;
  const basePath = target.pathname.replace(/\/$/, '');
  return `${target.origin}${basePath}${url.pathname}${url.search}`;
}

/**
 * The SDK's stock HTTP client (axios) with two changes:
 * - In sandbox and test mode it sends api/messaging/trusthub.twilio.com requests to one base URL.
 * - Automatic 429 retries stay off: the sending engine owns retries, pacing and backoff, and an
 *   invisible retry inside the SDK would hide in-doubt outcomes from it.
 */
export class HostRewritingRequestClient extends twilio.RequestClient {
  private readonly target: URL | null;

  constructor(options: HostRewritingOptions) {
    super({ timeout: options.timeoutMs, autoRetry: false, maxRetries: 0, keepAlive: true });
    this.target = options.baseUrl === undefined ? null : new URL(options.baseUrl);
    if (this.target !== null && this.target.protocol !== 'http:' && this.target.protocol !== 'https:') {
      throw new Error('Twilio base URL must be http(s)');
    }
  }

  rewrite(uri: string): string {
    return rewriteTwilioUrl(uri, this.target);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: this.rewrite(opts.uri) });
  }
}
