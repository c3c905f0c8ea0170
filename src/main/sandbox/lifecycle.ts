import { twilioError, twilioMessages } from './errors.ts';
import { unitRandom } from './format.ts';
import type { SimSettings } from './settings.ts';
import type { FinalStatus, ForcedOutcome, OutboundPlan, SimMessage } from './state-schema.ts';

/**
 * Outbound message lifecycle. Each message's whole future is planned when Twilio accepts it
 * (queue slot, send time, outcome); its status at any moment is derived from that plan and the
 * clock. Nothing ticks in the background, results replay exactly after a restart, and moving the
 * simulator clock forward moves every message along with it.
 */

export interface MessageView {
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  from: string | null;
  dateSent: number | null;
  dateUpdated: number;
  price: string | null;
  priceUnit: string | null;
}

const PRICE_PER_SEGMENT = 0.0079;

function price(segments: number): string {
  return (-PRICE_PER_SEGMENT * segments).toFixed(5);
}

function errorMessage(code: number | null): string | null {
  return code === null ? null : (twilioMessages[code] ?? 'Unknown error');
}

export function viewMessage(m: SimMessage, now: number): MessageView {
  const p = m.plan;
  if (p === null) {
    return { status: 'received', errorCode: null, errorMessage: null, from: m.from, dateSent: m.dateCreated,
      dateUpdated: m.dateCreated, price: price(m.numSegments), priceUnit: 'USD' };
  }
  const base = { errorCode: null, errorMessage: null, from: m.from, price: null, priceUnit: null };
  const waitingSince = p.scheduledFor ?? m.dateCreated;
  // Twilio stamps date_sent at creation for immediate sends and only on sending for scheduled ones.
  const provisionalSent = p.scheduledFor === null ? m.dateCreated : null;
  const waiting = m.messagingServiceSid !== null && p.scheduledFor === null ? 'accepted' : 'queued';

  if (p.canceledAt !== null) return { ...base, status: 'canceled', dateSent: null, dateUpdated: p.canceledAt };
  if (p.scheduledFor !== null && now < p.scheduledFor) return { ...base, status: 'scheduled', dateSent: null, dateUpdated: m.dateCreated };
  if (p.dropAt !== null) {
    if (now < p.dropAt) return { ...base, status: waiting, dateSent: provisionalSent, dateUpdated: waitingSince };
    return { ...base, status: 'failed', errorCode: p.dropCode, errorMessage: errorMessage(p.dropCode), dateSent: provisionalSent, dateUpdated: p.dropAt };
  }
  if (now < p.slotAt) return { ...base, status: waiting, dateSent: provisionalSent, dateUpdated: waitingSince };
  const sending = { ...base, from: m.from ?? p.sender };
  if (now < p.sentAt) return { ...sending, status: 'sending', dateSent: provisionalSent, dateUpdated: p.slotAt };
  const sent = { ...sending, dateSent: p.sentAt, price: price(m.numSegments), priceUnit: 'USD' };
  if (now < p.finalAt) return { ...sent, status: 'sent', dateUpdated: p.sentAt };
  const charged = p.finalStatus === 'failed' ? { price: null, priceUnit: 'USD' } : {};
  return { ...sent, ...charged, status: p.finalStatus, errorCode: p.finalErrorCode, errorMessage: errorMessage(p.finalErrorCode), dateUpdated: p.finalAt };
}

/** Final statuses never change again; everything else is still moving. */
export function isFinal(status: string): boolean {
  return ['delivered', 'undelivered', 'failed', 'canceled', 'received'].includes(status);
}

export interface PlanInput {
  sid: string;
  to: string;
  segments: number;
  now: number;
  /** Candidate senders: the From number, or the Messaging Service's pool. */
  senders: readonly string[];
  viaService: boolean;
  validitySeconds: number;
  scheduledFor: number | null;
  settings: SimSettings;
  cursor: Map<string, number>;
  forced: ForcedOutcome | undefined;
  /** The sender is in a Messaging Service with a VERIFIED US A2P campaign (see campaigns.ts). */
  senderRegistered: boolean;
}

function drawOutcome(input: PlanInput): { status: FinalStatus; code: number | null } {
  if (input.forced) return { status: input.forced.status, code: input.forced.errorCode };
  const s = input.settings;
  // Twilio accepts the request and the carrier refuses it: status failed, 30034 (error docs).
  if (s.enforceA2p && !input.senderRegistered) return { status: 'failed', code: 30034 };
  const r = unitRandom(`${s.seed}:${input.sid}`);
  const pick = (codes: readonly number[]): number => codes[Math.floor(unitRandom(`${input.sid}:code`) * codes.length)] ?? 30008;
  if (r < s.failedRate) return { status: 'failed', code: pick(s.failedErrorCodes) };
  if (r < s.failedRate + s.undeliveredRate) return { status: 'undelivered', code: pick(s.undeliveredErrorCodes) };
  return { status: 'delivered', code: null };
}

/**
 * Places the message in its sender's queue. Pacing is per sender at `mps` segments per second;
 * a Messaging Service spreads load over its pool by taking the sender that frees up first.
 * Scheduled messages are released at their time without joining the live queue.
 */
export function planOutbound(input: PlanInput): OutboundPlan {
  const s = input.settings;
  const release = (input.scheduledFor ?? input.now) + s.queueMs;
  let sender = input.senders[0] ?? null;
  let freeAt = sender === null ? release : (input.cursor.get(sender) ?? release);
  for (const candidate of input.senders) {
    const at = input.cursor.get(candidate) ?? release;
    if (at < freeAt) {
      sender = candidate;
      freeAt = at;
    }
  }
  const slotAt = input.scheduledFor === null ? Math.max(release, freeAt) : release;
  const outcome = drawOutcome(input);
  const plan: OutboundPlan = {
    scheduledFor: input.scheduledFor, canceledAt: null, dropAt: null, dropCode: null, slotAt,
    sentAt: slotAt + s.sendingMs, finalAt: slotAt + s.sendingMs + s.deliveryMs,
    finalStatus: outcome.status, finalErrorCode: outcome.code, sender,
  };
  if (slotAt - release > s.maxQueueMs) {
    // A lone From number refuses the request; a Messaging Service accepts and then drops it.
    if (!input.viaService) throw twilioError(400, 21611);
    return { ...plan, dropAt: input.now, dropCode: 30001 };
  }
  const expiresAt = (input.scheduledFor ?? input.now) + input.validitySeconds * 1000;
  if (slotAt > expiresAt) return { ...plan, dropAt: expiresAt, dropCode: 30036 };
  if (input.scheduledFor === null && sender !== null) input.cursor.set(sender, slotAt + (input.segments * 1000) / s.mps);
  return plan;
}
