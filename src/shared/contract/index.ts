import type { z } from 'zod';
import type { Result } from './result';
import type { EventName, EventPayload } from './events';
import { staffChannels } from './staff';
import { carrierChannels } from './carrier';
import { messageOptionsChannels } from './message-options';
import { sendingChannels } from './sending';
import { messengerChannels } from './messenger';
import { contactsChannels } from './contacts';
import { audienceChannels } from './audiences';
import { templateChannels } from './templates';
import { billingChannels } from './billing';
import { autopilotChannels } from './autopilot';
import { reportsChannels } from './reports';
import { desktopChannels } from './desktop';

export * from './result';
export * from './permissions';
export * from './events';
export * from './mode';
export * from './ipc';
export * from './staff';
export * from './carrier';
export * from './message-options';
export * from './sending';
export * from './messenger';
export * from './contacts';
export * from './audiences';
export * from './templates';
export * from './billing';
export * from './reports';
export * from './desktop';

/** THE api: every call the renderer may make. Feature files add their channel maps here. */
export const contract = {
  ...staffChannels,
  ...carrierChannels,
  ...messageOptionsChannels,
  ...sendingChannels,
  ...messengerChannels,
  ...contactsChannels,
  ...audienceChannels,
  ...templateChannels,
  ...billingChannels,
  ...autopilotChannels,
  ...reportsChannels,
  ...desktopChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

type CallFn<C extends Channel> = undefined extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** What preload (Electron) and the browser bridge both expose as `window.smsDesk`. */
export interface Api {
  call: { [C in Channel]: CallFn<C> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the named-method API over a transport. Both hosts use it, so a channel added to the
 * contract appears in preload and the browser bridge at once and they cannot drift.
 */
export function buildApi(transport: Transport): Api {
  const call = Object.fromEntries(
    channels.map((channel) => [channel, (input?: unknown) => transport.invoke(channel, input)]),
  ) as Api['call'];
  return {
    call,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}
