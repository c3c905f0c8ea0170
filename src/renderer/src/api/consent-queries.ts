import { keepPreviousData } from '@tanstack/react-query';
import { DataArea } from '../../../shared/contract';
import { creditKeys } from './credits-queries';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

/** Under the consent area: main's data.changed for it (e.g. a carrier opt-out) refreshes them. */
export const consentKeys = {
  list: (search: string, offset: number) => [DataArea.consent, 'list', search, offset] as const,
  history: (phone: string) => [DataArea.consent, 'history', phone] as const,
};

export const useConsentList = (search: string, offset: number) =>
  useChannelQuery('consent.list', consentKeys.list(search, offset), { search, offset }, { placeholderData: keepPreviousData });

export const useConsentHistory = (phone: string) => useChannelQuery('consent.history', consentKeys.history(phone), { phone });

// An opt-in queues the signup message; an opt-out cancels and refunds waiting texts.
const consentChange = {
  input: (phone: string) => ({ phone }),
  refresh: [[DataArea.consent], [DataArea.sends], [QueryScope.sendEstimate], creditKeys.balance],
};

export const useOptIn = () => useChannelMutation('consent.optIn', consentChange);
export const useOptOut = () => useChannelMutation('consent.optOut', consentChange);
