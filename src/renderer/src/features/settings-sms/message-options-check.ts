import { messageOptionsSchema, type MessageOptions } from '../../../../shared/sms/message-options';

export type OptionErrors = Partial<Record<keyof MessageOptions, string>>;

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
export const speedFormatError = 'Enter a number, like 1 or 0.5.';

/** The speed as typed, so "0." or "" stay on screen while someone is still typing. */
export function readSpeed(text: string): number | null {
  const plain = text.trim().replace(/,/g, '');
  return DECIMAL.test(plain) ? Number(plain) : null;
}

/**
 * Checks the form with main's own schema so both sides agree. Errors are keyed by option,
 * so each one can sit under its own field.
 */
export function checkMessageOptions(options: MessageOptions, speedText: string): { ok: true; value: MessageOptions } | { ok: false; errors: OptionErrors } {
  const speed = readSpeed(speedText);
  const errors: OptionErrors = speed === null ? { messagesPerSecond: speedFormatError } : {};
  const parsed = messageOptionsSchema.safeParse({ ...options, messagesPerSecond: speed ?? options.messagesPerSecond });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof MessageOptions | undefined;
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  return parsed.success && speed !== null ? { ok: true, value: parsed.data } : { ok: false, errors };
}
