import { DEFAULT_LOW_BALANCE_THRESHOLD, type AutoRenewView, type Mode } from '../../../shared/contract';
import { formatMoney } from '../../../shared/billing/rates';
import { formatCredits } from '../../../shared/credits/credits';
import type { Clock } from '../ports/clock';
import type { AutoRenewState, Purchase } from '../ports/payment-gateway';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { AutoRenewRecord } from '../ports/stores/billing-store';
import { askBilling, type GatewayFor } from './gateways';
import type { PurchaseService } from './purchases';

export interface AutoRenewDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  gatewayFor: GatewayFor;
  purchases: PurchaseService;
  audit(entry: { staffId: string | null; action: string; detail: string }): void;
  /** Notices or the auto-renew state changed: admins' screens refresh. */
  changed(): void;
  logError(message: string, error: unknown): void;
}

const OFF: AutoRenewView = { status: 'off', thresholdCredits: null, packCredits: null, card: null, reason: null };

export const view = (r: AutoRenewRecord | null): AutoRenewView =>
  r === null ? OFF : { status: r.status, thresholdCredits: r.thresholdCredits, packCredits: r.packCredits, card: r.card, reason: r.reason };

/** Under this many credits the app frame and Compose warn: the auto-renew threshold, or a default. */
export function lowBalanceThreshold(record: AutoRenewRecord | null): number {
  return record !== null && record.status !== 'off' && record.thresholdCredits !== null ? record.thresholdCredits : DEFAULT_LOW_BALANCE_THRESHOLD;
}

/**
 * Auto Renew Credits. When a send's hold takes the available balance under the threshold, the
 * desk asks the billing service for ONE off-session charge, named by the crossing: the ledger
 * position where the balance was first seen under the threshold, and when auto-renew was last
 * turned on. The key is written down (claimed) before the call, so a second check, a second
 * desk or a restart never asks twice for one crossing; a declined card turns auto-renew off
 * until an admin acts, and is never retried.
 */
export class AutoRenewer {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: AutoRenewDeps) {}

  async state(): Promise<AutoRenewView> {
    return view(await this.deps.storage.billing.autoRenew(this.deps.settings.read().mode));
  }

  /** Saves the settings with the service and returns the page where an admin saves a card. */
  async set(thresholdCredits: number, packCredits: number): Promise<{ setupUrl: string; autoRenew: AutoRenewView }> {
    const { mode, country } = this.deps.settings.read();
    const gateway = await askBilling(() => this.deps.gatewayFor(mode));
    const { setupUrl } = await askBilling(() => gateway.startAutoRenewSetup({ thresholdCredits, packCredits, country }));
    const state = await askBilling(() => gateway.autoRenew());
    const record = await this.save(mode, state, true);
    return { setupUrl, autoRenew: view(record) };
  }

  /** Asks the service for the state (the card saved on the setup page, a decline elsewhere). */
  async refresh(): Promise<AutoRenewView> {
    const mode = this.deps.settings.read().mode;
    const gateway = await askBilling(() => this.deps.gatewayFor(mode));
    const record = await this.save(mode, await askBilling(() => gateway.autoRenew()), false);
    this.check();
    return view(record);
  }

  async clear(): Promise<AutoRenewView> {
    const mode = this.deps.settings.read().mode;
    const gateway = await askBilling(() => this.deps.gatewayFor(mode));
    await askBilling(() => gateway.clearAutoRenew());
    return view(await this.save(mode, { ...OFF }, false));
  }

  /** Looks at the balance soon; calls made while one runs fold into one more run after it. */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.checkOnce();
        } catch (error) {
          this.deps.logError('auto-renew could not check the balance', error);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Start-up: a renewal asked for just before the desk stopped is asked again, with the same key (never a second charge). */
  async resume(mode: Mode): Promise<void> {
    for (const key of await this.deps.storage.billing.unansweredRenewals(mode)) await this.ask(mode, key);
  }

  private async save(mode: Mode, state: AutoRenewState, arming: boolean): Promise<AutoRenewRecord> {
    const now = this.deps.clock.now();
    const before = await this.deps.storage.billing.autoRenew(mode);
    // Turning on (again) starts a new generation of crossing keys: a crossing already declined gets a fresh try.
    const newlyOn = state.status === 'on' && before?.status !== 'on';
    const record: AutoRenewRecord = {
      mode,
      status: state.status,
      thresholdCredits: state.thresholdCredits,
      packCredits: state.packCredits,
      card: state.card,
      reason: state.reason,
      armedAt: arming || newlyOn ? now : (before?.armedAt ?? 0),
      crossingKey: arming || newlyOn ? null : (before?.crossingKey ?? null),
    };
    await this.deps.storage.billing.saveAutoRenew(record, now);
    if (before?.status !== record.status) this.deps.changed();
    return record;
  }

  private async checkOnce(): Promise<void> {
    const mode = this.deps.settings.read().mode;
    const billing = this.deps.storage.billing;
    const record = await billing.autoRenew(mode);
    if (record === null || record.status !== 'on' || record.thresholdCredits === null) return;
    const available = await this.deps.storage.ledger.available(mode);
    if (available >= record.thresholdCredits) {
      if (record.crossingKey !== null) await billing.setCrossing(mode, null, this.deps.clock.now());
      return;
    }
    let key = record.crossingKey;
    if (key === null) {
      key = `renew_${mode}_${await billing.ledgerPosition(mode)}_${record.armedAt}`;
      await billing.setCrossing(mode, key, this.deps.clock.now());
    }
    // Already asked for this crossing: a read, so a long send under the threshold writes nothing more.
    if ((await billing.renewalOutcome(key)) !== null) return;
    if (!(await billing.claimRenewal(key, mode, this.deps.clock.now()))) return;
    await this.ask(mode, key);
  }

  private async ask(mode: Mode, key: string): Promise<void> {
    const billing = this.deps.storage.billing;
    let purchase: Purchase;
    try {
      const gateway = await this.deps.gatewayFor(mode);
      purchase = await gateway.renew(key);
    } catch (error) {
      await billing.finishRenewal(key, 'failed', null, this.deps.clock.now());
      await this.notice(mode, 'problem', 'Credits could not be renewed automatically: the billing service could not be reached. Nothing was charged. You can buy credits on the Credits screen.');
      this.deps.logError('an automatic renewal could not be asked for', error);
      return;
    }
    await this.deps.purchases.apply(mode, purchase, { staffId: null, renewalKey: key });
    const now = this.deps.clock.now();
    if (purchase.status === 'paid') {
      await billing.finishRenewal(key, 'paid', purchase.purchaseId, now);
      await this.notice(mode, 'info', `Auto Renew Credits added ${formatCredits(purchase.credits)} (charged ${formatMoney(purchase.total)}).`);
    } else if (purchase.status === 'declined' || purchase.status === 'expired') {
      await billing.finishRenewal(key, 'declined', purchase.purchaseId, now);
      const before = await billing.autoRenew(mode);
      const reason = purchase.failure ?? 'The saved card was declined.';
      if (before !== null) await billing.saveAutoRenew({ ...before, status: 'disabled', reason }, now);
      const charged = /nothing was charged/i.test(reason) ? '' : ' Nothing was charged.';
      await this.notice(mode, 'problem', `${reason}${charged} No credits were added. Auto Renew Credits is off until an admin saves a card again.`);
    } else {
      // Still open: start-up recovery and the Credits screen pick up its outcome.
      await billing.finishRenewal(key, 'asked', purchase.purchaseId, now);
    }
    this.deps.audit({ staffId: null, action: 'billing.renewal', detail: JSON.stringify({ purchaseId: purchase.purchaseId, status: purchase.status, credits: purchase.credits }) });
  }

  private async notice(mode: Mode, tone: 'info' | 'problem', message: string): Promise<void> {
    await this.deps.storage.billing.addNotice(mode, tone, message, this.deps.clock.now());
    this.deps.changed();
  }
}
