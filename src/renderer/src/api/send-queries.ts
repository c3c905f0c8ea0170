import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { creditKeys } from './credits-queries';
import { channelQuery, QueryScope, useChannelMutation, useChannelQuery } from './use-channel';
import { useSettled } from './use-settled';

/**
 * Start with the sends area on purpose: main's `data.changed` for it invalidates
 * every key under it, so the progress of a send follows the outbox with no extra wiring.
 */
export const sendKeys = {
  recent: [DataArea.sends, 'recent'] as const,
  status: [DataArea.sends, 'status'] as const,
  failures: (batchId: number) => [DataArea.sends, 'failures', batchId] as const,
};

/**
 * Whether a change to these sends (main's data.changed naming them) concerns a query under the
 * sends area: a send's failures only when it is named; the recent sends, the engine's status and
 * the reports always, since they show every send's progress.
 */
export function concernsSends(key: readonly unknown[], batchIds: readonly number[]): boolean {
  return key[1] !== 'failures' || batchIds.includes(key[2] as number);
}

/**
 * Deliberately NOT under the sends area: a send in progress changes the outbox several times a second
 * and must not re-run the estimate of a long list each time. The balance beside it is live.
 */
const estimateQuery = (input: ChannelInput<'sends.estimate'>) => channelQuery('sends.estimate', [QueryScope.sendEstimate, input], input);

const ESTIMATE_DELAY_MS = 250;

/**
 * Main's answer to "who would this reach and what would it cost": the figures shown while typing
 * (`data`, which may lag a keystroke behind) and `current()`, the answer for exactly what is on
 * screen, to check before anything is sent.
 */
export function useSendEstimate(input: ChannelInput<'sends.estimate'>, enabled = true) {
  const client = useQueryClient();
  const settled = useSettled(input, ESTIMATE_DELAY_MS);
  // Keep the last figures on screen while the next ones are worked out: no flicker while typing.
  const query = useQuery({ ...estimateQuery(settled), placeholderData: keepPreviousData, enabled });
  return { data: query.data, current: () => client.fetchQuery(estimateQuery(input)) };
}

export const useRecentSends = () => useChannelQuery('sends.list', sendKeys.recent, { limit: 20 });

// A pause ends by itself (offline → online): look again now and then even without a change event.
export const useSendingStatus = () => useChannelQuery('sends.status', sendKeys.status, undefined, { refetchInterval: 5_000 });

export const useSendFailures = (batchId: number) => useChannelQuery('sends.failures', sendKeys.failures(batchId), { batchId });

const sendChange = { refresh: [[DataArea.sends], [QueryScope.sendEstimate], creditKeys.balance, [QueryScope.audit]] };
const byBatch = (batchId: number) => ({ batchId });

export const useCreateSend = () => useChannelMutation('sends.create', sendChange);
export const useRetryFailed = () => useChannelMutation('sends.retryFailed', { ...sendChange, input: byBatch });
export const useCancelSend = () => useChannelMutation('sends.cancel', { ...sendChange, input: byBatch });

export const useDraft = () => useChannelQuery('drafts.get', [QueryScope.draft], undefined, { staleTime: Infinity, gcTime: 0 });
export const useSaveDraft = () => useChannelMutation('drafts.save');
