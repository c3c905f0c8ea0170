import { SimError } from './errors.ts';
import { newSid } from './format.ts';
import type { SimContext } from './http.ts';
import { optOutScope } from './messages.ts';
import { isE164 } from './phone-rules.ts';
import { countSegments } from './segments.ts';
import type { SimMessage } from './state-schema.ts';

/**
 * Replies from handsets. Twilio handles the standard keywords itself: STOP-type words opt the
 * sender out of the number (or the whole Messaging Service), START-type words opt back in, and
 * each gets Twilio's default auto-reply. The keyword message itself is logged like any reply.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);
const HELP = new Set(['HELP', 'INFO']);

const REPLY = {
  stop: 'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.',
  start: 'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
  help: 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.',
} as const;

export interface InboundResult {
  /** Null when the account does not log inbound messages for that number (see notes §3.2). */
  sid: string | null;
  logged: boolean;
  keyword: 'opt_out' | 'opt_in' | 'help' | null;
}

function autoReply(ctx: SimContext, from: string, to: string, serviceSid: string | null, body: string): void {
  const now = ctx.now();
  const s = ctx.store.settings;
  const reply: SimMessage = {
    sid: newSid('SM'), direction: 'outbound-reply', to, from, body, numSegments: countSegments(body), messagingServiceSid: serviceSid,
    dateCreated: now,
    plan: {
      scheduledFor: null, canceledAt: null, dropAt: null, dropCode: null, slotAt: now, sentAt: now + s.sendingMs,
      finalAt: now + s.sendingMs + s.deliveryMs, finalStatus: 'delivered', finalErrorCode: null, sender: from,
    },
  };
  ctx.store.messages.set(reply.sid, reply);
}

export function injectInbound(ctx: SimContext, input: { from: string; to: string; body: string }): InboundResult {
  if (!isE164(input.from)) throw new SimError(400, 21211, `Invalid 'From' number ${input.from}`);
  const number = ctx.store.numberByPhone(input.to);
  if (number === undefined) throw new SimError(400, 21606, `${input.to} is not a phone number on this account`);
  const service = number.serviceSid === null ? undefined : ctx.store.services.get(number.serviceSid);
  const word = input.body.trim().toUpperCase();
  const scope = optOutScope(ctx, service?.sid ?? null, number.phoneNumber);
  const key = `${scope}|${input.from}`;
  let keyword: InboundResult['keyword'] = null;
  if (OPT_OUT.has(word)) {
    keyword = 'opt_out';
    ctx.store.optOuts.add(key);
  } else if (OPT_IN.has(word)) {
    keyword = 'opt_in';
    ctx.store.optOuts.delete(key);
  } else if (HELP.has(word)) {
    keyword = 'help';
  }
  // A Messaging Service with no inbound URL (and not deferring to the number) drops replies
  // without logging them: the gotcha polling clients must avoid.
  const logged = service === undefined || service.inboundRequestUrl !== null || (service.useInboundWebhookOnNumber && number.smsUrl !== '');
  let sid: string | null = null;
  if (logged) {
    sid = newSid('SM');
    const message: SimMessage = {
      sid, direction: 'inbound', to: number.phoneNumber, from: input.from, body: input.body, numSegments: countSegments(input.body),
      messagingServiceSid: service?.sid ?? null, dateCreated: ctx.now(), plan: null,
    };
    ctx.store.messages.set(sid, message);
  }
  if (keyword !== null) autoReply(ctx, number.phoneNumber, input.from, service?.sid ?? null, REPLY[keyword === 'opt_out' ? 'stop' : keyword === 'opt_in' ? 'start' : 'help']);
  return { sid, logged, keyword };
}
