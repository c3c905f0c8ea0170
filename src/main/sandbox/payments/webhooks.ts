import { createHmac } from 'node:crypto';
import type { StripeEvent } from './state.ts';

/**
 * Sends Events to webhook endpoints the way Stripe does: a JSON POST signed in `Stripe-Signature`
 * (`t=<unix seconds>,v1=<HMAC-SHA256 of "t.body" keyed by the whsec_ secret>`), which
 * `stripe.webhooks.constructEvent` verifies. A delivery that fails (no answer, or not 2xx) is
 * tried again with growing pauses, a few times, never blocking the request that made the event.
 */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Event types this endpoint gets; absent or `*`: all. */
  enabledEvents?: readonly string[];
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  url: string;
  attempts: number;
  /** HTTP status of the last try, 0 when nothing answered. */
  lastStatus: number;
  delivered: boolean;
}

export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

export function signatureHeader(payload: string, secret: string, timestampSec: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSec}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSec},v1=${v1}`;
}

export function wants(target: WebhookTarget, type: string): boolean {
  const list = target.enabledEvents;
  return list === undefined || list.includes('*') || list.includes(type);
}

export class WebhookSender {
  readonly log: DeliveryRecord[] = [];
  private readonly policy: RetryPolicy;
  private readonly nowSec: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;

  constructor(policy: RetryPolicy, nowSec: () => number) {
    this.policy = policy;
    this.nowSec = nowSec;
  }

  /** Queues the event for each target; `onDelivered` runs once per target that took it. */
  send(event: StripeEvent, targets: readonly WebhookTarget[], onDelivered: () => void): void {
    const payload = JSON.stringify(event, null, 2);
    for (const target of targets) {
      const record: DeliveryRecord = { eventId: event.id, type: event.type, url: target.url, attempts: 0, lastStatus: 0, delivered: false };
      this.log.push(record);
      this.attempt(target, payload, record, onDelivered);
    }
  }

  private attempt(target: WebhookTarget, payload: string, record: DeliveryRecord, onDelivered: () => void): void {
    if (this.stopped) return;
    record.attempts += 1;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': signatureHeader(payload, target.secret, this.nowSec()),
      },
      body: payload,
      signal: controller.signal,
    }).then(async (res) => {
      record.lastStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      return res.ok;
    }, () => false).then((ok) => {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
      if (ok) {
        record.delivered = true;
        onDelivered();
        return;
      }
      if (this.stopped || record.attempts >= this.policy.attempts) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.attempt(target, payload, record, onDelivered);
      }, this.policy.firstDelayMs * 2 ** (record.attempts - 1));
      this.timers.add(timer);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inFlight) c.abort();
  }
}
