import { buildApi, eventNames, ipcChannels, type Api, type EventName } from '../shared/contract';

/** Electron's `ipcRenderer`, as much of it as the preload uses; unit tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The contract as named methods over the two IPC channels; nothing else of IPC reaches the page. */
export function ipcApi(ipc: IpcRendererLike): Api {
  return buildApi({
    invoke: (channel, input) => ipc.invoke(ipcChannels.call, channel, input),
    subscribe: (event: EventName, listener) => {
      if (!eventNames.includes(event)) return () => undefined;
      const forward = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(ipcChannels.event, forward);
      return () => ipc.removeListener(ipcChannels.event, forward);
    },
  });
}
