import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { billingKeys } from './billing-queries';
import { channelQuery, useChannelMutation, useChannelQuery } from './use-channel';
import { useSettled } from './use-settled';

/**
 * Under `sends`: Autopilot's runs queue sends, and main announces a run or a pause as a change to
 * sends (and credits), so these lists refresh by themselves as workflows fire.
 */
export const autopilotKeys = {
  all: [DataArea.sends, 'autopilot'] as const,
  list: [DataArea.sends, 'autopilot', 'list'] as const,
  runs: (id: number) => [DataArea.sends, 'autopilot', 'runs', id] as const,
};

export const useWorkflows = () => useChannelQuery('autopilot.list', autopilotKeys.list);
export const useWorkflowRuns = (id: number) => useChannelQuery('autopilot.runs', autopilotKeys.runs(id), { id });

const PREVIEW_DELAY_MS = 400;

/** The next 10 runs of what is being edited, asked again a moment after typing stops. */
export function useWorkflowPreview(input: ChannelInput<'autopilot.preview'>, enabled: boolean) {
  const settled = useSettled(input, PREVIEW_DELAY_MS);
  return useQuery({ ...channelQuery('autopilot.preview', [DataArea.sends, 'autopilot', 'preview', settled], settled), placeholderData: keepPreviousData, enabled });
}

const changes = { refresh: [autopilotKeys.all, billingKeys.notices] };
export const useSaveWorkflow = () => useChannelMutation('autopilot.save', changes);
export const useSetWorkflowEnabled = () => useChannelMutation('autopilot.setEnabled', changes);
export const useRemoveWorkflow = () => useChannelMutation('autopilot.remove', changes);
