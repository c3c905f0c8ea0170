import { BrowserWindow } from 'electron';
import { APP_ORIGIN, secureWebPreferences } from './security';

export function createMainWindow(preload: string, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'SMS Desk',
    webPreferences: secureWebPreferences(preload),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
