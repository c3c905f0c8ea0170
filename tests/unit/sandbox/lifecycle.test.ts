import { describe, expect, it } from 'vitest';
import { SimError } from '../../../src/main/sandbox/errors';
import { planOutbound, viewMessage } from '../../../src/main/sandbox/lifecycle';
import type { PlanInput } from '../../../src/main/sandbox/lifecycle';
import { simSettingsSchema } from '../../../src/main/sandbox/settings';
import type { SimMessage } from '../../../src/main/sandbox/state-schema';

const T0 = 1_700_000_000_000;
const settings = simSettingsSchema.parse({ mps: 1, queueMs: 100, sendingMs: 300, deliveryMs: 1_000 });

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    sid: 'SM1', to: '+15125550100', segments: 1, now: T0, senders: ['+15125550001'], viaService: false, validitySeconds: 36_000,
    scheduledFor: null, settings, cursor: new Map(), forced: undefined, senderRegistered: false, ...overrides,
  };
}

describe('per-sender pacing', () => {
  it('spaces one sender at mps segments per second', () => {
    const cursor = new Map<string, number>();
    const slots = [1, 2, 1].map((segments, i) => planOutbound(input({ sid: `SM${i}`, segments, cursor })).slotAt - T0);
    expect(slots).toEqual([100, 1_100, 3_100]);
  });

  it('spreads a Messaging Service batch over its pool', () => {
    const cursor = new Map<string, number>();
    const senders = ['+15125550001', '+15125550002'];
    const plans = [0, 1, 2, 3].map((i) => planOutbound(input({ sid: `SM${i}`, senders, viaService: true, cursor })));
    expect(plans.map((p) => p.sender)).toEqual(['+15125550001', '+15125550002', '+15125550001', '+15125550002']);
    expect(plans.map((p) => p.slotAt - T0)).toEqual([100, 100, 1_100, 1_100]);
  });

  it('drops a message whose validity ends in the queue, without using the sender’s time', () => {
    const cursor = new Map([['+15125550001', T0 + 10_000]]);
    const plan = planOutbound(input({ validitySeconds: 5, cursor }));
    expect(plan).toMatchObject({ dropAt: T0 + 5_000, dropCode: 30036 });
    expect(cursor.get('+15125550001')).toBe(T0 + 10_000);
  });

  it('refuses a From send past the queue limit (21611) and drops a service send (30001)', () => {
    const full = { ...settings, maxQueueMs: 1_000 };
    const cursor = new Map([['+15125550001', T0 + 60_000]]);
    expect(() => planOutbound(input({ settings: full, cursor }))).toThrow(SimError);
    expect(planOutbound(input({ settings: full, cursor, viaService: true }))).toMatchObject({ dropAt: T0, dropCode: 30001 });
  });

  it('releases a scheduled message at its time without holding up live traffic', () => {
    const cursor = new Map<string, number>();
    const plan = planOutbound(input({ scheduledFor: T0 + 900_000, cursor, viaService: true }));
    expect(plan.slotAt).toBe(T0 + 900_100);
    expect(cursor.size).toBe(0);
  });
});

describe('outcomes', () => {
  it('draws undelivered and failed at the configured rates with their codes', () => {
    const all = { ...settings, undeliveredRate: 1, undeliveredErrorCodes: [30005] };
    expect(planOutbound(input({ settings: all }))).toMatchObject({ finalStatus: 'undelivered', finalErrorCode: 30005 });
    const failing = { ...settings, failedRate: 1, failedErrorCodes: [30008] };
    expect(planOutbound(input({ settings: failing }))).toMatchObject({ finalStatus: 'failed', finalErrorCode: 30008 });
    const mixed = { ...settings, undeliveredRate: 0.3, failedRate: 0.2 };
    const statuses = Array.from({ length: 2_000 }, (_, i) => planOutbound(input({ sid: `SM${i}`, settings: mixed })).finalStatus);
    const share = (s: string) => statuses.filter((x) => x === s).length / statuses.length;
    expect(share('undelivered')).toBeCloseTo(0.3, 1);
    expect(share('failed')).toBeCloseTo(0.2, 1);
  });

  it('lets a forced outcome win, and fails unregistered traffic with 30034 when enforced', () => {
    expect(planOutbound(input({ forced: { status: 'undelivered', errorCode: 30003 } }))).toMatchObject({ finalStatus: 'undelivered', finalErrorCode: 30003 });
    expect(planOutbound(input({ settings: { ...settings, enforceA2p: true } }))).toMatchObject({ finalStatus: 'failed', finalErrorCode: 30034 });
    expect(planOutbound(input({ settings: { ...settings, enforceA2p: true }, senderRegistered: true })).finalStatus).toBe('delivered');
  });
});

describe('status over time', () => {
  const message = (viaService: boolean): SimMessage => ({
    sid: 'SM1', direction: 'outbound-api', to: '+15125550100', from: viaService ? null : '+15125550001', body: 'hi', numSegments: 1,
    messagingServiceSid: viaService ? 'MG1' : null, dateCreated: T0, plan: planOutbound(input({ viaService })),
  });

  it('walks accepted → sending → sent → delivered, filling from and price on the way', () => {
    const m = message(true);
    const at = (dt: number) => viewMessage(m, T0 + dt);
    expect(at(0)).toMatchObject({ status: 'accepted', from: null, price: null, dateSent: T0 });
    expect(at(100)).toMatchObject({ status: 'sending', from: '+15125550001' });
    expect(at(400)).toMatchObject({ status: 'sent', dateSent: T0 + 400, price: '-0.00790' });
    expect(at(1_400)).toMatchObject({ status: 'delivered', dateUpdated: T0 + 1_400, errorCode: null });
  });

  it('starts queued without a Messaging Service', () => {
    expect(viewMessage(message(false), T0).status).toBe('queued');
  });
});
