import type { IpcMain, WebContents } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import type { CallContext } from '../../../src/main/core/router';
import {
  bindIpc, endSessionWith, type AllWebContentsLike, type FrameLike, type InvokeEventLike, type IpcCore, type IpcMainLike, type WebContentsLike,
} from '../../../src/main/electron/ipc';
import { APP_ORIGIN } from '../../../src/main/electron/renderer-files';
import { ipcChannels } from '../../../src/shared/contract';

/** A page in a fake Electron: its main frame, and what main pushed to it. */
function page(id: number, url = `${APP_ORIGIN}/index.html`) {
  const sent: unknown[][] = [];
  const contents = { id, mainFrame: { url } as FrameLike, send: (...args: unknown[]) => void sent.push(args) };
  return { contents, sent };
}

/** bindIpc over a fake ipcMain: calls go through `invoke`, and the router records what it was told. */
function bound(pages: WebContentsLike[] = [], allowed: readonly string[] = [APP_ORIGIN]) {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
  const all: AllWebContentsLike = { getAllWebContents: () => pages };
  const routed: { context: CallContext; channel: unknown; input: unknown }[] = [];
  const events = new LocalEventBus();
  const core: IpcCore = {
    router: async (context, channel, input) => {
      routed.push({ context, channel, input });
      return { ok: true, value: null };
    },
    events,
  };
  bindIpc(ipc, all, core, allowed);
  const invoke = (event: InvokeEventLike, channel: unknown, input?: unknown) => handlers.get(ipcChannels.call)?.(event, channel, input);
  return { handlers, routed, events, invoke };
}

describe('bindIpc', () => {
  it('is written against shapes the real Electron objects have', () => {
    expectTypeOf<IpcMain>().toExtend<IpcMainLike>();
    expectTypeOf<WebContents>().toExtend<WebContentsLike>();
    expectTypeOf<{ getAllWebContents(): WebContents[] }>().toExtend<AllWebContentsLike>();
  });

  it('handles the one call channel of the contract, nothing else', () => {
    expect([...bound().handlers.keys()]).toEqual([ipcChannels.call]);
  });

  it('passes a call from our page in the main frame on as trusted, in that window\'s session', async () => {
    const { contents } = page(7);
    const { routed, invoke } = bound([contents]);
    await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'app.status', { x: 1 });
    expect(routed).toEqual([{ context: { sessionId: 'wc-7', trustedSender: true }, channel: 'app.status', input: { x: 1 } }]);
  });

  it('marks a call from an iframe inside our page as untrusted', async () => {
    const { contents } = page(3);
    const { routed, invoke } = bound([contents]);
    const iframe: FrameLike = { url: `${APP_ORIGIN}/index.html` };
    await invoke({ sender: contents, senderFrame: iframe }, 'session.signIn', {});
    expect(routed[0]?.context).toEqual({ sessionId: 'wc-3', trustedSender: false });
  });

  it('marks a call from a frame that is already gone as untrusted', async () => {
    const { contents } = page(3);
    const { routed, invoke } = bound([contents]);
    await invoke({ sender: contents, senderFrame: null }, 'app.status');
    expect(routed[0]?.context).toEqual({ sessionId: 'wc-3', trustedSender: false });
  });

  it.each([
    ['a page that navigated elsewhere', 'https://evil.example/'],
    ['a look-alike app:// host', 'app://sms-desk.evil/index.html'],
    ['a local file', 'file:///tmp/index.html'],
  ])('marks a call from %s in the main frame as untrusted', async (_label, url) => {
    const { contents } = page(4, url);
    const { routed, invoke } = bound([contents]);
    await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'app.status');
    expect(routed[0]?.context.trustedSender).toBe(false);
  });

  it('trusts the dev server only when it is listed', async () => {
    const dev = page(5, 'http://localhost:5173/');
    const withDev = bound([dev.contents], [APP_ORIGIN, 'http://localhost:5173']);
    await withDev.invoke({ sender: dev.contents, senderFrame: dev.contents.mainFrame }, 'app.status');
    expect(withDev.routed[0]?.context.trustedSender).toBe(true);
    const without = bound([dev.contents]);
    await without.invoke({ sender: dev.contents, senderFrame: dev.contents.mainFrame }, 'app.status');
    expect(without.routed[0]?.context.trustedSender).toBe(false);
  });

  it('pushes an event to every window, or only to the session it is for', () => {
    const one = page(1);
    const two = page(2);
    const { events } = bound([one.contents, two.contents]);
    events.emit('data.changed', { areas: ['sends'] });
    events.emit('session.changed', { staff: null, locked: false, idleLockMinutes: 10 }, 'wc-2');
    expect(one.sent).toEqual([[ipcChannels.event, 'data.changed', { areas: ['sends'] }]]);
    expect(two.sent.map((args) => args[1])).toEqual(['data.changed', 'session.changed']);
    expect(two.sent[1]?.[0]).toBe(ipcChannels.event);
  });
});

describe('endSessionWith', () => {
  it('ends the window\'s session when its page is destroyed', () => {
    const ended: string[] = [];
    let destroyed: (() => void) | undefined;
    endSessionWith({ endSession: (id) => void ended.push(id) }, { id: 9, once: (_event, listener) => (destroyed = listener) });
    expect(ended).toEqual([]);
    destroyed?.();
    expect(ended).toEqual(['wc-9']);
  });
});
