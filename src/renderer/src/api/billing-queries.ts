import { DataArea, type ChannelInput } from '../../../shared/contract';
import { keys } from './queries';
import { creditKeys } from './credits-queries';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

/** Under the credits area: main's data.changed for credits (a grant, a send's hold) refreshes them all. */
export const billingKeys = {
  overview: [DataArea.credits, 'billing', 'overview'] as const,
  purchases: [DataArea.credits, 'billing', 'purchases'] as const,
  purchase: (purchaseId: string) => [DataArea.credits, 'billing', 'purchase', purchaseId] as const,
  history: (filter: ChannelInput<'billing.history'>) => [DataArea.credits, 'billing', 'history', filter] as const,
  notices: [DataArea.credits, 'billing', 'notices'] as const,
  quote: (credits: number) => [DataArea.credits, 'billing', 'quote', credits] as const,
};

/**
 * While a purchase is open the desk asks about it, gently: often while the person is likely paying,
 * then less and less (a page left open for hours expires by itself), and whenever the window comes back.
 */
export function purchasePollMs(createdAt: number, now = Date.now()): number {
  const age = now - createdAt;
  if (age < 2 * 60_000) return 4_000;
  if (age < 30 * 60_000) return 15_000;
  return 60_000;
}

export const useBillingOverview = () => useChannelQuery('billing.overview', billingKeys.overview);
export const useQuote = (credits: number | null) =>
  useChannelQuery('billing.quote', billingKeys.quote(credits ?? 0), { credits: credits ?? 0 }, { enabled: credits !== null });
export const useRecentPurchases = (enabled: boolean) => useChannelQuery('billing.purchases', billingKeys.purchases, undefined, { enabled });
export const usePurchase = (purchaseId: string) =>
  useChannelQuery('billing.purchase', billingKeys.purchase(purchaseId), { purchaseId }, {
    // A declined card may be followed by another card on the same page, so declined is followed too.
    refetchInterval: (query) => {
      const p = query.state.data;
      return p && (p.status === 'open' || p.status === 'declined') ? purchasePollMs(p.createdAt) : false;
    },
    refetchOnWindowFocus: true,
  });
export const useHistory = (filter: ChannelInput<'billing.history'>) => useChannelQuery('billing.history', billingKeys.history(filter), filter);
export const useTwilioBalance = (enabled: boolean) => useChannelQuery('billing.twilioBalance', [DataArea.credits, 'billing', 'twilio-balance'], undefined, { enabled });
export const useBillingNotices = (enabled: boolean) => useChannelQuery('billing.notices', billingKeys.notices, undefined, { enabled });

const everything = [[DataArea.credits], creditKeys.balance, [QueryScope.audit]] as const;
export const useCreatePurchase = () => useChannelMutation('billing.createPurchase', { refresh: everything });
export const useSetAutoRenew = () => useChannelMutation('billing.setAutoRenew', { refresh: everything });
export const useRefreshAutoRenew = () => useChannelMutation('billing.refreshAutoRenew', { refresh: everything });
export const useClearAutoRenew = () => useChannelMutation('billing.clearAutoRenew', { refresh: everything });
export const useDismissNotice = () => useChannelMutation('billing.dismissNotice', { refresh: everything });
export const useExportHistory = () => useChannelMutation('billing.exportHistory');
export const useSetCountry = () => useChannelMutation('billing.setCountry', { refresh: [...everything, keys.status, [QueryScope.carrier]] });
export const useSetBillingConnection = () => useChannelMutation('billing.setConnection', { refresh: everything });

/** Opens a payment page: Electron hands it to the system browser, browser mode opens a new tab. */
export function openPaymentPage(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}
