import { weekdayNames, type WeeklySchedule } from './weekly-schedule';

/** Settings → Available SMS Hours: the weekly windows, read on the business's wall clock. */
export interface AvailableHours {
  timeZone: string;
  schedule: WeeklySchedule;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const mod = (n: number, m: number): number => ((n % m) + m) % m;
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
// 1970-01-01 was a Thursday.
const weekdayOf = (localDay: number): number => mod(localDay + 4, 7);

// Building a formatter costs far more than using one, and the dispatcher asks on every tick.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock reading in `timeZone` at `at`, encoded as if that reading were UTC ms. Day arithmetic on
 * the result is plain integer maths, which keeps DST out of everything but the conversion itself.
 */
function wall(timeZone: string, at: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const p = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of format.formatToParts(at)) if (type in p) p[type as keyof typeof p] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + mod(at, 1000);
}

/**
 * Every UTC offset in force over [from, to], and the exact instants at which it changes. Sampling every
 * 12 hours is safe because no zone changes its offset twice within 12 hours; a binary search then finds
 * the change to the millisecond, so a window the clock jumps into opens exactly at the jump.
 */
function offsetsBetween(timeZone: string, from: number, to: number): { offsets: Set<number>; changes: number[] } {
  const offsetAt = (t: number): number => wall(timeZone, t) - t;
  let prev = from;
  let prevOffset = offsetAt(from);
  const offsets = new Set([prevOffset]);
  const changes: number[] = [];
  while (prev < to) {
    const next = Math.min(prev + 12 * HOUR, to);
    const offset = offsetAt(next);
    if (offset !== prevOffset) {
      let [lo, hi] = [prev, next];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
      offsets.add(offset);
    }
    [prev, prevOffset] = [next, offset];
  }
  return { offsets, changes };
}

/**
 * The first instant in (at, at + 7 days] at which being open becomes `open`, or null if there is none.
 * Openness can only flip where the clock reads a window edge or where the clock jumps, so those are the
 * only candidates. Candidates built with an offset not in force at that instant are merely extra points:
 * every point before the real flip still has the old state, so they can never be picked by mistake.
 */
function firstFlip(hours: AvailableHours, at: number, open: boolean): number | null {
  const { timeZone, schedule } = hours;
  const horizon = at + WEEK;
  const { offsets, changes } = offsetsBetween(timeZone, at, horizon);
  const candidates = [...changes];
  // One spare local day on each side covers any wall reading the week reaches, whatever the offset does.
  const today = Math.floor(wall(timeZone, at) / DAY);
  for (let day = today - 1; day <= today + 8; day++) {
    for (const window of schedule[weekdayOf(day)] ?? []) {
      const local = day * DAY + minutes(open ? window.start : window.end) * MINUTE;
      // A repeated fall-back hour yields two real instants; a spring-forward gap yields none, and the jump stands in.
      for (const offset of offsets) candidates.push(local - offset);
    }
  }
  return (
    candidates
      .filter((t) => t > at && t <= horizon)
      .sort((a, b) => a - b)
      .find((t) => isWithinHours(hours, t) === open) ?? null
  );
}

/** True when `at` (UTC epoch ms) falls inside an opening: start inclusive, end exclusive, in local time. */
export function isWithinHours(hours: AvailableHours, at: number): boolean {
  const local = wall(hours.timeZone, at);
  const day = Math.floor(local / DAY);
  const time = local - day * DAY;
  return (hours.schedule[weekdayOf(day)] ?? []).some((w) => minutes(w.start) * MINUTE <= time && time < minutes(w.end) * MINUTE);
}

/** The first UTC ms >= at when sending is allowed (at itself if open now); null if the schedule has no openings at all. */
export function nextOpening(hours: AvailableHours, at: number): number | null {
  if (!hours.schedule.some((day) => day.some((w) => w.start < w.end))) return null;
  // A week passes without an opening only when the sole window sits in a spring-forward gap, which the
  // following week cannot repeat; the cap just stops malformed input from looping forever.
  for (let from = at, week = 0; week < 3; from += WEEK, week++) {
    if (isWithinHours(hours, from)) return from;
    const found = firstFlip(hours, from, true);
    if (found !== null) return found;
  }
  return null;
}

/** The first UTC ms > at when the current opening closes; null when closed now. */
export function currentClosing(hours: AvailableHours, at: number): number | null {
  return isWithinHours(hours, at) ? firstFlip(hours, at, false) : null;
}

const monthDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric' });

/** Human wording for UI and errors, e.g. "Monday at 08:00" (local), or "today at 08:00"/"tomorrow at 08:00" relative to `at`. */
export function describeOpening(hours: AvailableHours, opening: number, at: number): string {
  const local = wall(hours.timeZone, opening);
  const day = Math.floor(local / DAY);
  const days = day - Math.floor(wall(hours.timeZone, at) / DAY);
  const minute = Math.floor((local - day * DAY) / MINUTE);
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  const name = weekdayNames[weekdayOf(day)] ?? '';
  // A bare weekday is only unambiguous within the coming week; past that (or in the past) add the date.
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days > 1 && days < 7 ? name : `${name}, ${monthDay.format(day * DAY)}`;
  return `${when} at ${time}`;
}
