import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { DataArea, type Channel, type ChannelInput, type ChannelOutput, type Result } from '../../../shared/contract';
import { bridge, unwrap } from './bridge';

/**
 * Where a query's key starts. Main's `data.changed` names a DataArea and refreshes every key under
 * it; the other scopes hold data main does not announce, refreshed by the calls that change it.
 */
export const QueryScope = {
  ...DataArea,
  app: 'app',
  session: 'session',
  staff: 'staff',
  security: 'security',
  audit: 'audit',
  carrier: 'carrier',
  messageOptions: 'messageOptions',
  draft: 'draft',
  /** Deliberately not under `sends`: a send in progress must not re-run every estimate. */
  sendEstimate: 'send-estimate',
  /** Compose's pickers (classes, tags, families, saved audiences), templates and the SMS policy. */
  audiences: 'audiences',
  templates: 'templates',
  policy: 'policy',
  /**
   * The Messenger Center's lists, conversations and unread count. Not under `messenger`: main's
   * messenger.changed names the conversations it touched, so a send's progress never refreshes them.
   */
  messengerCenter: 'messenger-center',
} as const;
export type QueryScope = (typeof QueryScope)[keyof typeof QueryScope];

/** Every key the renderer caches under begins with its scope. */
export type ChannelKey = readonly [QueryScope, ...unknown[]];

/** The arguments a channel's call takes: nothing for a channel whose input may be left out. */
export type InputArgs<C extends Channel> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** One call to main: its answer, or a BridgeError carrying main's typed error. */
export function callChannel<C extends Channel>(channel: C, ...[input]: InputArgs<C>): Promise<ChannelOutput<C>> {
  const call = bridge().call[channel] as (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  return unwrap(call(input));
}

/** A query's key and the call that answers it, for `useQuery` and `client.fetchQuery` alike. */
export function channelQuery<C extends Channel>(channel: C, key: ChannelKey, ...input: InputArgs<C>) {
  return { queryKey: key, queryFn: () => callChannel(channel, ...input) };
}

type QueryOptions<C extends Channel> = Omit<UseQueryOptions<ChannelOutput<C>, Error, ChannelOutput<C>, ChannelKey>, 'queryKey' | 'queryFn'>;

/** Reads a channel into the cache under `key`; the answer is typed by the contract. */
export function useChannelQuery<C extends Channel>(channel: C, key: ChannelKey, ...[input, options]: [...InputArgs<C>, options?: QueryOptions<C>]) {
  return useQuery({ ...options, ...channelQuery(channel, key, ...([input] as InputArgs<C>)) });
}

interface MutationOptions<C extends Channel, V> {
  /** Builds the channel's input from what the screen passes to `mutate` (default: passed as is). */
  input?: (variables: V) => ChannelInput<C>;
  /** Every query under these keys is read again afterwards. */
  refresh?: readonly QueryKey[];
  /** `settled` also refreshes after a refusal, for calls whose refusal still changes state (a failed connection test is recorded). */
  after?: 'success' | 'settled';
  /** Writes the answer into the cache before the refresh (the call answers with the new state). */
  onSuccess?: (output: ChannelOutput<C>, client: QueryClient) => void;
}

/** A call that changes data in main, then refreshes what it changed. */
export function useChannelMutation<C extends Channel, V = ChannelInput<C>>(channel: C, options: MutationOptions<C, V> = {}) {
  const client = useQueryClient();
  const { input, refresh = [], after = 'success', onSuccess } = options;
  const refreshAll = () => {
    for (const queryKey of refresh) void client.invalidateQueries({ queryKey });
  };
  return useMutation<ChannelOutput<C>, Error, V>({
    mutationFn: (variables) => callChannel(channel, ...([input ? input(variables) : variables] as InputArgs<C>)),
    onSuccess: (output) => {
      onSuccess?.(output, client);
      if (after === 'success') refreshAll();
    },
    onSettled: () => {
      if (after === 'settled') refreshAll();
    },
  });
}
