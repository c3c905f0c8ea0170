import { quote } from '../../src/shared/billing/rates';
import {
  BillingUnavailable,
  type AutoRenewSettings,
  type AutoRenewState,
  type PaymentGateway,
  type Purchase,
  type PurchaseRequest,
} from '../../src/main/core/ports/payment-gateway';

/**
 * An in-memory billing service for the desk's core tests: purchases stay open until the test
 * pays, declines or expires them; renewals charge a saved card that the test can make decline.
 * The same renewal key always answers the same purchase, as the real service does.
 */
export class FakePaymentGateway implements PaymentGateway {
  readonly purchases = new Map<string, Purchase>();
  readonly renewCalls: string[] = [];
  private readonly renewals = new Map<string, string>();
  private state: AutoRenewState = { status: 'off', thresholdCredits: null, packCredits: null, card: null, reason: null };
  private next = 1;
  /** Every call fails as if the service could not be reached. */
  unavailable = false;
  /** The saved card is declined on the next renewals. */
  declineRenewals = false;
  /** Holds each renew() until the test releases it (to race two checks). */
  renewGate: Promise<void> | null = null;

  constructor(private readonly clock: { now(): number }) {}

  private guard(): void {
    if (this.unavailable) throw new BillingUnavailable('billing service unreachable');
  }

  private make(credits: number, country: string, kind: Purchase['kind']): Purchase {
    const q = quote(country, credits);
    if (q.kind !== 'priced') throw new Error('not sold here');
    const id = `pur_fake${String(this.next++).padStart(8, '0')}`;
    const purchase: Purchase = {
      purchaseId: id, status: 'open', credits, total: q.total,
      checkoutUrl: kind === 'checkout' ? `http://127.0.0.1:9/checkout/${id}` : null,
      createdAt: this.clock.now(), paidAt: null, failure: null, kind,
    };
    this.purchases.set(id, purchase);
    return purchase;
  }

  createPurchase(request: PurchaseRequest): Promise<Purchase> {
    this.guard();
    return Promise.resolve({ ...this.make(request.credits, request.country, 'checkout') });
  }

  purchase(purchaseId: string): Promise<Purchase> {
    this.guard();
    const p = this.purchases.get(purchaseId);
    if (!p) return Promise.reject(new Error(`no purchase ${purchaseId}`));
    return Promise.resolve({ ...p });
  }

  recentPurchases(sinceMs: number): Promise<readonly Purchase[]> {
    this.guard();
    return Promise.resolve([...this.purchases.values()].filter((p) => p.createdAt >= sinceMs).map((p) => ({ ...p })));
  }

  startAutoRenewSetup(settings: AutoRenewSettings): Promise<{ setupId: string; setupUrl: string }> {
    this.guard();
    this.state = { status: 'needs_card', thresholdCredits: settings.thresholdCredits, packCredits: settings.packCredits, card: null, reason: null };
    this.country = settings.country;
    return Promise.resolve({ setupId: 'seti_fake', setupUrl: 'http://127.0.0.1:9/setup/seti_fake' });
  }

  private country = 'US';

  /** The admin saved a card on the setup page. */
  saveCard(): void {
    this.state = { ...this.state, status: 'on', card: 'Visa ending 4242', reason: null };
    this.declineRenewals = false;
  }

  autoRenew(): Promise<AutoRenewState> {
    this.guard();
    return Promise.resolve({ ...this.state });
  }

  clearAutoRenew(): Promise<void> {
    this.guard();
    this.state = { status: 'off', thresholdCredits: null, packCredits: null, card: null, reason: null };
    return Promise.resolve();
  }

  async renew(renewalKey: string): Promise<Purchase> {
    this.guard();
    this.renewCalls.push(renewalKey);
    if (this.renewGate) await this.renewGate;
    const known = this.renewals.get(renewalKey);
    if (known) return { ...this.purchases.get(known)! };
    if (this.state.status !== 'on' || this.state.packCredits === null) throw new Error('auto-renew is not on');
    const p = this.make(this.state.packCredits, this.country, 'renewal');
    if (this.declineRenewals) {
      this.finish(p.purchaseId, { status: 'declined', failure: 'The card was declined.' });
      this.state = { ...this.state, status: 'disabled', reason: 'The card was declined.' };
    } else {
      this.finish(p.purchaseId, { status: 'paid', paidAt: this.clock.now() });
    }
    this.renewals.set(renewalKey, p.purchaseId);
    return { ...this.purchases.get(p.purchaseId)! };
  }

  /** Distinct renewal keys that led to a charge attempt. */
  get renewalCharges(): number {
    return this.renewals.size;
  }

  pay(purchaseId: string): void {
    this.finish(purchaseId, { status: 'paid', paidAt: this.clock.now(), failure: null });
  }
  /** As on Stripe's page, the person may then try another card: the page stays. */
  decline(purchaseId: string): void {
    const p = this.purchases.get(purchaseId);
    this.finish(purchaseId, { status: 'declined', failure: 'The card was declined.', checkoutUrl: p?.checkoutUrl ?? null });
  }
  expire(purchaseId: string): void {
    this.finish(purchaseId, { status: 'expired', failure: 'The checkout page was closed before paying.' });
  }

  private finish(purchaseId: string, change: Partial<Purchase>): void {
    const p = this.purchases.get(purchaseId);
    if (!p) throw new Error(`no purchase ${purchaseId}`);
    this.purchases.set(purchaseId, { ...p, checkoutUrl: null, ...change });
  }
}
