import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataArea } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { creditKeys } from './credits-queries';
import { useRefreshingMutation } from './refreshing-mutation';

/** Under the consent area: main's data.changed for it (e.g. a carrier opt-out) refreshes them. */
export const consentKeys = {
  list: (search: string, offset: number) => [DataArea.consent, 'list', search, offset] as const,
  history: (phone: string) => [DataArea.consent, 'history', phone] as const,
};

export const useConsentList = (search: string, offset: number) =>
  useQuery({
    queryKey: consentKeys.list(search, offset),
    queryFn: () => unwrap(bridge().call['consent.list']({ search, offset })),
    placeholderData: keepPreviousData,
  });

export const useConsentHistory = (phone: string) =>
  useQuery({ queryKey: consentKeys.history(phone), queryFn: () => unwrap(bridge().call['consent.history']({ phone })) });

// An opt-in queues the signup message; an opt-out cancels and refunds waiting texts.
const useConsentMutation = <O>(run: (phone: string) => Promise<O>) => useRefreshingMutation(run, [[DataArea.consent], [DataArea.sends], ['send-estimate'], creditKeys.balance]);

export const useOptIn = () => useConsentMutation((phone) => unwrap(bridge().call['consent.optIn']({ phone })));
export const useOptOut = () => useConsentMutation((phone) => unwrap(bridge().call['consent.optOut']({ phone })));
