/**
 * The desk's keyboard shortcuts, in one list: the desktop menu shows them (src/main/electron/app-menu.ts)
 * and the renderer both handles the keys and lists them in its shortcuts sheet, in the desktop app and
 * in browser mode alike. The tray and the menu ask the window for an action with `desktop.action`.
 */
export const desktopActions = ['compose', 'messenger', 'lock', 'shortcuts'] as const;
export type DesktopAction = (typeof desktopActions)[number];

export interface Shortcut {
  action: DesktopAction;
  /** The menu's label and the sheet's wording. */
  label: string;
  /** Electron's accelerator syntax: CmdOrCtrl is ⌘ on a Mac, Ctrl elsewhere. */
  accelerator: string;
  /** A second key that does the same outside a text box, shown beside the first. */
  alsoKey?: string;
}

// Keys a browser keeps for itself (Ctrl+N, Ctrl+Shift+M, Ctrl+Shift+C…) are avoided: browser mode gets the same ones.
export const shortcuts: readonly Shortcut[] = [
  { action: 'compose', label: 'Compose a text', accelerator: 'CmdOrCtrl+Shift+E' },
  { action: 'messenger', label: 'Open Messenger Center', accelerator: 'CmdOrCtrl+Shift+H' },
  { action: 'lock', label: 'Lock the desk', accelerator: 'CmdOrCtrl+L' },
  { action: 'shortcuts', label: 'Show keyboard shortcuts', accelerator: 'CmdOrCtrl+K', alsoKey: '?' },
];

/** How an accelerator reads on this computer: "Ctrl+Shift+M", or "⌘⇧M" on a Mac. */
export function keysLabel(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+');
  if (!mac) return parts.map((part) => (part === 'CmdOrCtrl' ? 'Ctrl' : part)).join('+');
  const symbols: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
  return parts.map((part) => symbols[part] ?? part).join('');
}

/** The shortcut a key press asks for, or null. `typing`: the focus is in a text box (then `?` is just a character). */
export function shortcutFor(
  event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  mac: boolean,
  typing: boolean,
): DesktopAction | null {
  if (event.key === '?' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) return 'shortcuts';
  const command = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!command || event.altKey) return null;
  for (const shortcut of shortcuts) {
    const parts = shortcut.accelerator.split('+');
    const key = parts[parts.length - 1] ?? '';
    if (parts.includes('Shift') === event.shiftKey && event.key.toUpperCase() === key.toUpperCase()) return shortcut.action;
  }
  return null;
}
