import { useEffect } from 'react';
import { bridge } from '../../api/bridge';

const REPORT_EVERY_MS = 30_000;

/** Tells main someone is at the desk, so the idle auto-lock only fires when nobody is. */
export function useActivityReporter(): void {
  useEffect(() => {
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      void bridge().call['session.activity']();
    };
    window.addEventListener('keydown', report);
    window.addEventListener('pointerdown', report);
    return () => {
      window.removeEventListener('keydown', report);
      window.removeEventListener('pointerdown', report);
    };
  }, []);
}
