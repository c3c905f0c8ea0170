import { DataArea } from '../../../shared/contract';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

/**
 * Starts with the credits area on purpose: connectEvents invalidates `[area]` for every
 * data.changed area, so main's change event for credits refreshes the balance with no extra wiring.
 */
export const creditKeys = { balance: [DataArea.credits, 'balance'] as const };

export const useCreditBalance = () => useChannelQuery('credits.balance', creditKeys.balance);

export const useAdjustCredits = () =>
  useChannelMutation('credits.adjust', {
    // Show the answer at once, then refetch: a queued send may have moved the holds meanwhile.
    onSuccess: (balance, client) => client.setQueryData(creditKeys.balance, balance),
    refresh: [creditKeys.balance, [QueryScope.audit]],
  });
