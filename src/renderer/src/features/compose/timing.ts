import { MAX_SCHEDULE_AHEAD_MS, SCHEDULE_TOO_FAR, type SendTiming } from '../../../../shared/contract';

export type TimingChoice = 'now' | 'next_opening' | 'at';

/** A `datetime-local` value is this computer's wall-clock time; null when empty or invalid. */
export function parseLocalDateTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}

/** The timing main is asked for, or a sentence saying what is missing. */
export function toSendTiming(choice: TimingChoice, localValue: string, now: number): { ok: true; timing: SendTiming } | { ok: false; problem: string } {
  if (choice === 'now') return { ok: true, timing: { kind: 'now' } };
  if (choice === 'next_opening') return { ok: true, timing: { kind: 'next_opening' } };
  const at = parseLocalDateTime(localValue);
  if (at === null) return { ok: false, problem: 'Choose the date and time to send it.' };
  if (at <= now) return { ok: false, problem: 'That time has passed. Choose a later one, or send it now.' };
  if (at > now + MAX_SCHEDULE_AHEAD_MS) return { ok: false, problem: SCHEDULE_TOO_FAR };
  return { ok: true, timing: { kind: 'at', at } };
}

/** What a list shows for a time no calendar can show (a damaged stored value): the row stays readable. */
export const UNKNOWN_TIME = 'unknown time';

/**
 * Formats a time, or says it is unknown. Intl throws "Invalid time value" for NaN or anything past
 * ±8.64e15 ms, and one throw while drawing a list used to blank the whole window.
 */
export function formatTimeSafely(format: Intl.DateTimeFormat, at: number): string {
  return Number.isNaN(new Date(at).getTime()) ? UNKNOWN_TIME : format.format(at);
}

const whenFormat = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });

export const formatWhen = (at: number): string => formatTimeSafely(whenFormat, at);

const timeOnly = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

export const formatTime = (at: number): string => formatTimeSafely(timeOnly, at);

/** Short, for lists: "Today 11:00 AM", or "Nov 24, 11:00 AM" on another day. */
export const formatShortWhen = (at: number, now: number): string =>
  new Date(at).toDateString() === new Date(now).toDateString() ? `Today ${formatTimeSafely(timeOnly, at)}` : formatTimeSafely(dayAndTime, at);
