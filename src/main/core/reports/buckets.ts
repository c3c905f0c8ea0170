import type { ReportGrouping } from '../../../shared/contract';
import { startOfDay } from '../billing/history';

/** One span of a report: its first day on the business's calendar and its UTC bounds. */
export interface Bucket {
  day: string;
  start: number;
  end: number;
}

/** At most this many spans in one report (two years of days). */
export const MAX_BUCKETS = 731;

const DAY_MS = 86_400_000;
const asDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
const asDay = (date: Date): string => date.toISOString().slice(0, 10);
const addDays = (day: string, n: number): string => asDay(new Date(asDate(day).getTime() + n * DAY_MS));

/** The first day of the span after the one `day` is in (weeks start on Monday). */
function nextStart(day: string, grouping: ReportGrouping): string {
  if (grouping === 'day') return addDays(day, 1);
  if (grouping === 'week') {
    const weekday = (asDate(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    return addDays(day, 7 - weekday);
  }
  const date = asDate(day);
  return asDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

/**
 * The spans from `fromDay` to `toDay` (both included) by day, week or month, cut at the
 * business's own midnights: SQLite knows no time zones, so the bounds are worked out here and
 * handed to the queries as ranges. A day the clocks change on is 23 or 25 hours long. The first
 * and last spans are cut to the range (a week starting before `fromDay` starts at `fromDay`).
 */
export function bucketsFor(fromDay: string, toDay: string, grouping: ReportGrouping, timeZone: string): Bucket[] | null {
  const days: string[] = [];
  const stop = addDays(toDay, 1);
  for (let day = fromDay; day < stop; day = nextStart(day, grouping)) {
    // Null: too many spans for one report (the caller asks for a shorter range or wider spans).
    if (days.length === MAX_BUCKETS) return null;
    days.push(day);
  }
  return days.map((day, i) => ({ day, start: startOfDay(day, timeZone), end: startOfDay(days[i + 1] ?? stop, timeZone) }));
}
