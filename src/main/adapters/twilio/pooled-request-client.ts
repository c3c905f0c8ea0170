import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { Agent, EnvHttpProxyAgent, interceptors, type Dispatcher } from 'undici';
import { rewriteTwilioUrl } from './request-client';

export interface PooledRequestClientOptions {
  /** Where every Twilio host goes instead (the simulator); undefined in live mode. */
  baseUrl?: string;
  /** Per-request timeout: the whole request, from asking for a connection to the answer's last byte. */
  timeoutMs: number;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * An error from the HTTP layer, with the socket's or undici's code (ECONNREFUSED,
 * UND_ERR_CONNECT_TIMEOUT, UND_ERR_HEADERS_TIMEOUT, …): error-mapping.ts reads that code to tell
 * "never reached Twilio" from "may have reached it".
 */
class HttpLayerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'HttpLayerError';
  }
}

/**
 * The twilio SDK's HTTP client (the `httpClient` option it documents), on undici's connection pool
 * instead of the stock client's axios: the SDK still builds every request and reads every answer
 * (`client.messages.create`, its serializers, its errors); this only carries the bytes. The stock
 * client spends most of a request's CPU time in axios's request pipeline, and the sending thread
 * makes up to a few thousand requests a second, so a lighter carrier leaves the thread time for the
 * outbox. It keeps the stock client's behaviour where it matters here:
 * - Basic auth, the SDK's headers, form bodies with repeated keys for lists (`arrayFormat: repeat`),
 *   JSON bodies when asked for, query parameters on GET;
 * - no automatic retries (the sending engine owns retries, and a hidden retry of a create could
 *   send a text twice), redirects only when the SDK allows them;
 * - proxies from HTTP_PROXY / HTTPS_PROXY / NO_PROXY, a CA bundle from TWILIO_CA_BUNDLE;
 * - in Sandbox, every Twilio host rewritten to the simulator's base URL (path and query kept).
 */
export class PooledRequestClient extends twilio.RequestClient {
  private readonly target: URL | null;
  private readonly timeoutMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly following: Dispatcher;

  constructor(options: PooledRequestClientOptions) {
    super({ timeout: options.timeoutMs, autoRetry: false, maxRetries: 0, keepAlive: true });
    this.target = options.baseUrl === undefined ? null : new URL(options.baseUrl);
    if (this.target !== null && this.target.protocol !== 'http:' && this.target.protocol !== 'https:') {
      throw new Error('Twilio base URL must be http(s)');
    }
    this.timeoutMs = options.timeoutMs;
    const ca = process.env['TWILIO_CA_BUNDLE'] === undefined ? undefined : readFileSync(process.env['TWILIO_CA_BUNDLE']);
    // No cap on connections per host: the sending engine decides how many requests go at once
    // (its window follows the pace), and a cap below that would queue them here unseen.
    const poolOptions = {
      connect: { timeout: options.timeoutMs, ...(ca === undefined ? {} : { ca }) },
    };
    const viaProxy = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((name) => process.env[name]);
    this.dispatcher = viaProxy ? new EnvHttpProxyAgent(poolOptions) : new Agent(poolOptions);
    this.following = this.dispatcher.compose(interceptors.redirect({ maxRedirections: 10 }));
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    if (!opts.method) throw new Error('http method is required');
    if (!opts.uri) throw new Error('uri is required');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {})) if (value !== undefined) headers[name] = String(value);
    if (opts.username && opts.password) headers['Authorization'] = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers['Authorization'] = await opts.authStrategy.getAuthString();

    const url = new URL(rewriteTwilioUrl(opts.uri, this.target));
    if (opts.params) for (const [key, value] of formPairs(opts.params)) url.searchParams.append(key, value);
    const contentType = headers['Content-Type'];
    const body = opts.data === undefined || opts.data === null ? undefined
      : contentType === FORM ? new URLSearchParams(formPairs(opts.data)).toString()
      : contentType === JSON_TYPE ? JSON.stringify(opts.data)
      : undefined;
    const timeout = opts.timeout ?? this.timeoutMs;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // The whole request, a proxy's tunnel and the answer's body included, ends by the timeout.
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new HttpLayerError(`no answer within ${timeout} ms`, 'ETIMEDOUT');
        abort.abort(error);
        reject(error);
      }, timeout);
    });
    const exchange = async (): Promise<Response<TData>> => {
      const answer = await (opts.allowRedirects ? this.following : this.dispatcher).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: opts.method.toUpperCase() as Dispatcher.HttpMethod,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: abort.signal,
      });
      const text = await answer.body.text();
      return { statusCode: answer.statusCode, body: text as TData, headers: answer.headers } as unknown as Response<TData>;
    };
    try {
      return await Promise.race([exchange(), late]);
    } catch (error) {
      throw asHttpLayerError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the pooled connections (the engine is stopping). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** The SDK's serialized parameters as form pairs: a list repeats its key, as the stock client's `qs` does. */
function formPairs(data: object): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([key, formValue(item)]);
    else pairs.push([key, formValue(value)]);
  }
  return pairs;
}

function formValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function asHttpLayerError(error: unknown): Error {
  if (error instanceof HttpLayerError) return error;
  if (!(error instanceof Error)) return new HttpLayerError(String(error), undefined);
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : undefined;
  return new HttpLayerError(error.message, code);
}
