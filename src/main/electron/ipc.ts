import { ipcChannels } from '../../shared/contract';
import type { App } from '../app/create-app';
import { isTrustedSender } from './sender';

// The small parts of Electron this file uses. Electron's own objects satisfy them (src/main/index.ts
// passes the real ones, so the compiler checks it); unit tests pass fakes without Electron.

/** A frame, as Electron's WebFrameMain describes it. */
export interface FrameLike {
  readonly url: string;
}

/** The page a call came from, as much of Electron's WebContents as the binding reads or uses. */
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
}

/** Electron's IpcMainInvokeEvent: who sent the call, and from which frame (null once it is gone). */
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

/** Electron's `ipcMain`. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

/** Electron's `webContents` module: every open page, to push events to. */
export interface AllWebContentsLike {
  getAllWebContents(): WebContentsLike[];
}

/** The part of the core the desktop host talks to. */
export type IpcCore = Pick<App, 'router' | 'events'>;

/** The session of the page in one window: its events are sent to it alone. */
export const sessionIdOf = (contentsId: number) => `wc-${contentsId}`;

/** Binds the whole contract to one IPC handler; the router validates everything after the sender. */
export function bindIpc(ipc: IpcMainLike, pages: AllWebContentsLike, core: IpcCore, allowedOrigins: readonly string[]): void {
  ipc.handle(ipcChannels.call, (event, channel, input) => {
    const frame = event.senderFrame;
    const trustedSender = isTrustedSender({ url: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame }, allowedOrigins);
    return core.router({ sessionId: sessionIdOf(event.sender.id), trustedSender }, channel, input);
  });

  core.events.subscribe((event, payload, target) => {
    for (const contents of pages.getAllWebContents()) {
      if (!target || target === sessionIdOf(contents.id)) contents.send(ipcChannels.event, event, payload);
    }
  });
}

/** A closed window's session ends with it, so its sign-in cannot be picked up by another page. */
export function endSessionWith(core: Pick<App, 'endSession'>, contents: { readonly id: number; once(event: 'destroyed', listener: () => void): unknown }): void {
  const id = contents.id;
  contents.once('destroyed', () => core.endSession(sessionIdOf(id)));
}
