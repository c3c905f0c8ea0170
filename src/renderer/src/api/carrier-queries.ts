import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, RegistrationView } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { useRefreshingMutation } from './refreshing-mutation';

export const carrierKeys = { status: ['carrier', 'status'] as const, registration: ['carrier', 'registration'] as const };

export const useCarrierStatus = () => useQuery({ queryKey: carrierKeys.status, queryFn: () => unwrap(bridge().call['carrier.status']()) });
export const useRegistration = () =>
  useQuery({ queryKey: carrierKeys.registration, queryFn: () => unwrap(bridge().call['registration.get']()) });

const useCarrierMutation = <I, O>(run: (input: I) => Promise<O>) => useRefreshingMutation(run, [['carrier'], ['audit']], 'settled');

/** Registration calls answer with the new view: put it straight into the cache. */
function useRegistrationMutation<I>(run: (input: I) => Promise<RegistrationView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (view) => client.setQueryData(carrierKeys.registration, view),
    onSettled: () => void client.invalidateQueries({ queryKey: ['audit'] }),
  });
}

export const useSetCredentials = () =>
  useCarrierMutation((input: ChannelInput<'carrier.setCredentials'>) => unwrap(bridge().call['carrier.setCredentials'](input)));
export const useClearCredentials = () => useCarrierMutation(() => unwrap(bridge().call['carrier.clearCredentials']()));
export const useTestConnection = () => useCarrierMutation(() => unwrap(bridge().call['carrier.testConnection']()));
export const useSetMode = () => useCarrierMutation((input: ChannelInput<'carrier.setMode'>) => unwrap(bridge().call['carrier.setMode'](input)));

export const useSubmitBrand = () =>
  useRegistrationMutation((input: ChannelInput<'registration.submitBrand'>) => unwrap(bridge().call['registration.submitBrand'](input)));
export const useRefreshRegistration = () => useRegistrationMutation(() => unwrap(bridge().call['registration.refresh']()));
export const useResetBrand = () => useRegistrationMutation(() => unwrap(bridge().call['registration.resetBrand']()));
export const useRegisterPhone = () =>
  useRegistrationMutation((input: ChannelInput<'registration.registerPhoneNumber'>) => unwrap(bridge().call['registration.registerPhoneNumber'](input)));
