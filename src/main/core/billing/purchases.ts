import { AppError, type Mode, type PurchaseView } from '../../../shared/contract';
import { quote, SUPPORT_EMAIL } from '../../../shared/billing/rates';
import type { Clock } from '../ports/clock';
import type { Purchase } from '../ports/payment-gateway';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { StoredPurchase } from '../ports/stores/billing-store';
import { askBilling, type GatewayFor } from './gateways';

/** Start-up recovery asks for purchases this recent: a desk off for longer finds older ones on the Credits screen. */
export const RECOVERY_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
export const RECENT_PURCHASES_SHOWN = 20;

export interface PurchaseDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  gatewayFor: GatewayFor;
  /** A grant is written to the audit log (by the system: no staff member made it happen). */
  audit(entry: { staffId: string | null; action: string; detail: string }): void;
  /** Credits changed: screens refresh and auto-renew looks at the balance. */
  changed(): void;
  logError(message: string, error: unknown): void;
}

/** Open, declined (another card may still be tried on its page) or paid but not yet granted. */
const mayChange = (p: StoredPurchase): boolean => p.status === 'open' || p.status === 'declined' || (p.status === 'paid' && p.grantedAt === null);

export const toView = (p: StoredPurchase): PurchaseView => ({
  purchaseId: p.purchaseId,
  status: p.status,
  kind: p.kind,
  credits: p.credits,
  total: p.total,
  checkoutUrl: p.status === 'open' || p.status === 'declined' ? p.checkoutUrl : null,
  createdAt: p.createdAt,
  granted: p.grantedAt !== null,
  failure: p.failure,
});

/**
 * Buying credits. The billing service is the only witness of payment: a purchase is granted when
 * the service says it is paid, once per purchase id — the purchase row is marked granted in the
 * same transaction as the ledger entry, and the ledger refuses a second entry for the id — so a
 * status asked twice, two windows asking at once, or a restart between payment and grant all
 * give the credits exactly once.
 */
export class PurchaseService {
  constructor(private readonly deps: PurchaseDeps) {}

  async create(credits: number, staffId: string): Promise<PurchaseView> {
    const { mode, country } = this.deps.settings.read();
    if (quote(country, credits).kind === 'contactSupport') {
      throw new AppError('FAILED_PRECONDITION', `SMS credits are not sold online for your country yet. Please contact support at ${SUPPORT_EMAIL}.`);
    }
    const gateway = await askBilling(() => this.deps.gatewayFor(mode));
    const purchase = await askBilling(() => gateway.createPurchase({ credits, country, description: `${credits.toLocaleString('en-US')} SMS credits` }));
    return toView(await this.apply(mode, purchase, { staffId, renewalKey: null }));
  }

  /** What became of a purchase: asks the service while it may still change, and grants it if paid. */
  async refresh(purchaseId: string): Promise<PurchaseView> {
    const stored = await this.deps.storage.billing.purchase(purchaseId);
    if (stored === null || stored.mode !== this.deps.settings.read().mode) throw new AppError('NOT_FOUND', 'This purchase was not found.');
    if (!mayChange(stored)) return toView(stored);
    const gateway = await askBilling(() => this.deps.gatewayFor(stored.mode));
    const latest = await askBilling(() => gateway.purchase(purchaseId));
    return toView(await this.apply(stored.mode, latest, { staffId: null, renewalKey: null }));
  }

  /**
   * Asks about the purchases that may still change (open, declined, paid but not granted), so a
   * payment made while nobody has the Credits screen open is granted within a minute or so.
   */
  async followOpen(): Promise<void> {
    const mode = this.deps.settings.read().mode;
    const waiting = (await this.deps.storage.billing.recentPurchases(mode, RECENT_PURCHASES_SHOWN)).filter(mayChange);
    if (waiting.length === 0) return;
    const gateway = await this.deps.gatewayFor(mode);
    for (const stored of waiting) await this.apply(mode, await gateway.purchase(stored.purchaseId), { staffId: null, renewalKey: null });
  }

  async recent(): Promise<PurchaseView[]> {
    return (await this.deps.storage.billing.recentPurchases(this.deps.settings.read().mode, RECENT_PURCHASES_SHOWN)).map(toView);
  }

  /**
   * Start-up: grants what was paid while the desk was closed or crashed, including a purchase the
   * desk never got to write down. Asks each mode that has a billing service.
   */
  async recover(mode: Mode): Promise<number> {
    const gateway = await this.deps.gatewayFor(mode);
    const purchases = await gateway.recentPurchases(this.deps.clock.now() - RECOVERY_WINDOW_MS);
    let granted = 0;
    for (const purchase of purchases) {
      const before = await this.deps.storage.billing.purchase(purchase.purchaseId);
      const after = await this.apply(mode, purchase, { staffId: null, renewalKey: null });
      if (before?.grantedAt == null && after.grantedAt !== null) granted += 1;
    }
    return granted;
  }

  /** Records the service's view and, if paid and not yet granted, grants it in the same transaction. */
  async apply(mode: Mode, purchase: Purchase, origin: { staffId: string | null; renewalKey: string | null }): Promise<StoredPurchase> {
    const now = this.deps.clock.now();
    const { stored, granted } = await this.deps.storage.transaction(async (tx) => {
      const before = await tx.billing.purchase(purchase.purchaseId);
      if (before !== null && before.mode !== mode) throw new Error('A purchase answered for the other mode');
      // Paid and expired are final. A declined card is not: the person may try another card on the same page.
      const status = before !== null && (before.status === 'paid' || before.status === 'expired') ? before.status : purchase.status;
      await tx.billing.savePurchase({
        ...purchase,
        status,
        mode,
        staffId: before?.staffId ?? origin.staffId,
        renewalKey: before?.renewalKey ?? origin.renewalKey,
        updatedAt: now,
      });
      let grantedNow = false;
      if (status === 'paid' && (await tx.billing.markGranted(purchase.purchaseId, now))) {
        const credits = before?.credits ?? purchase.credits;
        await tx.ledger.record([{
          mode, kind: 'purchase', credits, purchaseId: purchase.purchaseId, sendId: null, messageId: null,
          staffId: before?.staffId ?? origin.staffId,
          note: purchase.kind === 'renewal' ? 'Auto Renew Credits' : 'Credits bought', at: now,
        }]);
        grantedNow = true;
      }
      const stored = await tx.billing.purchase(purchase.purchaseId);
      if (stored === null) throw new Error('A purchase was not saved');
      return { stored, granted: grantedNow };
    });
    if (granted) {
      this.deps.audit({ staffId: null, action: 'billing.granted', detail: JSON.stringify({ purchaseId: stored.purchaseId, credits: stored.credits, kind: stored.kind }) });
      this.deps.changed();
    }
    return stored;
  }
}
