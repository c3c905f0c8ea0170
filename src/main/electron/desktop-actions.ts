import type { DesktopAction } from '../../shared/desktop/shortcuts';

/**
 * What the tray and the menu can ask of the desk. index.ts implements it with Electron: show the
 * window, then tell its page which screen or sheet to open (`desktop.action`), or quit for real.
 */
export interface DesktopCommands {
  /** Brings the window back (shown, restored, focused), opening one if it was closed. */
  showWindow(): void;
  /** Shows the window and asks its page for this action (the page knows the screens and the lock). */
  act(action: DesktopAction): void;
  /** Really quits: the window's close no longer just hides it. */
  quit(): void;
}

/** The part of a window that showing it again needs (Electron's BrowserWindow). */
export interface ShowableWindow {
  isMinimized(): boolean;
  restore(): void;
  isVisible(): boolean;
  show(): void;
  focus(): void;
}

/** Brings a hidden, minimized or buried window to the front. */
export function bringForward(window: ShowableWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
