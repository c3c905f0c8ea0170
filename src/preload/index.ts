import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, eventNames, type Api, type EventName } from '../shared/contract';

// Channel names are repeated from src/main/electron/ipc.ts: a sandboxed preload cannot import main.
const CALL_CHANNEL = 'sms-desk:call';
const EVENT_CHANNEL = 'sms-desk:event';

const api = buildApi({
  invoke: (channel, input) => ipcRenderer.invoke(CALL_CHANNEL, channel, input),
  subscribe: (event: EventName, listener) => {
    if (!eventNames.includes(event)) return () => undefined;
    const forward = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
}) satisfies Api;

contextBridge.exposeInMainWorld('smsDesk', api);
