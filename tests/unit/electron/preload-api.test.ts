import type { IpcRenderer } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ipcApi, type IpcRendererLike } from '../../../src/preload/ipc-api';
import { ipcChannels } from '../../../src/shared/contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer: records invokes, and lets main push on any channel. */
function fakeIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const push = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((listener) => listener({}, ...args));
  return { ipc, invoked, push, listening: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('the preload API', () => {
  it('is written against the shape of the real ipcRenderer', () => {
    expectTypeOf<IpcRenderer>().toExtend<IpcRendererLike>();
  });

  it('sends every call on the contract\'s call channel, named', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = ipcApi(ipc);
    expect(await api.call['session.signIn']({ staffId: 's1', secret: '1234' })).toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([[ipcChannels.call, 'session.signIn', { staffId: 's1', secret: '1234' }]]);
  });

  it('hands a listener only its own event from the contract\'s event channel, until it stops listening', () => {
    const { ipc, push, listening } = fakeIpc();
    const seen: unknown[] = [];
    const off = ipcApi(ipc).on('data.changed', (payload) => seen.push(payload));
    push(ipcChannels.event, 'session.changed', { staff: null });
    push(ipcChannels.event, 'data.changed', { areas: ['sends'] });
    push('some-other-channel', 'data.changed', { areas: ['credits'] });
    expect(seen).toEqual([{ areas: ['sends'] }]);
    off();
    expect(listening(ipcChannels.event)).toBe(0);
  });

  it('does not listen at all for an event the contract does not have', () => {
    const { ipc, listening } = fakeIpc();
    ipcApi(ipc).on('shell.exec' as never, () => undefined)();
    expect(listening(ipcChannels.event)).toBe(0);
  });
});
