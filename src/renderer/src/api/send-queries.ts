import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { creditKeys } from './credits-queries';
import { useRefreshingMutation } from './refreshing-mutation';
import { useSettled } from './use-settled';

/**
 * Start with the sends area on purpose: main's `data.changed` for it invalidates
 * every key under it, so the progress of a send follows the outbox with no extra wiring.
 */
export const sendKeys = {
  recent: [DataArea.sends, 'recent'] as const,
  status: [DataArea.sends, 'status'] as const,
};

/**
 * Deliberately NOT under the sends area: a send in progress changes the outbox several times a second
 * and must not re-run the estimate of a long list each time. The balance beside it is live.
 */
const estimateKey = (input: ChannelInput<'sends.estimate'>) => ['send-estimate', input] as const;

const ESTIMATE_DELAY_MS = 250;

const estimateQuery = (input: ChannelInput<'sends.estimate'>) => ({
  queryKey: estimateKey(input),
  queryFn: () => unwrap(bridge().call['sends.estimate'](input)),
});

/**
 * Main's answer to "who would this reach and what would it cost": the figures shown while typing
 * (`data`, which may lag a keystroke behind) and `current()`, the answer for exactly what is on
 * screen, to check before anything is sent.
 */
export function useSendEstimate(input: ChannelInput<'sends.estimate'>) {
  const client = useQueryClient();
  const settled = useSettled(input, ESTIMATE_DELAY_MS);
  // Keep the last figures on screen while the next ones are worked out: no flicker while typing.
  const query = useQuery({ ...estimateQuery(settled), placeholderData: keepPreviousData });
  return { data: query.data, current: () => client.fetchQuery(estimateQuery(input)) };
}

export const useRecentSends = () => useQuery({ queryKey: sendKeys.recent, queryFn: () => unwrap(bridge().call['sends.list']({ limit: 20 })) });

export const useSendingStatus = () =>
  // A pause ends by itself (offline → online): look again now and then even without a change event.
  useQuery({ queryKey: sendKeys.status, queryFn: () => unwrap(bridge().call['sends.status']()), refetchInterval: 5_000 });

const useSendMutation = <I, O>(run: (input: I) => Promise<O>) => useRefreshingMutation(run, [[DataArea.sends], ['send-estimate'], creditKeys.balance, ['audit']]);

export const useCreateSend = () => useSendMutation((input: ChannelInput<'sends.create'>) => unwrap(bridge().call['sends.create'](input)));
export const useRetryFailed = () => useSendMutation((batchId: number) => unwrap(bridge().call['sends.retryFailed']({ batchId })));
export const useSendFailures = (batchId: number) =>
  useQuery({ queryKey: [DataArea.sends, 'failures', batchId], queryFn: () => unwrap(bridge().call['sends.failures']({ batchId })) });
export const useCancelSend = () => useSendMutation((batchId: number) => unwrap(bridge().call['sends.cancel']({ batchId })));

export const useDraft = () => useQuery({ queryKey: ['draft'], queryFn: () => unwrap(bridge().call['drafts.get']()), staleTime: Infinity, gcTime: 0 });
export const useSaveDraft = () => useMutation({ mutationFn: (draft: ChannelInput<'drafts.save'>) => unwrap(bridge().call['drafts.save'](draft)) });
