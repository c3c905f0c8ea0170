import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageOptions } from '../../../shared/sms/message-options';
import { bridge, unwrap } from './bridge';

const key = ['messageOptions'] as const;

export const useMessageOptions = () => useQuery({ queryKey: key, queryFn: () => unwrap(bridge().call['messageOptions.get']()) });

export function useSaveMessageOptions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (options: MessageOptions) => unwrap(bridge().call['messageOptions.update'](options)),
    onSuccess: (saved) => {
      client.setQueryData(key, saved);
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
