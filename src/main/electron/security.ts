import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../web/security-headers';

export const APP_ORIGIN = 'app://sms-desk';


/** Opens a link in the system browser only if it is a plain https: URL. */
export function openExternalSafely(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || url.username || url.password) return false;
    void shell.openExternal(url.toString());
    return true;
  } catch {
    return false;
  }
}

/** Process-wide denials: no permission prompts, no foreign navigation, no new windows, no webviews. */
export function applyAppSecurity(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
