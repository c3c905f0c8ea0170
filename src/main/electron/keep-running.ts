/** The part of Electron's BrowserWindow closing it touches. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface KeepRunningOptions {
  /** True once Quit was chosen (tray, menu, Cmd+Q, the system shutting down). */
  isQuitting(): boolean;
  /** Whether the one-time hint was already shown, kept across launches. */
  hintShown(): boolean;
  markHintShown(): void;
  /** Tells the person once that SMS Desk goes on in the tray, and how to quit. */
  showHint(): void;
}

export const CLOSE_HINT = {
  title: 'SMS Desk is still running',
  body: 'Replies and Autopilot keep going while the window is closed. Open SMS Desk from its icon in the tray, or choose Quit there to stop it.',
} as const;

/**
 * Closing the window hides it and the app keeps running in the tray, so reply checks, Autopilot and
 * texts waiting to go out go on. Only Quit really stops it. The first close says so, once.
 */
export function keepRunningWhenClosed(window: ClosableWindow, options: KeepRunningOptions): void {
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
    if (!options.hintShown()) {
      options.markHintShown();
      options.showHint();
    }
  });
}

/** The quitting flag: set by `before-quit`, which every real quit passes through. */
export function quitTracker(app: { on(event: 'before-quit', listener: () => void): unknown }): { isQuitting(): boolean } {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  return { isQuitting: () => quitting };
}
