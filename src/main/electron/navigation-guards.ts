// What every page the app opens is refused, written against the small parts of Electron it uses so
// unit tests can drive it with fakes. Electron's WebContents and shell satisfy these shapes
// (security.ts passes the real ones, so the compiler checks it).

/** An Electron event whose default action can be cancelled. */
export interface Preventable {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guards attach to. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: Preventable) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Opens a link in the system browser only if it is a plain https: URL, or a page of one of
 * `paymentOrigins` (the Sandbox's own payment pages on 127.0.0.1, served over plain http).
 */
export function openExternalSafely(raw: string, openExternal: (url: string) => unknown, paymentOrigins: () => readonly string[] = () => []): boolean {
  try {
    const url = new URL(raw);
    if (url.username || url.password) return false;
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && paymentOrigins().includes(url.origin))) return false;
    void openExternal(url.toString());
    return true;
  } catch {
    return false;
  }
}

/**
 * The app is one page that never leaves itself: navigation, redirects and webviews are cancelled,
 * and a new window is never opened; a plain https: link goes to the system browser instead.
 */
export function guardContents(contents: GuardedContents, openExternal: (url: string) => unknown, paymentOrigins: () => readonly string[] = () => []): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, openExternal, paymentOrigins);
    return { action: 'deny' };
  });
}
