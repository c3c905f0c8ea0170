import type { QueryClient } from '@tanstack/react-query';
import type { RegistrationView } from '../../../shared/contract';
import { QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

export const carrierKeys = { status: [QueryScope.carrier, 'status'] as const, registration: [QueryScope.carrier, 'registration'] as const };

export const useCarrierStatus = () => useChannelQuery('carrier.status', carrierKeys.status);
export const useRegistration = () => useChannelQuery('registration.get', carrierKeys.registration);

// A refused call can still change state (a failed connection test is recorded): refresh either way.
const carrierChange = { refresh: [[QueryScope.carrier], [QueryScope.audit]], after: 'settled' } as const;

/** Registration calls answer with the new view: put it straight into the cache. */
const registrationChange = {
  onSuccess: (view: RegistrationView, client: QueryClient) => client.setQueryData(carrierKeys.registration, view),
  refresh: [[QueryScope.audit]],
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
