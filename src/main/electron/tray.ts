import type { MenuItemConstructorOptions } from 'electron';
import type { App } from '../app/create-app';
import type { DesktopCommands } from './desktop-actions';
import { followUnreadTotal } from './unread-total';

/** Start at login, where the system supports it (Windows and macOS; null elsewhere). */
export interface LoginItem {
  isOn(): boolean;
  set(on: boolean): void;
  /** Said when it was turned on or off elsewhere (Settings), so the tray's checkbox follows. */
  onChange?(listener: () => void): () => void;
}

/** The part of Electron's `app` start-at-login uses. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
}

export const HIDDEN_AT_LOGIN_FLAG = '--hidden';

/** Electron keeps login items on Windows and macOS only; Linux desktops have no such API. */
export function loginItemFor(app: LoginItemApp, platform: NodeJS.Platform): LoginItem | null {
  if (platform !== 'win32' && platform !== 'darwin') return null;
  return {
    isOn: () => app.getLoginItemSettings().openAtLogin,
    // Started at login it waits in the tray (replies, Autopilot) rather than opening a window.
    set: (on) => app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true, args: [HIDDEN_AT_LOGIN_FLAG] }),
  };
}

/** The unread count as the tray says it. */
export function trayTooltip(unread: number): string {
  if (unread <= 0) return 'SMS Desk';
  return `SMS Desk: ${unread} unread ${unread === 1 ? 'reply' : 'replies'}`;
}

/** The tray's menu: open the desk, its quick actions, start at login, and the one real Quit. */
export function trayMenuTemplate(unread: number, commands: DesktopCommands, loginItem: LoginItem | null): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: 'Open SMS Desk', click: () => commands.showWindow() },
    { type: 'separator' },
    { label: 'Compose', click: () => commands.act('compose') },
    { label: unread > 0 ? `Messenger Center (${unread} unread)` : 'Messenger Center', click: () => commands.act('messenger') },
    { label: 'Lock', click: () => commands.act('lock') },
  ];
  if (loginItem) {
    items.push({ type: 'separator' }, { label: 'Start SMS Desk at login', type: 'checkbox', checked: loginItem.isOn(), click: (item) => loginItem.set(item.checked) });
  }
  items.push({ type: 'separator' }, { label: 'Quit SMS Desk', click: () => commands.quit() });
  return items;
}

/** The part of Electron's Tray used. */
export interface TrayLike {
  setToolTip(text: string): void;
  /** macOS: text beside the icon in the menu bar. */
  setTitle(title: string): void;
  setContextMenu(menu: never): void;
  on(event: 'click', listener: () => void): unknown;
}

/**
 * Keeps the tray in step with the unread count (read at start, then `messenger.changed`): its
 * tooltip, the count beside it on macOS, and the Messenger Center item. A click on the icon
 * brings the window back (Windows and Linux; macOS opens the menu).
 */
export function bindTray<M>(
  core: Pick<App, 'events' | 'unreadTotal'>,
  tray: Omit<TrayLike, 'setContextMenu'> & { setContextMenu(menu: M): void },
  buildMenu: (template: MenuItemConstructorOptions[]) => M,
  commands: DesktopCommands,
  loginItem: LoginItem | null,
): () => void {
  let shown = 0;
  const show = (unread: number) => {
    shown = unread;
    tray.setToolTip(trayTooltip(unread));
    tray.setTitle(unread > 0 ? String(unread) : '');
    tray.setContextMenu(buildMenu(trayMenuTemplate(unread, commands, loginItem)));
  };
  show(0);
  tray.on('click', () => commands.showWindow());
  const stopUnread = followUnreadTotal(core, show);
  const stopLoginItem = loginItem?.onChange?.(() => show(shown));
  return () => {
    stopUnread();
    stopLoginItem?.();
  };
}
