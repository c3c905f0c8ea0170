import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { billingKeys } from './billing-queries';
import { channelQuery, useChannelMutation, useChannelQuery } from './use-channel';
import { useSettled } from './use-settled';

/**
 * Under the `autopilot` area: main announces a saved, switched or removed workflow, a run fired,
 * skipped or a pause with it, so these refresh by themselves as workflows fire, and a send's
 * progress (the `sends` area) does not re-read them.
 */
export const autopilotKeys = {
  all: [DataArea.autopilot] as const,
  list: [DataArea.autopilot, 'list'] as const,
  runs: (id: number) => [DataArea.autopilot, 'runs', id] as const,
  preview: (input: ChannelInput<'autopilot.preview'>) => [DataArea.autopilot, 'preview', input] as const,
};

export const useWorkflows = () => useChannelQuery('autopilot.list', autopilotKeys.list);
export const useWorkflowRuns = (id: number) => useChannelQuery('autopilot.runs', autopilotKeys.runs(id), { id });

const PREVIEW_DELAY_MS = 400;

/** The next 10 runs of what is being edited, asked again a moment after typing stops. */
export function useWorkflowPreview(input: ChannelInput<'autopilot.preview'>, enabled: boolean) {
  const settled = useSettled(input, PREVIEW_DELAY_MS);
  return useQuery({ ...channelQuery('autopilot.preview', autopilotKeys.preview(settled), settled), placeholderData: keepPreviousData, enabled });
}

const changes = { refresh: [autopilotKeys.all, billingKeys.notices] };
export const useSaveWorkflow = () => useChannelMutation('autopilot.save', changes);
export const useSetWorkflowEnabled = () => useChannelMutation('autopilot.setEnabled', changes);
export const useRemoveWorkflow = () => useChannelMutation('autopilot.remove', changes);
