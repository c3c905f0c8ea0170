import { creditAdjustmentSchema, type ChannelInput } from '../../../../shared/contract';

type Adjustment = ChannelInput<'credits.adjust'>;
export interface AdjustmentErrors {
  credits?: string;
  reason?: string;
}

const WHOLE_NUMBER = /^[+-]?\d+$/;

/**
 * Checks the form with main's own schema so both sides agree, but reads the number first:
 * Number('') is 0 and Number('1e3') is 1000, which would hide what the person typed.
 */
export function parseAdjustment(amount: string, reason: string): { ok: true; value: Adjustment } | { ok: false; errors: AdjustmentErrors } {
  const text = amount.trim().replace(/,/g, '');
  const errors: AdjustmentErrors = {};
  if (!WHOLE_NUMBER.test(text)) errors.credits = 'Enter a whole number of credits, like 500 to add or -20 to remove.';
  const parsed = creditAdjustmentSchema.safeParse({ credits: errors.credits ? 1 : Number(text), reason });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'credits' || field === 'reason') && !errors[field]) errors[field] = issue.message;
    }
  }
  return parsed.success && !errors.credits ? { ok: true, value: parsed.data } : { ok: false, errors };
}
