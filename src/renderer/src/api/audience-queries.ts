import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataArea, type ChannelInput } from '../../../shared/contract';
import { creditKeys } from './credits-queries';
import { channelQuery, QueryScope, useChannelMutation, useChannelQuery } from './use-channel';
import { useSettled } from './use-settled';

/** Under the estimate's scope: a send's progress must not re-run it, a new send refreshes it. */
const preflightQuery = (input: ChannelInput<'audiences.preflight'>) => channelQuery('audiences.preflight', [QueryScope.sendEstimate, 'audience', input], input);

const PREFLIGHT_DELAY_MS = 300;

/** Main's per-recipient preflight while typing (`data`), and `current()` for exactly what is on screen. */
export function useAudiencePreflight(input: ChannelInput<'audiences.preflight'>, enabled: boolean) {
  const client = useQueryClient();
  const settled = useSettled(input, PREFLIGHT_DELAY_MS);
  const query = useQuery({ ...preflightQuery(settled), placeholderData: keepPreviousData, enabled });
  return { data: enabled ? query.data : undefined, isFetching: query.isFetching, current: () => client.fetchQuery(preflightQuery(input)) };
}

/** Under the contacts area: a change to classes, tags or families (an import, an edit) refreshes the pickers. */
export const audienceKeys = { choices: [DataArea.contacts, 'audience-choices'] as const };
export const useAudienceChoices = () => useChannelQuery('audiences.choices', audienceKeys.choices);

const sendChange = { refresh: [[DataArea.sends], [QueryScope.sendEstimate], creditKeys.balance, [QueryScope.audit]] };
export const useAudienceSend = () => useChannelMutation('audiences.send', sendChange);
export const useSaveAudience = () => useChannelMutation('audiences.save', { refresh: [audienceKeys.choices] });

export const templateKeys = { list: [QueryScope.templates] as const };
export const useTemplates = () => useChannelQuery('templates.list', templateKeys.list);
export const useSaveTemplate = () => useChannelMutation('templates.save', { refresh: [templateKeys.list] });
export const useRemoveTemplate = () => useChannelMutation('templates.remove', { refresh: [templateKeys.list] });

export const policyKeys = { policy: [QueryScope.policy] as const };
export const usePolicy = () => useChannelQuery('policy.get', policyKeys.policy);
export const useSavePolicy = () => useChannelMutation('policy.save', { refresh: [policyKeys.policy] });

/** The family policy for the website, asked for only when an admin opens it. */
export const usePolicyExport = (enabled: boolean) => useChannelQuery('policy.export', [QueryScope.policy, 'export'], undefined, { enabled });
