import { PaymentSimulator } from '../../../src/main/sandbox/payments/simulator';
import { runService, WEBHOOK_SECRET } from './service-harness';
import type { RunningService } from './service-harness';

export const SECRET_KEY = 'sk_test_billing_flows_0123456789';

export interface Billing {
  simulator: PaymentSimulator;
  stripeUrl: string;
  running: RunningService;
  /** Points the simulator's events at the (possibly restarted) service. */
  connectWebhook(): void;
  dispose(): Promise<void>;
}

/**
 * The whole path over HTTP: the desk's adapter → the billing service → the official `stripe`
 * SDK → the payment simulator, with the simulator's signed events sent to the service.
 * `stripeUrl` lets a test put something between the service and the simulator.
 */
export async function startBilling(options: { stripeUrl?: (simulatorUrl: string) => Promise<string> } = {}): Promise<Billing> {
  const simulator = new PaymentSimulator();
  const sim = await simulator.start({ secretKey: SECRET_KEY, webhookRetry: { attempts: 3, firstDelayMs: 50 } });
  const stripeUrl = options.stripeUrl ? await options.stripeUrl(sim.baseUrl) : sim.baseUrl;
  const running = await runService(stripeUrl, SECRET_KEY);
  const connectWebhook = (): void => simulator.setWebhook({ url: `${running.service.url}/stripe/webhook`, secret: WEBHOOK_SECRET });
  connectWebhook();
  return {
    simulator,
    stripeUrl,
    running,
    connectWebhook,
    dispose: async () => {
      await running.dispose();
      await sim.stop();
    },
  };
}

/** What a person's browser does on the simulator's checkout page: Pay (with a test card) or Decline. */
export async function submitCheckoutPage(pageUrl: string, action: 'pay' | 'decline', card = 'pm_card_visa'): Promise<number> {
  const response = await fetch(`${pageUrl}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card }).toString(),
    redirect: 'manual',
  });
  await response.text();
  return response.status;
}

/** Off-session charges the simulator made for one business's purchases (by the service's metadata). */
export function chargesFor(simulator: PaymentSimulator, purchaseId: string): number {
  return Object.values(simulator.ctx.state.paymentIntents).filter((pi) => pi.metadata.purchase_id === purchaseId).length;
}
