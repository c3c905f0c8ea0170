import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';

/**
 * Starts with the credits area on purpose: connectEvents invalidates `[area]` for every
 * data.changed area, so main's change event for credits refreshes the balance with no extra wiring.
 */
export const creditKeys = { balance: [DataArea.credits, 'balance'] as const };

export const useCreditBalance = () => useQuery({ queryKey: creditKeys.balance, queryFn: () => unwrap(bridge().call['credits.balance']()) });

export function useAdjustCredits() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'credits.adjust'>) => unwrap(bridge().call['credits.adjust'](input)),
    onSuccess: (balance) => {
      // Show the answer at once, then refetch: a queued send may have moved the holds meanwhile.
      client.setQueryData(creditKeys.balance, balance);
      void client.invalidateQueries({ queryKey: creditKeys.balance });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
