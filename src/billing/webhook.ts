import { confirmRenewal, confirmSetup } from './auto-renew.ts';
import type { BillingContext } from './context.ts';
import { confirmCheckout } from './purchases.ts';

/** Events the service acts on; each only tells it which object to ask Stripe about again. */
export const handledEvents = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
] as const;

/**
 * Acts on one verified Stripe event. The event's own fields are not trusted for amounts or
 * status: the service retrieves the session or payment intent from Stripe and records what
 * Stripe says now, so a replayed or reordered event changes nothing. Each event id is acted on once.
 */
export async function handleEvent(ctx: BillingContext, event: { id: string; type: string; data: { object: { id: string; object: string } } }): Promise<void> {
  if (!(handledEvents as readonly string[]).includes(event.type)) return;
  // Recorded only once acted on: if Stripe cannot be asked now, Stripe's redelivery tries again.
  if (ctx.store.eventSeen(event.id)) return;
  await act(ctx, event.data.object);
  ctx.store.recordEvent(event.id, event.type, ctx.now());
}

async function act(ctx: BillingContext, object: { id: string; object: string }): Promise<void> {
  if (object.object === 'checkout.session') {
    const purchase = ctx.store.purchaseBySession(object.id);
    if (purchase) {
      await confirmCheckout(ctx, purchase);
      return;
    }
    const setup = ctx.store.setupBySession(object.id);
    if (setup) await confirmSetup(ctx, setup.businessId, object.id);
  } else if (object.object === 'payment_intent') {
    const purchase = ctx.store.purchaseByPaymentIntent(object.id);
    if (!purchase) return;
    if (purchase.kind === 'renewal') await confirmRenewal(ctx, purchase);
    else await confirmCheckout(ctx, purchase);
  }
}
