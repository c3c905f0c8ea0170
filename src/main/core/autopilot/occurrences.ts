import type { ClassMeeting } from '../../../shared/contract/contacts';
import { weekdays } from '../../../shared/contract/contacts';
import type { Trigger } from '../../../shared/contract/autopilot';
import { DAY, MINUTE, dayOf, instantAt, minutesOf, wallAt, wallOfLocal, weekdayOfDay } from './zone-time';

/** What a trigger needs besides itself: the business's zone and, for a class, its weekly meetings. */
export interface OccurrenceContext {
  timeZone: string;
  /** The meetings of the class a class-session trigger names (empty when it is gone). */
  meetings: readonly ClassMeeting[];
}

/** A fixed time of day on each local day in [firstDay, lastDay] whose weekday is in `days` (0 = Sunday). */
function daily(timeZone: string, firstDay: number, lastDay: number, days: ReadonlySet<number>, minutes: number): number[] {
  const out: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (days.has(weekdayOfDay(day))) out.push(instantAt(timeZone, day * DAY + minutes * MINUTE));
  }
  return out;
}

const EVERY_DAY = new Set([0, 1, 2, 3, 4, 5, 6]);

/**
 * Every occurrence of a timed trigger in (from, to], oldest first, at most `limit`. Times are read
 * on the business's wall clock, so a 09:00 reminder stays at 09:00 local across daylight-saving
 * changes. A new-contact trigger has no times (see the runner).
 */
export function occurrencesBetween(trigger: Trigger, ctx: OccurrenceContext, from: number, to: number, limit = 500): number[] {
  if (to <= from) return [];
  const { timeZone } = ctx;
  // One spare local day either side covers any offset; the filter below keeps only (from, to].
  const firstDay = dayOf(wallAt(timeZone, from)) - 1;
  const lastDay = dayOf(wallAt(timeZone, to)) + 1;
  let times: number[];
  switch (trigger.kind) {
    case 'once':
      times = [instantAt(timeZone, wallOfLocal(trigger.at))];
      break;
    case 'weekly':
      times = daily(timeZone, firstDay, lastDay, new Set(trigger.days.map((d) => weekdays.indexOf(d))), minutesOf(trigger.time));
      break;
    case 'birthday':
      times = daily(timeZone, firstDay, lastDay, EVERY_DAY, minutesOf(trigger.time));
      break;
    case 'classSession': {
      // A meeting at most a week away can fall due in the range: look that much further ahead.
      const lead = trigger.minutesBefore * MINUTE;
      const ahead = Math.ceil(lead / DAY) + 1;
      times = ctx.meetings.flatMap((m) =>
        daily(timeZone, firstDay, lastDay + ahead, new Set([weekdays.indexOf(m.weekday)]), minutesOf(m.start)).map((t) => t - lead));
      break;
    }
    case 'newContact':
      times = [];
  }
  return [...new Set(times)].filter((t) => t > from && t <= to).sort((a, b) => a - b).slice(0, limit);
}

/** The next `count` occurrences after `from`, looking at most a year ahead. */
export function nextOccurrences(trigger: Trigger, ctx: OccurrenceContext, from: number, count: number): number[] {
  const found: number[] = [];
  // A month at a time: a weekly trigger fills 10 runs in three months, a date once in a year.
  for (let start = from; found.length < count && start < from + 366 * DAY; start += 31 * DAY) {
    found.push(...occurrencesBetween(trigger, ctx, start, Math.min(start + 31 * DAY, from + 366 * DAY), count - found.length));
  }
  return found;
}
