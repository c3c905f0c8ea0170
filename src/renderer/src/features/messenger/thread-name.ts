import { formatPhone } from '../../../../shared/phone/e164';

/** The contacts using a number, shown together ("Ana Lopez & Ben Lopez"), or the number when none is known. */
export function threadName(thread: { phone: string; names: readonly string[] }, country: string): string {
  if (thread.names.length === 0) return formatPhone(thread.phone, country);
  if (thread.names.length <= 2) return thread.names.join(' & ');
  return `${thread.names.slice(0, 2).join(', ')} & ${thread.names.length - 2} more`;
}
