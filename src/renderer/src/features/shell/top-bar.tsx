import type { ReactNode } from 'react';
import { useLock, useSignOut } from '../../api/queries';
import { useUi, type Theme } from '../../stores/ui-store';
import { ConnectionIndicator } from './connection-indicator';
import { useDesktopActions } from './desktop-action-store';
import { ShortcutsSheet, useShortcuts } from './shortcuts';

const themeLabels: Record<Theme, string> = { system: 'Match computer', light: 'Light', dark: 'Dark' };

export function TopBar({ name, children }: { name: string; children?: ReactNode }) {
  const signOut = useSignOut();
  const lock = useLock();
  const { theme, setTheme } = useUi();
  const ask = useDesktopActions((state) => state.ask);
  // The bar is there whenever someone is signed in and the desk is unlocked: so are the shortcuts.
  useShortcuts();
  return (
    <header className="top-bar">
      <span className="brand">SMS Desk</span>
      <ConnectionIndicator />
      {children}
      <span className="who" aria-label="Signed in as">
        {name}
      </span>
      <label className="theme-picker">
        <span>Theme</span>
        <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
          {(Object.keys(themeLabels) as Theme[]).map((value) => (
            <option key={value} value={value}>
              {themeLabels[value]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => signOut.mutate(undefined)}>
        Switch user
      </button>
      <button type="button" onClick={() => lock.mutate(undefined)}>
        Lock
      </button>
      <button type="button" onClick={() => signOut.mutate(undefined)}>
        Sign out
      </button>
      <button type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (Ctrl+K or ?)" onClick={() => ask('shortcuts')}>
        ?
      </button>
      <ShortcutsSheet />
    </header>
  );
}
