import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * A call that changes data in main, after which every query under `refresh` is read again.
 * `settled` also refreshes after a failure, for calls whose refusal can still change state
 * (e.g. a failed connection test is recorded).
 */
export function useRefreshingMutation<I, O>(run: (input: I) => Promise<O>, refresh: readonly QueryKey[], after: 'success' | 'settled' = 'success') {
  const client = useQueryClient();
  const refreshAll = () => {
    for (const queryKey of refresh) void client.invalidateQueries({ queryKey });
  };
  return useMutation({ mutationFn: run, ...(after === 'success' ? { onSuccess: refreshAll } : { onSettled: refreshAll }) });
}
