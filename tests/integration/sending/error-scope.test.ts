import { afterEach, describe, expect, it } from 'vitest';
import { describeCarrierError, deliveryPauseReason } from '../../../src/shared/carrier/error-codes';
import type { SimSettingsInput } from '../../../src/main/sandbox/settings';
import { FAST_SIM, copiesPerRecipient, numbers, startEngineRig, type EngineRig } from './engine-harness';
import { untilTrue as until } from '../../support/wait';

// Whose problem a carrier error is decides what the engine does: fail one recipient, or hold the
// whole outbox and say why. Driven through the simulator; the words come from the shared table.

let rig: EngineRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});


const states = (r: EngineRig) =>
  Object.fromEntries((r.engine.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>).map((s) => [s.state, s.n]));
const pauseReason = (r: EngineRig) => Object.values(r.engine.dispatcher.status().paused)[0]?.reason ?? null;
const massSend = (r: EngineRig, recipients: string[]) =>
  r.engine.sends.queue({ kind: 'mass', body: 'Pool closed today', recipients, honorHours: false, notBefore: null, createdBy: null });

/** A rig that counts finished rounds, paced so a status comes back while most of a send still waits. */
async function pacedRig(sim: SimSettingsInput) {
  let rounds = 0;
  rig = await startEngineRig(sim, { messageOptions: { messagesPerSecond: 5 }, dispatcher: { onRound: () => void (rounds += 1), deliveryHoldMs: 60_000 } });
  const r = rig;
  /** Nothing more leaves: no request in flight, and two more rounds later the carrier holds the same. */
  const nothingMoreLeaves = async () => {
    await until(() => r.engine.dispatcher.status().inFlight === 0);
    const sent = r.sim.messages().length;
    const target = rounds + 2;
    r.engine.dispatcher.notify();
    await until(() => rounds >= target);
    expect(r.sim.messages()).toHaveLength(sent);
  };
  return { r, nothingMoreLeaves };
}

describe('delivery statuses that hold a mass send back', () => {
  it('30034 (number not registered) on a status poll pauses the rest of the send and says why', async () => {
    const { r, nothingMoreLeaves } = await pacedRig({ ...FAST_SIM, enforceA2p: true });
    await massSend(r, numbers(30));
    r.engine.dispatcher.start();

    await until(() => pauseReason(r) !== null);
    expect(pauseReason(r)).toBe(deliveryPauseReason(30034));
    await nothingMoreLeaves();
    expect(states(r).queued ?? 0).toBeGreaterThan(10);
    const failed = r.engine.db.prepare("SELECT error_code AS code, error_message AS message FROM outbox WHERE state = 'failed' LIMIT 1").get() as { code: number; message: string };
    expect(failed).toEqual({ code: 30034, message: describeCarrierError(30034).action });
    // What Compose and Recent sends show.
    expect(await r.engine.handlers['sends.status'](undefined, {} as never)).toMatchObject({ paused: { reason: deliveryPauseReason(30034) } });
  });

  it('30007 (filtered as spam) does the same, with its own reason', async () => {
    const { r, nothingMoreLeaves } = await pacedRig({ ...FAST_SIM, undeliveredRate: 1, undeliveredErrorCodes: [30007] });
    await massSend(r, numbers(30));
    r.engine.dispatcher.start();

    await until(() => pauseReason(r) !== null);
    expect(pauseReason(r)).toBe(deliveryPauseReason(30007));
    await nothingMoreLeaves();
    expect(states(r).queued ?? 0).toBeGreaterThan(10);
  });
});

describe('request errors by scope', () => {
  it('21705 (the Messaging Service is not valid) pauses the outbox instead of failing every recipient', async () => {
    rig = await startEngineRig(FAST_SIM, { messagingServiceSid: `MG${'f'.repeat(32)}` });
    const r = rig;
    await massSend(r, numbers(5));
    r.engine.dispatcher.start();

    await until(() => pauseReason(r) !== null);
    expect(pauseReason(r)).toBe(describeCarrierError(21705).action);
    await until(() => r.engine.dispatcher.status().inFlight === 0);
    expect(states(r).failed).toBeUndefined();
    expect(copiesPerRecipient(r.sim).size).toBe(0);
  });
});
