import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `delayMs`: one call to main per pause in typing, not
 * per keystroke. Compared by identity, so callers pass a memoized value (a fresh object literal
 * each render would restart the wait for ever).
 */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
