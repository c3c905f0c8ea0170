/**
 * Twilio error codes SMS Desk can meet, in words a gym owner can act on.
 *
 * Pure data shared by main (to classify failures and decide on retries) and the renderer (to
 * show the same sentence in the batch report, the registration screen and the inbox).
 * Sources: twilio.com/docs/api/errors/<code> and ../shared/twilio-api-notes.md §3.6.
 */

/**
 * What a repeat of the same request would do:
 * - `safe`: Twilio did not act on it; send again after a pause.
 * - `never`: permanent for this message or number; retrying only fails again.
 * - `check_first`: Twilio may have acted; look the message up before sending again.
 */
export type CarrierRetry = 'safe' | 'never' | 'check_first';

/**
 * What a sending engine does next after a failed request; the adapter derives it from this
 * table, so the engine itself knows no carrier codes:
 * - `slow_down`: the carrier asked for fewer requests; send fewer at once, pause briefly, send again.
 * - `reconnect`: the carrier could not be reached; pause briefly, send again.
 * - `back_off`: nothing was sent; send again after a growing wait.
 * - `look_up_first`: it may have been sent; look it up in the carrier's log before any new attempt.
 * - `wait_for_fix`: an account problem an admin must fix; every text would fail the same way, so pause.
 * - `never`: this text will never go; fail it and refund it.
 */
export type CarrierRetryHint = 'slow_down' | 'reconnect' | 'back_off' | 'look_up_first' | 'wait_for_fix' | 'never';

/** Whether a failed request reached the carrier (see CarrierErrorKind in the carrier port). */
export type CarrierFailureKind = 'not_sent' | 'rejected' | 'in_doubt';

/**
 * Who the problem belongs to, so a sending engine knows whether to fail one recipient or pause
 * the whole outbox and tell an admin:
 * - `recipient`: this number only; the rest of a send goes on.
 * - `message`: this one send request (its text, its options); retrying it unchanged fails again.
 * - `account`: the account, the sender or the Messaging Service; every text would fail the same
 *   way, so the outbox pauses until an admin fixes it.
 */
export type CarrierErrorScope = 'recipient' | 'message' | 'account';

export interface CarrierErrorInfo {
  readonly code: number;
  /** Short label for lists and badges. */
  readonly title: string;
  /** One or two sentences telling the owner what to do next. */
  readonly action: string;
  readonly retry: CarrierRetry;
  readonly scope: CarrierErrorScope;
  /** The recipient asked not to be texted: the number must be opted out everywhere. */
  readonly optOut?: true;
  /** The recipient cannot receive SMS (landline, unknown or unreachable handset). */
  readonly notTextable?: true;
  /** The carrier refused because too much is being sent: send fewer at once. */
  readonly slowDown?: true;
  /**
   * Reported on a delivery status, this holds mass sending back for a while: more of the same
   * texts would meet the same block (and harm the number's standing). The sentence says why.
   */
  readonly pausesSending?: string;
}

const entries: readonly CarrierErrorInfo[] = [
  // Account and request errors (HTTP 4xx/5xx from the REST API).
  { code: 20003, title: 'Twilio sign-in failed', retry: 'never', scope: 'account',
    action: 'Twilio did not accept the Account SID and Auth Token. An admin should re-enter them in Settings → SMS and press Test connection.' },
  { code: 20404, title: 'Not found at Twilio', retry: 'never', scope: 'message',
    action: 'Twilio has no record of this item. If it was deleted in the Twilio Console, start the step again.' },
  { code: 20429, title: 'Twilio is busy', retry: 'safe', scope: 'account', slowDown: true,
    action: 'Twilio asked SMS Desk to slow down. Nothing was sent; the message will be retried automatically.' },
  { code: 20500, title: 'Twilio internal error', retry: 'check_first', scope: 'account',
    action: 'Twilio had an internal problem. SMS Desk checks whether the message went out before trying again.' },
  { code: 20503, title: 'Twilio unavailable', retry: 'check_first', scope: 'account',
    action: 'Twilio is temporarily unavailable. SMS Desk will check and retry; see status.twilio.com if it lasts.' },
  { code: 21211, title: 'Invalid phone number', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'This phone number is not valid. Correct it on the contact (include the area code); the credit was refunded.' },
  { code: 21408, title: 'Country not enabled', retry: 'never', scope: 'recipient',
    action: 'Texting this country is not enabled for your Twilio account. Enable it under Messaging → Geo permissions in the Twilio Console, or contact support.' },
  { code: 21421, title: 'Phone number not valid', retry: 'never', scope: 'message',
    action: 'That phone number cannot be bought. Search again and pick another number.' },
  { code: 21422, title: 'Number no longer available', retry: 'never', scope: 'message',
    action: 'Someone else took that number first. Search the area code again and pick another number.' },
  { code: 21606, title: 'Sender cannot text', retry: 'never', scope: 'account',
    action: 'The sending number cannot send SMS. Register a new SMS-capable number in Settings → SMS.' },
  // Per recipient: a trial account still texts the numbers verified on it.
  { code: 21608, title: 'Number not verified on a trial account', retry: 'never', scope: 'recipient',
    action: 'A Twilio trial account can only text numbers verified on it. Verify this number in the Twilio Console, or upgrade the Twilio account.' },
  { code: 21610, title: 'Recipient opted out', retry: 'never', scope: 'recipient', optOut: true,
    action: 'This person replied STOP, so they are opted out. They must text START to this number to receive messages again.' },
  { code: 21611, title: 'Sending queue full', retry: 'safe', scope: 'account', slowDown: true,
    action: 'Your number has about 10 hours of texts waiting. Sending pauses and resumes as the queue drains; add a number to send faster.' },
  { code: 21612, title: 'Cannot reach this number', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'Twilio cannot route texts to this number from your sender. Check the number or contact the family another way.' },
  { code: 21614, title: 'Not a mobile number', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'This looks like a landline or a number that cannot receive texts. Ask the family for a mobile number, or use email.' },
  { code: 21617, title: 'Message too long', retry: 'never', scope: 'message',
    action: 'The message is over 1,600 characters. Shorten it and send again.' },
  { code: 21635, title: 'Landline', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'This number is a landline and cannot receive texts. Ask the family for a mobile number, or use email.' },
  { code: 21701, title: 'Messaging service not found', retry: 'never', scope: 'account',
    action: 'Twilio no longer has the messaging service SMS Desk sends through. An admin should check Settings → SMS; texts wait until it is fixed.' },
  { code: 21702, title: 'Messaging service cannot send', retry: 'never', scope: 'account',
    action: 'Twilio says the messaging service cannot send right now. An admin should check it in the Twilio Console; texts wait until it is fixed.' },
  { code: 21703, title: 'No sending number', retry: 'never', scope: 'account',
    action: 'The messaging service has no phone number. Register a phone number in Settings → SMS first.' },
  { code: 21704, title: 'Messaging service sender problem', retry: 'never', scope: 'account',
    action: 'A number in the messaging service cannot send. An admin should check the numbers in Settings → SMS; texts wait until it is fixed.' },
  { code: 21705, title: 'Messaging service not valid', retry: 'never', scope: 'account',
    action: 'Twilio does not accept the messaging service SMS Desk sends through. An admin should check Settings → SMS; texts wait until it is fixed.' },
  // Delivery errors reported on the message itself (status failed or undelivered).
  { code: 30001, title: 'Queue overflow', retry: 'never', scope: 'account',
    action: 'Too many messages were waiting and this one expired in the queue. Send large batches earlier, or add a number to send faster.' },
  { code: 30002, title: 'Twilio account suspended', retry: 'never', scope: 'account',
    action: 'Twilio suspended the account. An admin should check billing and messages in the Twilio Console.' },
  { code: 30003, title: 'Phone unreachable', retry: 'never', scope: 'recipient',
    action: 'The phone was off or out of coverage and the carrier gave up. Try again later, or reach the family another way.' },
  { code: 30004, title: 'Blocked by recipient', retry: 'never', scope: 'recipient',
    action: 'The recipient or their carrier blocked messages from your number. Contact the family another way.' },
  { code: 30005, title: 'Unknown number', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'The carrier says this number does not exist. Check it with the family and correct the contact.' },
  { code: 30006, title: 'Landline or unreachable carrier', retry: 'never', scope: 'recipient', notTextable: true,
    action: 'This is a landline or a carrier that cannot take texts. Ask for a mobile number, or use email.' },
  { code: 30007, title: 'Filtered as spam', retry: 'never', scope: 'message',
    action: 'The carrier filtered this message. Avoid link shorteners, all-caps and words like "free" or "$", include your business name, and try again.',
    pausesSending: 'Carriers filtered some of these texts as spam, so sending is paused for a while. Check the wording: no link shorteners, all-caps or words like "free", and include your business name.' },
  { code: 30008, title: 'Unknown delivery error', retry: 'never', scope: 'recipient',
    action: 'The carrier did not say why delivery failed. Try again later; if it keeps failing, contact the family another way.' },
  { code: 30034, title: 'Number not registered (10DLC)', retry: 'never', scope: 'account',
    action: 'US carriers block texts from numbers without an approved brand and campaign. Finish registration in Settings → SMS before sending.',
    pausesSending: 'US carriers are blocking texts from your number because its registration is not complete, so sending is paused. An admin can finish it in Settings → SMS.' },
  { code: 30036, title: 'Expired before sending', retry: 'never', scope: 'message',
    action: 'The message waited longer than its validity period, so it was not sent (this avoids late "class cancelled" notices). Send a fresh message if it still matters.' },
  { code: 30409, title: 'Cannot cancel', retry: 'never', scope: 'message',
    action: 'Only a scheduled message that has not started sending can be cancelled.' },
  { code: 30702, title: 'Brand not found at the registry', retry: 'never', scope: 'account',
    action: 'The brand is no longer active at The Campaign Registry. Press Reset Brand and register it again.' },
  { code: 30790, title: 'Registration system error', retry: 'never', scope: 'account',
    action: 'Brand registration hit an internal Twilio error. Contact SMS Desk support with the time it happened.' },
  { code: 30792, title: 'Registration system error', retry: 'never', scope: 'account',
    action: 'Brand registration hit a general Twilio error. Contact SMS Desk support with the time it happened.' },
  { code: 30799, title: 'Tax ID mismatch', retry: 'never', scope: 'account',
    action: 'The legal business name and EIN do not match IRS records. Enter the name and address exactly as on your IRS CP 575 letter, then press Reset Brand and resubmit.' },
  // Scheduling parameter errors.
  { code: 35111, title: 'Send time missing', retry: 'never', scope: 'message',
    action: 'A scheduled message needs a send time. Pick a date and time and try again.' },
  { code: 35114, title: 'Send time out of range', retry: 'never', scope: 'message',
    action: 'Scheduled messages must be at least 15 minutes and at most 35 days ahead. Pick another time.' },
  { code: 35118, title: 'Scheduling needs a messaging service', retry: 'never', scope: 'account',
    action: 'Scheduling requires the messaging service set up by registration. Finish Settings → SMS first.' },
];

const byCode: ReadonlyMap<number, CarrierErrorInfo> = new Map(entries.map((e) => [e.code, e]));

/** Every code with a known explanation, for tests and documentation. */
export const knownCarrierErrorCodes: readonly number[] = entries.map((e) => e.code);

/** The entry for `code`, or undefined when SMS Desk has no specific advice for it. */
export function findCarrierError(code: number): CarrierErrorInfo | undefined {
  return byCode.get(code);
}

/**
 * Owner-facing explanation for any code. Unknown codes get a generic sentence that still names
 * the code, so support can look it up.
 */
export function describeCarrierError(code: number | null): CarrierErrorInfo {
  if (code !== null) {
    const known = byCode.get(code);
    if (known) return known;
  }
  const label = code === null ? 'Carrier error' : `Carrier error ${code}`;
  const scope = code === null ? 'message' : scopeOfUnknown(code);
  return {
    code: code ?? 0,
    title: label,
    action:
      code === null
        ? 'Twilio could not be reached or did not answer clearly. SMS Desk will check and retry.'
        : scope === 'account'
          ? `Twilio reported a problem with the account or its messaging service (error ${code}), so texts wait. An admin should see twilio.com/docs/api/errors/${code}, or contact SMS Desk support.`
          : `Twilio reported error ${code}. See twilio.com/docs/api/errors/${code}, or contact SMS Desk support.`,
    retry: 'never',
    scope,
  };
}

/**
 * A code the table does not know, scoped by Twilio's numbering (twilio.com/docs/api/errors):
 * 20xxx are the account and the API (credentials, permissions, limits) and 217xx the Messaging
 * Service; failing every recipient for one of those would empty the outbox for a fixable account
 * problem, so they pause it. Anything else is about this request.
 */
function scopeOfUnknown(code: number): CarrierErrorScope {
  return (code >= 20000 && code < 21000) || (code >= 21700 && code < 21800) ? 'account' : 'message';
}

/**
 * Who a failure belongs to: the table's scope for a known code; for an unknown one, its number
 * range, and a refusal of the credentials themselves (HTTP 401/403) is the account's.
 */
export function carrierErrorScope(code: number | null, httpStatus: number | null): CarrierErrorScope {
  if (code === null) return 'account';
  const known = byCode.get(code);
  if (known) return known.scope;
  return httpStatus === 401 || httpStatus === 403 ? 'account' : scopeOfUnknown(code);
}

/** Why mass sending is held back after a delivery status with this code, or null when it is not. */
export function deliveryPauseReason(code: number | null): string | null {
  return code === null ? null : (byCode.get(code)?.pausesSending ?? null);
}

/**
 * Whether repeating a request that failed with an HTTP `status` and carrier `code` is safe, by
 * this table. The status decides first: a 429 is refused before any work, and a 5xx may hide
 * work done. Codes the table does not know are permanent.
 */
export function retryPolicyFor(status: number, code: number | null): CarrierRetry {
  if (status === 429) return 'safe';
  if (status >= 500) return 'check_first';
  return code === null ? 'never' : (byCode.get(code)?.retry ?? 'never');
}

/** What a sender does next after a failure of this kind, code and scope (see CarrierRetryHint). */
export function retryHintFor(kind: CarrierFailureKind, code: number | null, scope: CarrierErrorScope): CarrierRetryHint {
  if (kind === 'in_doubt') return 'look_up_first';
  if (kind === 'not_sent') {
    if (code === null) return 'reconnect';
    return byCode.get(code)?.slowDown === true ? 'slow_down' : 'back_off';
  }
  return scope === 'account' ? 'wait_for_fix' : 'never';
}

/** Delivery error codes that mean "this number cannot take texts": count them per number. */
export function isNotTextable(code: number | null): boolean {
  return code !== null && byCode.get(code)?.notTextable === true;
}

/** Codes (REST or delivery) that mean the recipient opted out (STOP). */
export function isOptOut(code: number | null): boolean {
  return code !== null && byCode.get(code)?.optOut === true;
}
