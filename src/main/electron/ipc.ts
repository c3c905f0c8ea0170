import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron';
import type { App } from '../app/create-app';
import { isTrustedSender } from './sender';

export const CALL_CHANNEL = 'sms-desk:call';
export const EVENT_CHANNEL = 'sms-desk:event';

const sessionIdOf = (contentsId: number) => `wc-${contentsId}`;

/** Binds the whole contract to one IPC handler; the router validates everything after the sender. */
export function bindIpc(core: App, allowedOrigins: readonly string[]): void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const trustedSender = isTrustedSender({ url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame }, allowedOrigins);
    return core.router({ sessionId: sessionIdOf(event.sender.id), trustedSender }, channel, input);
  });

  core.events.subscribe((event, payload, target) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!target || target === sessionIdOf(contents.id)) contents.send(EVENT_CHANNEL, event, payload);
    }
  });
}

export function endSessionWith(core: App, contents: Electron.WebContents): void {
  const id = contents.id;
  contents.once('destroyed', () => core.endSession(sessionIdOf(id)));
}
