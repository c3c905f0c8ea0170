import type { ReportGrouping } from '../../../../shared/contract';

/** Today on the desk's calendar as YYYY-MM-DD. */
export const today = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface ReportRange {
  fromDay: string;
  toDay: string;
  grouping: ReportGrouping;
}

/** What the screen opens on: the last 30 days, day by day. */
export const defaultRange = (now = new Date()): ReportRange => ({ fromDay: addDays(today(now), -29), toDay: today(now), grouping: 'day' });

/** A range the screen can ask for: both dates given, in order. */
export const isComplete = (range: ReportRange): boolean => /^\d{4}-\d{2}-\d{2}$/.test(range.fromDay) && /^\d{4}-\d{2}-\d{2}$/.test(range.toDay) && range.fromDay <= range.toDay;
