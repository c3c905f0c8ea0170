import type { ReactNode } from 'react';
import { useLock, useSignOut } from '../../api/queries';
import { useUi, type Theme } from '../../stores/ui-store';

const themeLabels: Record<Theme, string> = { system: 'Match computer', light: 'Light', dark: 'Dark' };

export function TopBar({ name, children }: { name: string; children?: ReactNode }) {
  const signOut = useSignOut();
  const lock = useLock();
  const { theme, setTheme } = useUi();
  return (
    <header className="top-bar">
      <span className="brand">SMS Desk</span>
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
    </header>
  );
}
