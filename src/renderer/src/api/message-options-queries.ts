import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

const key = [QueryScope.messageOptions] as const;

export const useMessageOptions = () => useChannelQuery('messageOptions.get', key);

export const useSaveMessageOptions = () =>
  useChannelMutation('messageOptions.update', {
    onSuccess: (saved, client) => client.setQueryData(key, saved),
    refresh: [[QueryScope.audit]],
  });
