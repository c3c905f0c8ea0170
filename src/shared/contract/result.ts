import { z } from 'zod';

/** Every failure that may cross the bridge. Add codes here; never send raw exceptions. */
export const appErrorCodes = [
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'PERMISSION_DENIED',
  'SESSION_LOCKED',
  'BAD_CREDENTIALS',
  'LOCKED_OUT',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'INSUFFICIENT_CREDITS',
  'OUTSIDE_SMS_HOURS',
  'CARRIER_ERROR',
  'OFFLINE',
  'INTERNAL',
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export const appErrorSchema = z.object({
  code: z.enum(appErrorCodes),
  message: z.string(),
  /** Machine-readable extra facts for the UI (e.g. needed vs available credits). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

export type AppErrorData = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Thrown inside main-process services; the router turns it into a Result. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: AppErrorData['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): AppErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const fail = (code: AppErrorCode, message: string, details?: AppErrorData['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
