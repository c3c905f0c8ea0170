/**
 * Twilio's REST error bodies: `{ code, message, more_info, status }`, with the wording Twilio
 * uses for each code so adapters that parse messages (and people reading logs) see the real thing.
 */

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Thrown by route handlers; the HTTP layer turns it into Twilio's error body. */
export class SimError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(status: number, code: number, message: string) {
    super(message);
    this.name = 'SimError';
    this.status = status;
    this.code = code;
  }

  toBody(): TwilioErrorBody {
    return errorBody(this.status, this.code, this.message);
  }
}

export function errorBody(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** Message strings Twilio returns (or records in `error_message`) for each code. */
export const twilioMessages: Readonly<Record<number, string>> = {
  20001: 'Invalid parameter',
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  20503: 'Service is unavailable. Please try again',
  21211: "Invalid 'To' Phone Number",
  21408: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
  21421: 'PhoneNumber is invalid',
  21422: 'PhoneNumber Requested is not available',
  21452: 'No phone numbers found in area code',
  21602: 'Message body is required.',
  21603: "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
  21604: "A 'To' phone number is required.",
  21606: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account",
  21610: 'Attempt to send to unsubscribed recipient',
  21611: "This 'From' number has exceeded the maximum number of queued messages",
  21612: "The 'To' phone number is not currently reachable using the 'From' phone number via SMS.",
  21614: "'To' number is not a valid mobile number",
  21617: 'The concatenated message body exceeds the 1600 character limit.',
  21624: 'Invalid validity period value',
  21703: 'The Messaging Service does not have a phone number available to send a message',
  21705: 'The Messaging Service is invalid',
  21710: 'The Phone Number is already in another Messaging Service',
  21717: 'Brand Registration SID for US A2P Campaign Use Case is Not Registered or Not Valid',
  21719: 'Incompatible Messaging Service/A2P Use Cases',
  21724: 'Maximum number of brand update requests reached on this brand. Contact support for help.',
  21725: 'Brand can only be updated when in FAILED state. Contact support for help.',
  30001: 'Queue overflow',
  30003: 'Unreachable destination handset',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
  30034: 'Message from an Unregistered Number',
  30036: 'Validity Period Expired',
  30896: 'Campaign rejected: the opt-in information is missing or not clear',
  30409: 'This message cannot be canceled',
  35111: "SendAt timestamp is missing",
  35114: 'Scheduling does not support this timestamp',
  35118: 'MessagingServiceSid is required to schedule a message',
};

export function twilioError(status: number, code: number, detail?: string): SimError {
  const base = twilioMessages[code] ?? 'Error';
  return new SimError(status, code, detail === undefined ? base : `${base}: ${detail}`);
}

export function notFound(path: string): SimError {
  return new SimError(404, 20404, `The requested resource ${path} was not found`);
}

export function missingParam(name: string): SimError {
  return new SimError(400, 20001, `Missing required parameter ${name} in the post body`);
}

export function invalidParam(name: string, value: string): SimError {
  return new SimError(400, 20001, `Invalid parameter ${name}: ${value}`);
}
