import { formatPhone } from '../../../../shared/phone/e164';
import { formatShortWhen, formatTime } from '../compose/timing';

/** The contacts using a number, shown together ("Ana Lopez & Ben Lopez"), or the number when none is known. */
export function threadName(thread: { phone: string; names: readonly string[] }, country: string): string {
  if (thread.names.length === 0) return formatPhone(thread.phone, country);
  if (thread.names.length <= 2) return thread.names.join(' & ');
  return `${thread.names.slice(0, 2).join(', ')} & ${thread.names.length - 2} more`;
}

/** A row's time: just the time for today (as mail apps list it), else the day and time. */
export const rowWhen = (at: number, now: number): string => (new Date(at).toDateString() === new Date(now).toDateString() ? formatTime(at) : formatShortWhen(at, now));
