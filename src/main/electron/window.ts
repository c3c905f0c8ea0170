import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './renderer-files';
import { MIN_SIZE, type WindowState } from './window-state';

/**
 * Every security preference is spelled out here, where reviewers and scanners look for it.
 * `place`: where it opens (window-state.ts); `show`: false when started at login into the tray.
 */
export function createMainWindow(preload: string, devServerUrl: string | undefined, place: WindowState, show = true): BrowserWindow {
  const window = new BrowserWindow({
    x: place.x,
    y: place.y,
    width: place.width,
    height: place.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'SMS Desk',
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    if (show) window.show();
  });
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
