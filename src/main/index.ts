import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, screen, Tray, webContents } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DesktopAction } from '../shared/desktop/shortcuts';
import { KeytarSecretStore } from './adapters/secrets/keytar-secret-store';
import { ElectronSettingsStore } from './adapters/settings/electron-settings-store';
import { createApp, type App } from './app/create-app';
import { appMenuTemplate } from './electron/app-menu';
import { csvFilePicker } from './electron/csv-file-picker';
import { bringForward, type DesktopCommands } from './electron/desktop-actions';
import { bindIpc, endSessionWith, sessionIdOf } from './electron/ipc';
import { CLOSE_HINT, keepRunningWhenClosed, quitTracker } from './electron/keep-running';
import { bindReplyNotifications } from './electron/reply-notifications';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { APP_ORIGIN } from './electron/renderer-files';
import { applyAppSecurity } from './electron/security';
import { claimSingleInstance } from './electron/single-instance';
import { bindTray, HIDDEN_AT_LOGIN_FLAG, loginItemFor } from './electron/tray';
import { TRAY_ICON_SIZE, trayIconPixels } from './electron/tray-icon';
import { watchLoginItem } from './electron/watched-login-item';
import { createMainWindow } from './electron/window';
import { parseWindowState, placeWindow, trackWindowState } from './electron/window-state';

const { values } = parseArgs({ args: process.argv.slice(1), options: { 'twilio-base-url': { type: 'string' } }, strict: false });
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

let core: App | null = null;
let mainWindow: BrowserWindow | null = null;
// Desktop-only facts beside the settings in userData: where the window was, and whether the
// close-to-tray hint was shown.
const desktopState = new Store<Record<string, unknown>>({ name: 'desktop', configFileMode: 0o600 });
const quitting = quitTracker(app);

function openWindow(show: boolean): BrowserWindow {
  const place = placeWindow(parseWindowState(desktopState.get('window')), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea));
  const window = createMainWindow(join(__dirname, '../preload/index.js'), devServerUrl, place, show);
  trackWindowState(window, (state) => desktopState.set('window', state));
  keepRunningWhenClosed(window, {
    isQuitting: quitting.isQuitting,
    hintShown: () => desktopState.get('closeHintShown') === true,
    markHintShown: () => desktopState.set('closeHintShown', true),
    showHint: () => new Notification({ title: CLOSE_HINT.title, body: CLOSE_HINT.body, silent: true }).show(),
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  if (core) endSessionWith(core, window.webContents);
  mainWindow = window;
  return window;
}

/** Asks the window's page for an action once it can hear it (a window just opened is still loading). */
function askPage(window: BrowserWindow, action: DesktopAction): void {
  const emit = () => core?.events.emit('desktop.action', { action }, sessionIdOf(window.webContents.id));
  if (window.webContents.isLoading()) window.webContents.once('did-finish-load', emit);
  else emit();
}

const commands: DesktopCommands = {
  showWindow: () => {
    if (mainWindow && !mainWindow.isDestroyed()) bringForward(mainWindow);
    else openWindow(true);
  },
  act: (action) => {
    commands.showWindow();
    if (mainWindow) askPage(mainWindow, action);
  },
  quit: () => app.quit(),
};

// A second launch quits here and brings the first one's window forward.
if (claimSingleInstance(app, () => commands.showWindow())) {
  registerAppScheme();
  void app.whenReady().then(async () => {
    // Checkout pages of the Sandbox's payment simulator are http on 127.0.0.1: only those origins may open.
    applyAppSecurity(() => core?.paymentPageOrigins() ?? []);
    serveRenderer(join(__dirname, '../renderer'));
    // One login item for the tray and Settings, so each shows what the other set.
    const loginItem = watchLoginItem(loginItemFor(app, process.platform));
    core = await createApp({
      dataDir: app.getPath('userData'),
      settings: new ElectronSettingsStore(),
      secrets: new KeytarSecretStore(),
      twilioBaseUrl: typeof values['twilio-base-url'] === 'string' ? values['twilio-base-url'] : undefined,
      filePicker: csvFilePicker(dialog),
      ...(loginItem ? { startAtLogin: loginItem } : {}),
    });
    bindIpc(ipcMain, webContents, core, devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]);
    bindReplyNotifications(core, {
      notify: (options) => new Notification(options),
      setBadgeCount: (count) => void app.setBadgeCount(count),
      focusWindow: (sessionId) => {
        const window = BrowserWindow.getAllWindows().find((w) => sessionIdOf(w.webContents.id) === sessionId);
        if (!window) return false;
        bringForward(window);
        return true;
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, commands)));
    const mac = process.platform === 'darwin';
    const icon = nativeImage.createFromBitmap(trayIconPixels(mac), { width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE, scaleFactor: 2 });
    if (mac) icon.setTemplateImage(true);
    bindTray(core, new Tray(icon), (template) => Menu.buildFromTemplate(template), commands, loginItem);
    // Started at login: wait in the tray (replies, Autopilot) until someone opens the window.
    openWindow(!process.argv.includes(HIDDEN_AT_LOGIN_FLAG));
    app.on('activate', () => commands.showWindow());
  });
}

// Windows hide rather than close (keep-running.ts), so this is reached only on the way out.
app.on('window-all-closed', () => {
  if (quitting.isQuitting() || process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void core?.close();
});
