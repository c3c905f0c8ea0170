import type { QueryClient } from '@tanstack/react-query';
import type { RegistrationView } from '../../../shared/contract';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

export const carrierKeys = { status: [QueryScope.carrier, 'status'] as const, registration: [QueryScope.carrier, 'registration'] as const };

export const useCarrierStatus = () => useChannelQuery('carrier.status', carrierKeys.status);
/** While anything is in review, read the registration again every few seconds so the screen follows it by itself. */
export const REGISTRATION_POLL_MS = 5_000;
export const registrationInProcess = (view: RegistrationView | undefined): boolean =>
  view?.supported === true &&
  (view.brand.state === 'in_process' || view.campaign.state === 'in_process' || view.phone.state === 'in_process');
export const useRegistration = () =>
  useChannelQuery('registration.get', carrierKeys.registration, undefined, {
    refetchInterval: (query) => (registrationInProcess(query.state.data) ? REGISTRATION_POLL_MS : false),
  });
export const useUseCases = (enabled: boolean) =>
  useChannelQuery('registration.useCases', [QueryScope.carrier, 'use-cases'], undefined, { enabled, staleTime: 60_000 });
export const useCampaignDefaults = (enabled: boolean) =>
  useChannelQuery('registration.campaignDefaults', [QueryScope.carrier, 'campaign-defaults'], undefined, { enabled, staleTime: Infinity });
/** Anyone who can compose sees why texts cannot go yet; it follows registration changes. */
export const useSendingReadiness = () =>
  useChannelQuery('registration.sendingReadiness', [QueryScope.carrier, 'sending-readiness'], undefined, {
    refetchInterval: (query) => (query.state.data?.ready === false ? REGISTRATION_POLL_MS * 2 : false),
  });

// A refused call can still change state (a failed connection test is recorded): refresh either way.
const carrierChange = { refresh: [[QueryScope.carrier], [QueryScope.audit]], after: 'settled' } as const;

/** Registration calls answer with the new view: put it straight into the cache. */
const registrationChange = {
  onSuccess: (view: RegistrationView, client: QueryClient) => client.setQueryData(carrierKeys.registration, view),
  refresh: [[QueryScope.audit], [QueryScope.carrier, 'sending-readiness']],
  after: 'settled',
} as const;

export const useSetCredentials = () => useChannelMutation('carrier.setCredentials', carrierChange);
export const useClearCredentials = () => useChannelMutation('carrier.clearCredentials', carrierChange);
export const useTestConnection = () => useChannelMutation('carrier.testConnection', carrierChange);
export const useSetMode = () => useChannelMutation('carrier.setMode', carrierChange);

export const useSubmitBrand = () => useChannelMutation('registration.submitBrand', registrationChange);
export const useRefreshRegistration = () => useChannelMutation('registration.refresh', registrationChange);
export const useResetBrand = () => useChannelMutation('registration.resetBrand', registrationChange);
export const useRegisterPhone = () => useChannelMutation('registration.registerPhoneNumber', registrationChange);
export const useSubmitCampaign = () => useChannelMutation('registration.submitCampaign', registrationChange);
export const useSetAccountModel = () => useChannelMutation('registration.setAccountModel', registrationChange);
export const useAdoptRegistration = () => useChannelMutation('registration.adopt', registrationChange);
/** A look at the account, not a change: a mutation so it runs only when the admin asks. */
export const useFindExisting = () => useChannelMutation('registration.findExisting');
