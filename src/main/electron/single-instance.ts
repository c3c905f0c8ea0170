/** The part of Electron's `app` the single-instance lock uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * One SMS Desk per computer user: two would share one database and one keychain entry. A second
 * launch (a double click on the icon while the app sits in the tray) quits at once, and the first
 * brings its window forward instead. Returns false in the launch that must quit.
 */
export function claimSingleInstance(app: SingleInstanceApp, showFirstWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', showFirstWindow);
  return true;
}
