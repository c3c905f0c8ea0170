import type { MenuItemConstructorOptions } from 'electron';
import { shortcuts, type DesktopAction } from '../../shared/desktop/shortcuts';
import type { DesktopCommands } from './desktop-actions';

/**
 * The native menu. Its shortcut items show the desk's keys (src/shared/desktop/shortcuts.ts) without
 * registering them: the page handles those keys itself, the same way in browser mode, so a key
 * press never acts twice. Editing, zoom and window items are Electron's own roles.
 */
export function appMenuTemplate(platform: NodeJS.Platform, commands: DesktopCommands): MenuItemConstructorOptions[] {
  const item = (action: DesktopAction): MenuItemConstructorOptions => {
    const shortcut = shortcuts.find((s) => s.action === action)!;
    return { label: shortcut.label, accelerator: shortcut.accelerator, registerAccelerator: false, click: () => commands.act(action) };
  };
  const quit: MenuItemConstructorOptions = { label: 'Quit SMS Desk', accelerator: 'CmdOrCtrl+Q', click: () => commands.quit() };
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({ label: 'SMS Desk', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit] });
  }
  template.push(
    { label: 'Desk', submenu: [item('compose'), item('messenger'), { type: 'separator' }, item('lock'), { type: 'separator' }, { label: 'Close Window', accelerator: 'CmdOrCtrl+W', role: 'close' }, ...(mac ? [] : [quit])] },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { label: 'Help', submenu: [item('shortcuts')] },
  );
  return template;
}
