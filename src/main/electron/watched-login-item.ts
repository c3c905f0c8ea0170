import type { LoginItem } from './tray';

/** A login item that says when it is turned on or off, wherever from (the tray or Settings). */
export interface WatchedLoginItem extends LoginItem {
  onChange(listener: () => void): () => void;
}

/** Keeps the tray's checkbox and the Settings toggle in step: both set through this one. */
export function watchLoginItem(item: LoginItem | null): WatchedLoginItem | null {
  if (item === null) return null;
  const listeners = new Set<() => void>();
  return {
    isOn: () => item.isOn(),
    set: (on) => {
      item.set(on);
      for (const listener of listeners) listener();
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
