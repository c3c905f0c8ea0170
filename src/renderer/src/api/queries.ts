import { useInfiniteQuery, type QueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/contract';
import { callChannel, QueryScope, useChannelMutation, useChannelQuery } from './use-channel';

export const keys = {
  status: [QueryScope.app, 'status'] as const,
  session: [QueryScope.session] as const,
  directory: [QueryScope.staff, 'directory'] as const,
  staff: [QueryScope.staff, 'list'] as const,
  security: [QueryScope.security] as const,
  audit: [QueryScope.audit] as const,
};

export const useAppStatus = () => useChannelQuery('app.status', keys.status);
export const useSession = () => useChannelQuery('session.current', keys.session);
export const useStaffDirectory = () => useChannelQuery('staff.directory', keys.directory);
export const useStaffList = () => useChannelQuery('staff.list', keys.staff);
export const useSecuritySettings = () => useChannelQuery('security.getSettings', keys.security);

const AUDIT_PAGE = 50;

export const useAuditLog = (filter: { staffId?: string; action?: string } = {}) =>
  useInfiniteQuery({
    queryKey: [...keys.audit, filter.staffId ?? '', filter.action ?? ''],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => callChannel('audit.list', { beforeId: pageParam, limit: AUDIT_PAGE, ...filter }),
    getNextPageParam: (page) => (page.length === AUDIT_PAGE ? page[page.length - 1]?.id : undefined),
  });

/** One page of the audit log on demand (the CSV export reads every page). */
export const useAuditPage = () => useChannelMutation('audit.list');

/** Tells main someone is at the desk; the answer does not matter, so a failure is not reported. */
export const reportActivity = (): void => void callChannel('session.activity').catch(() => undefined);

/** Session-changing calls answer with the new session state: write it straight into the cache. */
const sessionChange = {
  onSuccess: (state: SessionState, client: QueryClient) => client.setQueryData(keys.session, state),
  refresh: [keys.status, keys.directory],
};

export const useCreateFirstAdmin = () => useChannelMutation('session.createFirstAdmin', sessionChange);
export const useSignIn = () => useChannelMutation('session.signIn', sessionChange);
export const useUnlock = () => useChannelMutation('session.unlock', sessionChange);
export const useSignOut = () => useChannelMutation('session.signOut', sessionChange);
export const useLock = () => useChannelMutation('session.lock', sessionChange);

const adminChange = { refresh: [[QueryScope.staff], keys.security, keys.audit] };

export const useCreateStaff = () => useChannelMutation('staff.create', adminChange);
export const useUpdateStaff = () => useChannelMutation('staff.update', adminChange);
export const useResetSecret = () => useChannelMutation('staff.resetSecret', adminChange);
export const useUpdateSecurity = () => useChannelMutation('security.updateSettings', adminChange);

// Kept here too: main.tsx and the tests have always imported it from this module.
export { connectEvents } from './events';
