import { declineCheckout, payCheckout } from './checkout.ts';
import type { PayContext } from './context.ts';
import type { ControlAnswer } from './http.ts';
import { renderCheckoutSession } from './shapes/checkout-session.ts';
import { testCardId } from './test-cards.ts';
import type { DeliveryRecord, WebhookTarget } from './webhooks.ts';

/**
 * The `/__sim/` control API (JSON), for tests that drive checkout without a browser:
 * - `GET health`
 * - `POST checkout/<cs id>/pay {card?}` / `POST checkout/<cs id>/decline`: what the page's
 *   buttons do; answers `{ outcome: 'paid' | 'declined', message?, session }`
 * - `POST clock {advanceMs}`: move simulator time forward (sessions past `expires_at` expire)
 * - `POST webhook {url, secret} | null`: where events go (besides webhook endpoints made over the API)
 * - `GET webhook-deliveries`: every delivery and how it went
 */
export interface ControlDeps {
  ctx: PayContext;
  advanceClock(ms: number): void;
  setWebhook(target: WebhookTarget | null): void;
  deliveries(): readonly DeliveryRecord[];
}

const error = (status: number, message: string): ControlAnswer => ({ status, body: { error: { message } } });

export function handleControl(deps: ControlDeps, method: string, path: string, json: unknown): ControlAnswer {
  const { ctx } = deps;
  const body = (json ?? {}) as Record<string, unknown>;
  if (method === 'GET' && path === 'health') return { status: 200, body: { ok: true } };
  if (method === 'GET' && path === 'webhook-deliveries') return { status: 200, body: deps.deliveries() };
  if (method === 'POST' && path === 'clock') {
    const ms = body.advanceMs;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return error(400, 'advanceMs must be a number of milliseconds, 0 or more');
    deps.advanceClock(ms);
    return { status: 200, body: { nowMs: ctx.nowMs() } };
  }
  if (method === 'POST' && path === 'webhook') {
    if (json === null) {
      deps.setWebhook(null);
      return { status: 200, body: { webhook: null } };
    }
    if (typeof body.url !== 'string' || typeof body.secret !== 'string') return error(400, 'Give url and secret, or null');
    deps.setWebhook({ url: body.url, secret: body.secret });
    return { status: 200, body: { webhook: { url: body.url } } };
  }
  const m = /^checkout\/([^/]+)\/(pay|decline)$/.exec(path);
  if (method === 'POST' && m !== null) {
    const s = ctx.state.checkoutSessions[m[1] as string];
    if (s === undefined) return error(404, `No such checkout.session: '${m[1]}'`);
    const card = typeof body.card === 'string' ? testCardId(body.card) : 'pm_card_visa';
    if (card === undefined) return error(400, `Unknown test card ${String(body.card)}`);
    if (s.status !== 'open') return error(409, `This Checkout Session is ${s.status}`);
    const outcome = m[2] === 'pay' ? payCheckout(ctx, s, card) : declineCheckout(ctx, s);
    return {
      status: 200,
      body: { outcome: outcome.ok ? 'paid' : 'declined', ...(outcome.ok ? {} : { message: outcome.message }), session: renderCheckoutSession(s, ctx.baseUrl()) },
    };
  }
  return error(404, `No control route ${method} /__sim/${path}`);
}
