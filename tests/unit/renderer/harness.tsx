import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { appErrorSchema, buildApi, contract, type Channel, type ChannelInput, type ChannelOutput, type RegistrationView, type Result } from '../../../src/shared/contract';

type Reply<C extends Channel> = Result<ChannelOutput<C>>;
/** What main answers on channel C: a fixed result, or one worked out from the input. */
export type Answer<C extends Channel> = Reply<C> | ((input: ChannelInput<C>) => Reply<C> | Promise<Reply<C>>);
export type Answers = { [C in Channel]?: Answer<C> | Unchecked };

const UNCHECKED = Symbol('unchecked');
/** An answer sent as it is, past the contract: only for tests of what a screen does with bad data. */
export interface Unchecked {
  readonly [UNCHECKED]: unknown;
}
export const unchecked = (raw: unknown): Unchecked => ({ [UNCHECKED]: raw });

/**
 * A fake's answer as main's router would send it: a value goes through the channel's output
 * schema (a fixture main could never send fails the test here, not later in a screen), and an
 * error must be one main can send.
 */
export function asMain<C extends Channel>(channel: C, reply: Reply<C>): unknown {
  if (!reply.ok) return { ok: false, error: appErrorSchema.parse(reply.error) };
  return { ok: true, value: contract[channel].output.parse(reply.value) };
}

/** A transport whose channels answer from `answers`, typed and checked against the contract. */
export function fakeTransport(answers: Answers, calls: { channel: Channel; input: unknown }[] = []) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport = {
    invoke: async (channel: Channel, input: unknown) => {
      calls.push({ channel, input });
      const answer = answers[channel] as Answer<Channel> | Unchecked | undefined;
      if (answer === undefined) return undefined;
      if (UNCHECKED in answer) return answer[UNCHECKED];
      const reply = typeof answer === 'function' ? await answer(input as never) : answer;
      return asMain(channel, reply);
    },
    subscribe: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => void listeners.delete(event);
    },
  };
  return { transport, calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

/** Installs a bridge whose channels answer from `answers`, recording every call. */
export function fakeApi(answers: Answers) {
  const { transport, calls, emit } = fakeTransport(answers);
  installApi(buildApi(transport));
  return { calls, emit };
}

export const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
export const renderWithQueries = (ui: React.ReactNode, client = newClient()) => render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);

/** A US desk with nothing registered yet: the registration view screens start from. */
export const unregistered: Extract<RegistrationView, { supported: true }> = {
  supported: true,
  form: null,
  brand: { state: 'none' },
  showReset: false,
  phone: { state: 'none' },
  campaign: { state: 'none' },
  accountModel: 'provider',
};
