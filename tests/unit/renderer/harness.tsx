import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { installApi } from '../../../src/renderer/src/api/bridge';
import { buildApi, type Channel } from '../../../src/shared/contract';

export type Answer = unknown | ((input: unknown) => unknown);

/** Installs a bridge whose channels answer from `answers`, recording every call. */
export function fakeApi(answers: Partial<Record<Channel, Answer>>) {
  const calls: { channel: Channel; input: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  installApi(
    buildApi({
      invoke: async (channel, input) => {
        calls.push({ channel, input });
        const answer = answers[channel];
        return typeof answer === 'function' ? answer(input) : answer;
      },
      subscribe: (event, listener) => {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    }),
  );
  return { calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

export const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
export const renderWithQueries = (ui: React.ReactNode, client = newClient()) => render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
