import { useMutation, useQuery, useQueryClient, useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput, SessionState } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';
import { useRefreshingMutation } from './refreshing-mutation';

export const keys = {
  status: ['app', 'status'] as const,
  session: ['session'] as const,
  directory: ['staff', 'directory'] as const,
  staff: ['staff', 'list'] as const,
  security: ['security'] as const,
  audit: ['audit'] as const,
};

export const useAppStatus = () => useQuery({ queryKey: keys.status, queryFn: () => unwrap(bridge().call['app.status']()) });
export const useSession = () => useQuery({ queryKey: keys.session, queryFn: () => unwrap(bridge().call['session.current']()) });
export const useStaffDirectory = () =>
  useQuery({ queryKey: keys.directory, queryFn: () => unwrap(bridge().call['staff.directory']()) });
export const useStaffList = () => useQuery({ queryKey: keys.staff, queryFn: () => unwrap(bridge().call['staff.list']()) });
export const useSecuritySettings = () =>
  useQuery({ queryKey: keys.security, queryFn: () => unwrap(bridge().call['security.getSettings']()) });

export const useAuditLog = () =>
  useInfiniteQuery({
    queryKey: keys.audit,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(bridge().call['audit.list']({ beforeId: pageParam, limit: 50 })),
    getNextPageParam: (page) => (page.length === 50 ? page[page.length - 1]?.id : undefined),
  });

/** Session-changing calls: the answer is the new session state, so write it straight into the cache. */
function useSessionMutation<I>(run: (input: I) => Promise<SessionState>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (state) => {
      client.setQueryData(keys.session, state);
      void client.invalidateQueries({ queryKey: keys.status });
      void client.invalidateQueries({ queryKey: keys.directory });
    },
  });
}

export const useCreateFirstAdmin = () =>
  useSessionMutation((input: ChannelInput<'session.createFirstAdmin'>) => unwrap(bridge().call['session.createFirstAdmin'](input)));
export const useSignIn = () =>
  useSessionMutation((input: ChannelInput<'session.signIn'>) => unwrap(bridge().call['session.signIn'](input)));
export const useUnlock = () =>
  useSessionMutation((input: ChannelInput<'session.unlock'>) => unwrap(bridge().call['session.unlock'](input)));
export const useSignOut = () => useSessionMutation(() => unwrap(bridge().call['session.signOut']()));
export const useLock = () => useSessionMutation(() => unwrap(bridge().call['session.lock']()));

const useAdminMutation = <I, O>(run: (input: I) => Promise<O>) => useRefreshingMutation(run, [['staff'], keys.security, keys.audit]);

export const useCreateStaff = () =>
  useAdminMutation((input: ChannelInput<'staff.create'>) => unwrap(bridge().call['staff.create'](input)));
export const useUpdateStaff = () =>
  useAdminMutation((input: ChannelInput<'staff.update'>) => unwrap(bridge().call['staff.update'](input)));
export const useResetSecret = () =>
  useAdminMutation((input: ChannelInput<'staff.resetSecret'>) => unwrap(bridge().call['staff.resetSecret'](input)));
export const useUpdateSecurity = () =>
  useAdminMutation((input: ChannelInput<'security.updateSettings'>) => unwrap(bridge().call['security.updateSettings'](input)));

/** Main's pushes become cache updates and invalidations; components never listen to the bridge. */
export function connectEvents(client: QueryClient): () => void {
  const offSession = bridge().on('session.changed', (state) => {
    client.setQueryData(keys.session, state);
    if (!state.staff) client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'app' });
  });
  const offData = bridge().on('data.changed', ({ areas }) => {
    for (const area of areas) void client.invalidateQueries({ queryKey: [area] });
  });
  return () => {
    offSession();
    offData();
  };
}
