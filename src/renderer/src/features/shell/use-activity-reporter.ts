import { useEffect } from 'react';
import { MIN_IDLE_LOCK_MINUTES } from '../../../../shared/contract';
import { reportActivity } from '../../api/queries';

/**
 * At most one report per this long. A key or click between reports is still reported once the
 * interval is up, so main hears of every action within this time: a sixth of the shortest idle
 * lock, so a person who is working is never locked out.
 */
export const REPORT_EVERY_MS = (MIN_IDLE_LOCK_MINUTES * 60_000) / 6;

const PERSON_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Tells main someone is at the desk, so the idle auto-lock only fires when nobody is. Only what a
 * person does counts: main ignores background polling when deciding whether the desk is idle.
 */
export function useActivityReporter(): void {
  useEffect(() => {
    let lastReport = Number.NEGATIVE_INFINITY;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      lastReport = Date.now();
      reportActivity();
    };
    const report = () => {
      const wait = lastReport + REPORT_EVERY_MS - Date.now();
      if (wait <= 0) send();
      else
        pending ??= setTimeout(() => {
          pending = null;
          send();
        }, wait);
    };
    for (const name of PERSON_EVENTS) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of PERSON_EVENTS) window.removeEventListener(name, report);
      if (pending !== null) clearTimeout(pending);
    };
  }, []);
}
