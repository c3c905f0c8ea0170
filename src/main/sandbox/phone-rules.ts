import { sandboxTriggers } from '../../shared/sandbox/trigger-values.ts';
import type { SimSettings } from './settings.ts';

/**
 * Why Twilio would refuse a `To` number at request time, before anything is queued.
 * Twilio's own magic test numbers behave as documented for test credentials
 * (twilio.com/docs/iam/test-credentials), so code written against them keeps working here.
 */
const MAGIC_TO: Readonly<Record<string, number>> = {
  '+15005550001': 21211, // invalid number
  '+15005550002': 21612, // cannot route to this number
  '+15005550003': 21408, // no international permissions
  '+15005550004': 21610, // blocked (opted out)
  [sandboxTriggers.landlineNumber]: 21614, // +15005550009: not a mobile number (a landline)
};

const E164 = /^\+[1-9]\d{6,14}$/;
// North American numbering plan: area code and exchange start with 2-9.
const NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** Returns the Twilio error code for an unusable destination, or null when it can be texted. */
export function destinationError(to: string, settings: SimSettings): number | null {
  const magic = MAGIC_TO[to];
  if (magic !== undefined) return magic;
  if (!E164.test(to)) return 21211;
  if (to.startsWith('+1')) {
    // 555 is not a real area code; such numbers only appear in fiction and typos.
    if (!NANP.test(to) || to.startsWith('+1555')) return 21211;
  }
  const allowed = settings.allowedCallingCodes.some((code) => to.startsWith(`+${code}`));
  if (!allowed) return 21408;
  if (settings.landlineNumbers.includes(to)) return 21614;
  return null;
}
