import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import { appMenuTemplate } from '../../../src/main/electron/app-menu';
import { bringForward, type DesktopCommands } from '../../../src/main/electron/desktop-actions';
import { CLOSE_HINT, keepRunningWhenClosed, quitTracker } from '../../../src/main/electron/keep-running';
import { claimSingleInstance } from '../../../src/main/electron/single-instance';
import { bindTray, loginItemFor, trayTooltip, type LoginItem } from '../../../src/main/electron/tray';
import { watchLoginItem } from '../../../src/main/electron/watched-login-item';
import { TRAY_ICON_SIZE, trayIconPixels } from '../../../src/main/electron/tray-icon';
import { shortcuts } from '../../../src/shared/desktop/shortcuts';

function recordingCommands() {
  const calls: string[] = [];
  const commands: DesktopCommands = {
    showWindow: () => calls.push('show'),
    act: (action) => calls.push(action),
    quit: () => calls.push('quit'),
  };
  return { commands, calls };
}

/** Walks a menu template (submenus included) for the item with this label. */
function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  for (const item of template) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const inner = find(item.submenu as MenuItemConstructorOptions[], label);
      if (inner) return inner;
    }
  }
  return undefined as unknown as MenuItemConstructorOptions;
}

const click = (item: MenuItemConstructorOptions, checked = false) =>
  (item.click as unknown as (menuItem: { checked: boolean }) => void)({ checked });

/** A window's moving parts, recording what happened to it. */
function fakeWindow(start: { minimized?: boolean; visible?: boolean } = {}) {
  const did: string[] = [];
  let minimized = start.minimized ?? false;
  let visible = start.visible ?? true;
  return {
    did,
    isMinimized: () => minimized,
    restore: () => (did.push('restore'), (minimized = false)),
    isVisible: () => visible,
    show: () => (did.push('show'), (visible = true)),
    focus: () => did.push('focus'),
  };
}

describe('one SMS Desk at a time', () => {
  it('a second launch quits and the first brings its window forward, even from the tray', () => {
    const listeners: Array<() => void> = [];
    const app = (lock: boolean) => ({ quits: 0, requestSingleInstanceLock: () => lock, quit() { this.quits += 1; }, on: (_e: 'second-instance', l: () => void) => listeners.push(l) });
    const window = fakeWindow({ minimized: true, visible: false });
    const first = app(true);
    expect(claimSingleInstance(first, () => bringForward(window))).toBe(true);
    expect(first.quits).toBe(0);
    const second = app(false);
    expect(claimSingleInstance(second, () => { throw new Error('the second launch shows nothing'); })).toBe(false);
    expect(second.quits).toBe(1);
    expect(listeners).toHaveLength(1);
    listeners[0]!();
    expect(window.did).toEqual(['restore', 'show', 'focus']);
  });
});

describe('the tray', () => {
  function tray(loginItem: LoginItem | null = null, unreadAtStart: Promise<number> = Promise.resolve(0)) {
    const events = new LocalEventBus();
    const { commands, calls } = recordingCommands();
    const seen = { tooltip: '', title: '', menu: [] as MenuItemConstructorOptions[], clicks: [] as Array<() => void> };
    bindTray(
      { events, unreadTotal: () => unreadAtStart },
      { setToolTip: (t) => (seen.tooltip = t), setTitle: (t) => (seen.title = t), setContextMenu: (m: MenuItemConstructorOptions[]) => (seen.menu = m), on: (_e, l) => seen.clicks.push(l) },
      (template) => template,
      commands,
      loginItem,
    );
    return { events, calls, seen };
  }
  const changed = (unread: number) => ({ phones: [], many: false, unread, arrived: [] });

  it('shows the unread count from the messenger in its tooltip, beside the icon and on Messenger Center', () => {
    const { events, seen } = tray();
    expect(seen).toMatchObject({ tooltip: 'SMS Desk', title: '' });
    expect(find(seen.menu, 'Messenger Center')).toBeDefined();
    events.emit('messenger.changed', changed(3));
    expect(seen).toMatchObject({ tooltip: 'SMS Desk: 3 unread replies', title: '3' });
    expect(find(seen.menu, 'Messenger Center (3 unread)')).toBeDefined();
    events.emit('messenger.changed', changed(1));
    expect(seen.tooltip).toBe('SMS Desk: 1 unread reply');
    events.emit('messenger.changed', changed(0));
    expect(seen).toMatchObject({ tooltip: 'SMS Desk', title: '' });
    expect(trayTooltip(12)).toBe('SMS Desk: 12 unread replies');
  });

  it('shows the unread count kept from before at start, without waiting for a change', async () => {
    const { seen } = tray(null, Promise.resolve(4));
    await vi.waitFor(() => expect(seen).toMatchObject({ tooltip: 'SMS Desk: 4 unread replies', title: '4' }));
    expect(find(seen.menu, 'Messenger Center (4 unread)')).toBeDefined();
  });

  it('lets a change heard before the start count is read win, since it is newer', async () => {
    let readStart!: (unread: number) => void;
    const startCount = new Promise<number>((resolve) => (readStart = resolve));
    const { events, seen } = tray(null, startCount);
    events.emit('messenger.changed', changed(1));
    readStart(4);
    // The tray's own wait on the start count was set first, so it has run once this one returns.
    await startCount;
    expect(seen.tooltip).toBe('SMS Desk: 1 unread reply');
  });

  it('its quick actions open Compose and Messenger Center, lock, and Quit really quits; a click on the icon opens the desk', () => {
    const { events, calls, seen } = tray();
    events.emit('messenger.changed', changed(2));
    for (const label of ['Open SMS Desk', 'Compose', 'Messenger Center (2 unread)', 'Lock', 'Quit SMS Desk']) click(find(seen.menu, label));
    seen.clicks[0]!();
    expect(calls).toEqual(['show', 'compose', 'messenger', 'lock', 'quit', 'show']);
  });

  it('offers start at login where the system has it, and turns it on and off', () => {
    const settings = { openAtLogin: false, set: [] as unknown[] };
    const app = { getLoginItemSettings: () => ({ openAtLogin: settings.openAtLogin }), setLoginItemSettings: (s: { openAtLogin: boolean }) => { settings.set.push(s); settings.openAtLogin = s.openAtLogin; } };
    expect(loginItemFor(app, 'linux')).toBeNull();
    expect(find(tray(null).seen.menu, 'Start SMS Desk at login')).toBeUndefined();
    for (const platform of ['win32', 'darwin'] as const) {
      settings.set.length = 0;
      const { seen } = tray(loginItemFor(app, platform));
      const item = find(seen.menu, 'Start SMS Desk at login');
      expect(item).toMatchObject({ type: 'checkbox', checked: false });
      click(item, true);
      expect(settings.set).toEqual([{ openAtLogin: true, openAsHidden: true, args: ['--hidden'] }]);
      expect(find(tray(loginItemFor(app, platform)).seen.menu, 'Start SMS Desk at login')).toMatchObject({ checked: true });
      click(item, false);
      expect(settings.openAtLogin).toBe(false);
    }
  });

  it('keeps its start at login checkbox in step with Settings: both set the one login item', () => {
    let openAtLogin = false;
    const app = { getLoginItemSettings: () => ({ openAtLogin }), setLoginItemSettings: (s: { openAtLogin: boolean }) => void (openAtLogin = s.openAtLogin) };
    const loginItem = watchLoginItem(loginItemFor(app, 'win32'))!;
    const heard: boolean[] = [];
    loginItem.onChange(() => heard.push(loginItem.isOn()));
    const { seen } = tray(loginItem);
    // Settings turns it on: the tray's menu is drawn again with the box ticked.
    loginItem.set(true);
    expect(find(seen.menu, 'Start SMS Desk at login')).toMatchObject({ checked: true });
    // The tray's box turns it off: Settings hears of it (main tells the screens to read it again).
    click(find(seen.menu, 'Start SMS Desk at login'), false);
    expect(openAtLogin).toBe(false);
    expect(heard).toEqual([true, false]);
    expect(find(seen.menu, 'Start SMS Desk at login')).toMatchObject({ checked: false });
    expect(watchLoginItem(null)).toBeNull();
  });

  it('has an icon drawn in code: a shape on a transparent ground, black as a macOS template', () => {
    const pixels = trayIconPixels(true);
    expect(pixels).toHaveLength(TRAY_ICON_SIZE * TRAY_ICON_SIZE * 4);
    const alphas = Array.from({ length: TRAY_ICON_SIZE * TRAY_ICON_SIZE }, (_, i) => pixels[i * 4 + 3]);
    expect(alphas.filter((a) => a === 0xff).length).toBeGreaterThan(300);
    expect(alphas[0]).toBe(0);
    expect(pixels.subarray(0, 3).equals(Buffer.from([0, 0, 0]))).toBe(true);
  });
});

describe('the native menu', () => {
  it('lists each shortcut with its keys, shown but left to the page to handle, and its item asks the window', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const { commands, calls } = recordingCommands();
      const template = appMenuTemplate(platform, commands);
      for (const shortcut of shortcuts) {
        const item = find(template, shortcut.label);
        expect(item).toMatchObject({ accelerator: shortcut.accelerator, registerAccelerator: false });
        click(item);
      }
      expect(calls).toEqual(['compose', 'messenger', 'lock', 'shortcuts']);
      calls.length = 0;
      const quit = find(template, 'Quit SMS Desk');
      expect(quit).toMatchObject({ accelerator: 'CmdOrCtrl+Q' });
      click(quit);
      expect(calls).toEqual(['quit']);
      expect(template.some((item) => item.role === 'editMenu')).toBe(true);
      expect(template[0]!.label).toBe(platform === 'darwin' ? 'SMS Desk' : 'Desk');
    }
  });
});

describe('closing the window', () => {
  function closable() {
    const hidden: number[] = [];
    let onClose: (event: { preventDefault(): void }) => void = () => undefined;
    const window = { on: (_e: 'close', l: typeof onClose) => (onClose = l), hide: () => hidden.push(1) };
    const close = () => {
      let prevented = false;
      onClose({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { window, hidden, close };
  }

  it('hides it and the app keeps running; the first close says so once, across launches', () => {
    let hintShown = false;
    const hints: number[] = [];
    const options = (quitting: () => boolean) => ({ isQuitting: quitting, hintShown: () => hintShown, markHintShown: () => (hintShown = true), showHint: () => hints.push(1) });
    const first = closable();
    keepRunningWhenClosed(first.window, options(() => false));
    expect(first.close()).toBe(true);
    expect(first.close()).toBe(true);
    expect(first.hidden).toHaveLength(2);
    expect(hints).toHaveLength(1);
    const nextLaunch = closable();
    keepRunningWhenClosed(nextLaunch.window, options(() => false));
    nextLaunch.close();
    expect(hints).toHaveLength(1);
    expect(CLOSE_HINT.body).toContain('Quit');
  });

  it('closes for real once Quit was chosen', () => {
    const listeners: Array<() => void> = [];
    const quitting = quitTracker({ on: (_e, l) => listeners.push(l) });
    const { window, hidden, close } = closable();
    keepRunningWhenClosed(window, { isQuitting: quitting.isQuitting, hintShown: () => true, markHintShown: () => undefined, showHint: () => undefined });
    listeners[0]!();
    expect(close()).toBe(false);
    expect(hidden).toEqual([]);
  });
});
