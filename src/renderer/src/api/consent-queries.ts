import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bridge, unwrap } from './bridge';
import { creditKeys } from './credits-queries';

/** Under 'consent': main's data.changed with `areas: ['consent']` (e.g. a carrier opt-out) refreshes them. */
export const consentKeys = {
  list: (search: string, offset: number) => ['consent', 'list', search, offset] as const,
  history: (phone: string) => ['consent', 'history', phone] as const,
};

export const useConsentList = (search: string, offset: number) =>
  useQuery({
    queryKey: consentKeys.list(search, offset),
    queryFn: () => unwrap(bridge().call['consent.list']({ search, offset })),
    placeholderData: keepPreviousData,
  });

export const useConsentHistory = (phone: string) =>
  useQuery({ queryKey: consentKeys.history(phone), queryFn: () => unwrap(bridge().call['consent.history']({ phone })) });

function useConsentMutation<O>(run: (phone: string) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['consent'] });
      // An opt-in queues the signup message; an opt-out cancels and refunds waiting texts.
      void client.invalidateQueries({ queryKey: ['sends'] });
      void client.invalidateQueries({ queryKey: ['send-estimate'] });
      void client.invalidateQueries({ queryKey: creditKeys.balance });
    },
  });
}

export const useOptIn = () => useConsentMutation((phone) => unwrap(bridge().call['consent.optIn']({ phone })));
export const useOptOut = () => useConsentMutation((phone) => unwrap(bridge().call['consent.optOut']({ phone })));
