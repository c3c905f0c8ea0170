import { z } from 'zod';
import { SimError } from './errors.ts';
import { faultRuleSchema } from './faults.ts';
import type { FaultInjector } from './faults.ts';
import type { ApiResponse, ControlRequest, SimContext } from './http.ts';
import { injectInbound } from './inbound.ts';
import { inventory } from './inventory.ts';
import { viewMessage } from './lifecycle.ts';
import { newSid } from './format.ts';
import { attachNumber, createService } from './services.ts';
import { parseSettingsPatch } from './settings.ts';
import { finalStatusSchema } from './state-schema.ts';
import type { IncomingNumber, SimMessage } from './state-schema.ts';

/**
 * Test control API under /__sim/ (JSON in, JSON out). It reaches around Twilio's API to do what
 * only a handset, a carrier or an outage could: reply, fail, slow down, or jump ahead in time.
 * http.ts lets a request through only as control-access.ts allows (a secret, or open mode).
 */

export interface ControlDeps {
  ctx: SimContext;
  faults: FaultInjector;
  baseUrl(): string;
  primaryProfileSid(): string;
  /** Clears all state back to a fresh account (settings return to the start options). */
  reset(): void;
  changed(): void;
}

export interface MessageSnapshot {
  sid: string;
  direction: SimMessage['direction'];
  to: string;
  from: string | null;
  body: string;
  status: string;
  errorCode: number | null;
  numSegments: number;
  messagingServiceSid: string | null;
  dateCreated: number;
  dateSent: number | null;
  scheduledFor: number | null;
}

/** Every message as the API would show it now, oldest first: tests assert exactly-once with it. */
export function messageSnapshot(ctx: SimContext): MessageSnapshot[] {
  const now = ctx.now();
  return [...ctx.store.messages.values()].map((m) => {
    const v = viewMessage(m, now);
    return {
      sid: m.sid, direction: m.direction, to: m.to, from: v.from, body: m.body, status: v.status, errorCode: v.errorCode,
      numSegments: m.numSegments, messagingServiceSid: m.messagingServiceSid, dateCreated: m.dateCreated, dateSent: v.dateSent,
      scheduledFor: m.plan?.scheduledFor ?? null,
    };
  });
}

const inboundSchema = z.object({ from: z.string(), to: z.string(), body: z.string() });
const outcomeSchema = z.object({ to: z.string(), status: finalStatusSchema, errorCode: z.number().int().nullable().default(null) });
const clockSchema = z.object({ advanceMs: z.number().int().min(0) });
const bootstrapSchema = z.object({ friendlyName: z.string().default('SMS Desk'), areaCode: z.string().default('512'), numbers: z.number().int().min(1).max(20).default(1) });

/** A ready-to-send account in one call: a Messaging Service that logs replies, with numbers. */
export function bootstrap(deps: ControlDeps, input: z.input<typeof bootstrapSchema>): { messagingServiceSid: string; phoneNumbers: string[] } {
  const opts = bootstrapSchema.parse(input);
  const ctx = deps.ctx;
  const service = createService(ctx, new URLSearchParams({ FriendlyName: opts.friendlyName, InboundRequestUrl: 'https://twimlets.com/echo?Twiml=%3CResponse%2F%3E' }));
  const stock = inventory(opts.areaCode, ctx.store).slice(0, opts.numbers);
  if (stock.length < opts.numbers) throw new SimError(400, 21452, `Not enough numbers in area code ${opts.areaCode}`);
  const numbers = stock.map((e): IncomingNumber => {
    const now = ctx.now();
    const n: IncomingNumber = { sid: newSid('PN'), phoneNumber: e.phoneNumber, friendlyName: e.phoneNumber, smsUrl: '', serviceSid: null, serviceAttachedAt: null, dateCreated: now, dateUpdated: now };
    ctx.store.numbers.set(n.sid, n);
    attachNumber(ctx, service, n.sid);
    return n;
  });
  return { messagingServiceSid: service.sid, phoneNumbers: numbers.map((n) => n.phoneNumber) };
}

export async function handleControl(deps: ControlDeps, req: ControlRequest): Promise<ApiResponse> {
  const { ctx, faults } = deps;
  const key = `${req.method} ${req.path}`;
  const done = (body: unknown): ApiResponse => {
    if (req.method !== 'GET') deps.changed();
    return { status: 200, body };
  };
  switch (key) {
    case 'GET /__sim/health':
      return done({ ok: true, baseUrl: deps.baseUrl(), accountSid: ctx.accountSid, now: ctx.now() });
    case 'GET /__sim/info':
      return done({
        accountSid: ctx.accountSid, primaryCustomerProfileSid: deps.primaryProfileSid(), now: ctx.now(),
        services: [...ctx.store.services.keys()], numbers: [...ctx.store.numbers.values()].map((n) => ({ sid: n.sid, phoneNumber: n.phoneNumber, serviceSid: n.serviceSid })),
        brands: [...ctx.store.brands.keys()], optOuts: [...ctx.store.optOuts],
      });
    case 'GET /__sim/messages':
      return done({ messages: messageSnapshot(ctx) });
    case 'POST /__sim/inbound':
      return done(injectInbound(ctx, inboundSchema.parse(req.json)));
    case 'POST /__sim/faults': {
      const rules = z.union([faultRuleSchema, z.array(faultRuleSchema)]).parse(req.json);
      for (const rule of Array.isArray(rules) ? rules : [rules]) faults.add(rule);
      return done({ faults: faults.pending() });
    }
    case 'GET /__sim/faults':
      return done({ faults: faults.pending() });
    case 'DELETE /__sim/faults':
      faults.clear();
      return done({ faults: [] });
    case 'GET /__sim/settings':
      return done(ctx.store.settings);
    case 'POST /__sim/settings':
      ctx.store.settings = { ...ctx.store.settings, ...parseSettingsPatch(req.json) };
      return done(ctx.store.settings);
    case 'POST /__sim/outcomes': {
      const o = outcomeSchema.parse(req.json);
      ctx.store.forcedOutcomes.set(o.to, { status: o.status, errorCode: o.errorCode });
      return done({ outcomes: Object.fromEntries(ctx.store.forcedOutcomes) });
    }
    case 'DELETE /__sim/outcomes':
      ctx.store.forcedOutcomes.clear();
      return done({ outcomes: {} });
    case 'POST /__sim/clock':
      ctx.store.clockOffsetMs += clockSchema.parse(req.json).advanceMs;
      return done({ now: ctx.now() });
    case 'POST /__sim/bootstrap':
      return done(bootstrap(deps, bootstrapSchema.parse(req.json ?? {})));
    case 'POST /__sim/reset':
      deps.reset();
      return done({ ok: true });
    default:
      throw new SimError(404, 20404, `No control endpoint ${key}`);
  }
}
