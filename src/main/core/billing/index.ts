import { AppError, type billingChannels, type Mode } from '../../../shared/contract';
import { rateFor, CREDIT_PACKS, quote, SUPPORT_EMAIL } from '../../../shared/billing/rates';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller, Handlers } from '../router';
import { AutoRenewer, lowBalanceThreshold, view } from './auto-renew';
import type { GatewayFor } from './gateways';
import { LedgerHistory } from './history';
import { PurchaseService } from './purchases';

export { PurchaseService, toView as purchaseView } from './purchases';
export { AutoRenewer } from './auto-renew';

export interface BillingModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  gatewayFor: GatewayFor;
  /** Whether live mode has a billing service set up (Sandbox always has one). */
  billingReady(mode: Mode): boolean;
  /** The carrier account's own balance (Twilio `balance.fetch()`), for a business on its own account. */
  carrierBalance(mode: Mode): Promise<{ amount: string; currency: string }>;
  /** Keeps the live billing token in the keychain. */
  saveBillingToken(token: string): Promise<void>;
  audit(entry: { staffId: string | null; action: string; detail: string }): void;
  /** Credits or billing state changed: screens refresh. */
  changed(): void;
  logError(message: string, error: unknown): void;
}

/** How often main asks about purchases still open, whether or not the Credits screen is shown. */
export const FOLLOW_OPEN_PURCHASES_MS = 30_000;

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** Buying credits, Auto Renew Credits, the ledger's history and the low-balance warning (issue 13, desk side). */
export function createBillingModule(deps: BillingModuleDeps) {
  const purchases = new PurchaseService(deps);
  const autoRenew = new AutoRenewer({ ...deps, purchases });
  const history = new LedgerHistory(deps.storage);
  const timeZone = () => deps.settings.read().messageOptions.availableHours.timeZone;
  const mode = () => deps.settings.read().mode;
  const requireBilling = () => {
    if (!deps.billingReady(mode())) {
      throw new AppError('FAILED_PRECONDITION', 'Buying credits is not set up on this computer yet. An admin can connect it in Settings → Credits.');
    }
  };

  const handlers: Pick<Handlers, keyof typeof billingChannels> = {
    'billing.overview': async () => {
      const { mode, country, accountModel } = deps.settings.read();
      const rate = rateFor(country);
      const record = await deps.storage.billing.autoRenew(mode);
      const available = await deps.storage.ledger.available(mode);
      const threshold = lowBalanceThreshold(record);
      return {
        mode,
        country,
        accountModel,
        rate: rate === null
          ? { kind: 'contactSupport' as const, supportEmail: SUPPORT_EMAIL }
          : {
              kind: 'priced' as const,
              perCredit: { minor: rate.perCreditMinor, currency: rate.currency },
              monthlyFee: rate.monthlyFeeMinor === null ? null : { minor: rate.monthlyFeeMinor, currency: rate.currency },
            },
        packs: [...CREDIT_PACKS],
        available,
        lowBalance: { low: available < threshold, threshold },
        autoRenew: view(record),
        billingReady: deps.billingReady(mode),
      };
    },
    'billing.quote': (input) => {
      const q = quote(deps.settings.read().country, input.credits);
      return q.kind === 'priced' ? q : { kind: 'contactSupport', credits: q.credits, supportEmail: SUPPORT_EMAIL };
    },
    'billing.createPurchase': (input, ctx) => {
      requireBilling();
      return purchases.create(input.credits, signedIn(ctx.caller).staffId);
    },
    'billing.purchase': (input) => purchases.refresh(input.purchaseId),
    'billing.purchases': () => purchases.recent(),
    'billing.history': async (input) => {
      const { lines, truncated } = await history.lines(mode(), input, timeZone());
      return { lines: lines.map((l) => ({ id: l.id, kind: l.kind, credits: l.credits, at: l.at, note: l.note, staffName: l.staffName })), truncated, timeZone: timeZone() };
    },
    'billing.exportHistory': (input) => history.csv(mode(), input, timeZone()),
    'billing.setAutoRenew': (input) => {
      requireBilling();
      return autoRenew.set(input.thresholdCredits, input.packCredits);
    },
    'billing.refreshAutoRenew': () => autoRenew.refresh(),
    'billing.clearAutoRenew': () => autoRenew.clear(),
    'billing.notices': () => deps.storage.billing.notices(mode()),
    'billing.dismissNotice': async (input, ctx) => {
      await deps.storage.billing.dismissNotice(mode(), input.id, signedIn(ctx.caller).staffId, deps.clock.now());
      deps.changed();
      return { ok: true as const };
    },
    'billing.setConnection': async (input) => {
      if (input.url !== null) deps.settings.update({ billingUrl: input.url });
      await deps.saveBillingToken(input.token);
      deps.changed();
      return { billingReady: deps.billingReady('live') };
    },
    'billing.twilioBalance': async () => {
      if (deps.settings.read().accountModel !== 'own_account') {
        throw new AppError('FAILED_PRECONDITION', 'This business buys credits from SMS Desk: there is no Twilio balance to show.');
      }
      try {
        return await deps.carrierBalance(mode());
      } catch (error) {
        if (error instanceof AppError) throw error;
        deps.logError('the Twilio balance could not be read', error);
        throw new AppError('CARRIER_ERROR', 'The Twilio balance could not be read just now. Please try again in a minute.');
      }
    },
    'billing.setCountry': (input) => {
      const { country } = deps.settings.update({ country: input.country });
      deps.changed();
      return { country };
    },
  };

  /**
   * Start-up: grants what was paid while the desk was closed, re-asks a renewal cut short, then
   * looks at the balance. A billing service that cannot be reached is tried again at the next start
   * and whenever the Credits screen asks.
   */
  const recover = async (): Promise<void> => {
    const current = mode();
    if (!deps.billingReady(current)) return;
    try {
      await purchases.recover(current);
      await autoRenew.resume(current);
    } catch (error) {
      deps.logError('paid purchases could not be recovered at start-up', error);
    }
    await autoRenew.check();
  };

  // Purchases still open are asked about in the background too, not only while the screen is shown.
  let follower: ReturnType<typeof setInterval> | null = null;
  let following: Promise<void> = Promise.resolve();
  const follow = () => {
    following = following
      .then(() => (deps.billingReady(mode()) ? purchases.followOpen() : undefined))
      .catch((error: unknown) => deps.logError('open purchases could not be checked', error));
    return following;
  };
  const startFollowing = (everyMs = FOLLOW_OPEN_PURCHASES_MS) => {
    follower ??= setInterval(() => void follow(), everyMs);
    follower.unref?.();
  };
  const stopFollowing = async () => {
    if (follower) clearInterval(follower);
    follower = null;
    await following;
  };

  return { handlers, purchases, autoRenew, recover, checkBalance: () => autoRenew.check(), follow, startFollowing, stopFollowing };
}
