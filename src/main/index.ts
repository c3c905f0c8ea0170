import { app, BrowserWindow, dialog, ipcMain, Notification, webContents } from 'electron';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KeytarSecretStore } from './adapters/secrets/keytar-secret-store';
import { ElectronSettingsStore } from './adapters/settings/electron-settings-store';
import { createApp, type App } from './app/create-app';
import { csvFilePicker } from './electron/csv-file-picker';
import { bindIpc, endSessionWith, sessionIdOf } from './electron/ipc';
import { bindReplyNotifications } from './electron/reply-notifications';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { APP_ORIGIN } from './electron/renderer-files';
import { applyAppSecurity } from './electron/security';
import { createMainWindow } from './electron/window';

const { values } = parseArgs({ args: process.argv.slice(1), options: { 'twilio-base-url': { type: 'string' } }, strict: false });
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

let core: App | null = null;

function openWindow(): void {
  const window = createMainWindow(join(__dirname, '../preload/index.js'), devServerUrl);
  if (core) endSessionWith(core, window.webContents);
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

void app.whenReady().then(async () => {
  // Checkout pages of the Sandbox's payment simulator are http on 127.0.0.1: only those origins may open.
  applyAppSecurity(() => core?.paymentPageOrigins() ?? []);
  serveRenderer(join(__dirname, '../renderer'));
  core = await createApp({
    dataDir: app.getPath('userData'),
    settings: new ElectronSettingsStore(),
    secrets: new KeytarSecretStore(),
    twilioBaseUrl: typeof values['twilio-base-url'] === 'string' ? values['twilio-base-url'] : undefined,
    filePicker: csvFilePicker(dialog),
  });
  bindIpc(ipcMain, webContents, core, devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]);
  bindReplyNotifications(core, {
    notify: (options) => new Notification(options),
    setBadgeCount: (count) => void app.setBadgeCount(count),
    focusWindow: (sessionId) => {
      const window = BrowserWindow.getAllWindows().find((w) => sessionIdOf(w.webContents.id) === sessionId);
      if (!window) return false;
      if (window.isMinimized()) window.restore();
      window.focus();
      return true;
    },
  });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
