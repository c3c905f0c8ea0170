/**
 * Wall-clock time in a named time zone, through Intl only (no offsets written by hand). A "wall"
 * value is the local reading encoded as if it were UTC ms, so day arithmetic on it is plain
 * integer maths and daylight saving stays out of everything but the two conversions here.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The reading of the clocks in `timeZone` at the instant `at`, as a wall value. */
export function wallAt(timeZone: string, at: number): number {
  const p = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of formatter(timeZone).formatToParts(at)) if (type in p) p[type as keyof typeof p] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + (((at % 1000) + 1000) % 1000);
}

const offsetAt = (timeZone: string, at: number): number => wallAt(timeZone, at) - at;

/**
 * The instant at which the clocks in `timeZone` read `wall`. Where the clocks go back and a
 * reading happens twice, the first; where they jump forward over it, the reading as if the clocks
 * had not jumped yet, which lands just after the jump (02:30 on a spring-forward night is 03:30) —
 * the "compatible" choice of Temporal and of most calendars. No zone changes its offset twice
 * within two days, so the offsets a day either side are the only two that can apply.
 */
export function instantAt(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const fits = [wall - before, wall - after].filter((t) => wallAt(timeZone, t) === wall).sort((a, b) => a - b);
  return fits[0] ?? wall - before;
}

/** The local day number (days since 1970-01-01 on the local calendar) of a wall value. */
export const dayOf = (wall: number): number => Math.floor(wall / DAY);
/** 0 = Sunday. 1970-01-01 was a Thursday. */
export const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;
/** 'HH:MM' → minutes after midnight. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** 'YYYY-MM-DDTHH:MM' → wall value. */
export const wallOfLocal = (local: string): number =>
  Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10))) + minutesOf(local.slice(11, 16)) * MINUTE;
/** 'MM-DD' of a local day number. */
export const monthDayOf = (day: number): string => new Date(day * DAY).toISOString().slice(5, 10);
