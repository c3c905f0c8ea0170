import { describe, it } from 'vitest';
import { underCpuLoadIfAsked } from '../../support/cpu-load';
import { copiesPerRecipient, FAST_SIM, startEngineRig, type EngineRig } from './engine-harness';
import { untilTrue as until } from '../../support/wait';

/**
 * A text whose request ended without a clear answer is "in doubt": the engine looks for it in
 * the carrier's log before it may send it again. These are the ways that look-up once came up
 * empty while the text was (or was about to be) at the carrier. The engine runs with its own
 * look-up timings; only the request timeout is short, to keep the test quick.
 *
 * With a 1 s request timeout the engine looks 6 s after the claim (timeout + 5 s) and, if that
 * finds nothing, again 10 s later, at about 16 s; it sends again only after both came up empty.
 */
const REQUEST_TIMEOUT_MS = 1_000;
const onSend = { method: 'POST' as const, pathIncludes: '/Messages.json' };

// CPU_LOAD=1: run beside a busy-loop process per core, as on a loaded machine.
underCpuLoadIfAsked();


async function withRig(rig: EngineRig, run: (rig: EngineRig) => Promise<void>): Promise<void> {
  try {
    await run(rig);
  } finally {
    await rig.stop();
  }
}

const queueOne = (rig: EngineRig, to: string) =>
  rig.engine.sends.queue({ kind: 'mass', body: 'Swim meet moved to Saturday', recipients: [to], honorHours: false, notBefore: null, createdBy: null });

describe.concurrent('an in-doubt text is found, not sent twice', () => {
  it('when the carrier applies a timed-out request late, after the first look-up, and lists it late too', async ({ expect }) => {
    // Held 9 s, then applied: the client gave up at 1 s, the first look-up (6 s) finds nothing;
    // the log shows it 3 s after it is applied (12 s), before the second look-up (16 s).
    const rig = await startEngineRig({ ...FAST_SIM, listLagMs: 3_000 }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
    await withRig(rig, async (r) => {
      const to = '+15125550150';
      r.sim.addFault({ kind: 'slow', when: 'before', delayMs: 9_000, count: 1, ...onSend });
      const queuedAt = Date.now();
      await queueOne(r, to);
      r.engine.dispatcher.start();
      // Wait for the late copy itself, so that a copy sent again before it would be counted.
      await until(() => r.sim.messages().some((m) => m.to === to && m.dateCreated >= queuedAt + 9_000), 30_000);
      await r.drained(30_000);
      expect(copiesPerRecipient(r.sim).get(to)).toBe(1);
      const row = r.engine.db.prepare('SELECT state, carrier_sid AS sid, attempts FROM outbox').get() as { state: string; sid: string | null; attempts: number };
      expect(row.sid).toBe(r.sim.messages().find((m) => m.to === to)?.sid);
      expect(row.attempts).toBe(1);
    });
  });

  it('when the carrier took the text at once but its log shows it only after the first look-up', async ({ expect }) => {
    // Applied at once, the answer lost (connection reset); the log shows it 8 s later: after the
    // first look-up (6 s), before the second (16 s).
    const rig = await startEngineRig({ ...FAST_SIM, listLagMs: 8_000 }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
    await withRig(rig, async (r) => {
      const to = '+15125550151';
      r.sim.addFault({ kind: 'reset', when: 'after', count: 1, ...onSend });
      await queueOne(r, to);
      r.engine.dispatcher.start();
      await r.drained(30_000);
      expect(copiesPerRecipient(r.sim).get(to)).toBe(1);
      expect(r.engine.db.prepare('SELECT attempts FROM outbox').get()).toEqual({ attempts: 1 });
    });
  });

  it('when a gateway error comes back at once but the carrier applies the text later', async ({ expect }) => {
    // With a 5 s request timeout the look-ups come at 10 s and 20 s after the claim, however
    // quickly the error came: the carrier is given as long as the request could have taken.
    // Here a 504 comes back at once, the text is applied at 12 s and listed at 17 s.
    const rig = await startEngineRig({ ...FAST_SIM, listLagMs: 5_000 }, { requestTimeoutMs: 5_000 });
    await withRig(rig, async (r) => {
      const to = '+15125550153';
      r.sim.addFault({ kind: 'http_error', status: 504, when: 'later', delayMs: 12_000, count: 1, ...onSend });
      const queuedAt = Date.now();
      await queueOne(r, to);
      r.engine.dispatcher.start();
      await until(() => r.sim.messages().some((m) => m.to === to && m.dateCreated >= queuedAt + 12_000), 40_000);
      await r.drained(40_000);
      expect(copiesPerRecipient(r.sim).get(to)).toBe(1);
      expect(r.engine.db.prepare('SELECT attempts FROM outbox').get()).toEqual({ attempts: 1 });
    });
  });

  it("when the carrier's clock is half an hour behind this computer's", async ({ expect }) => {
    const rig = await startEngineRig(FAST_SIM, { requestTimeoutMs: REQUEST_TIMEOUT_MS }, () => Date.now() - 30 * 60_000);
    await withRig(rig, async (r) => {
      const to = '+15125550152';
      r.sim.addFault({ kind: 'reset', when: 'after', count: 1, ...onSend });
      await queueOne(r, to);
      r.engine.dispatcher.start();
      await r.drained(30_000);
      expect(copiesPerRecipient(r.sim).get(to)).toBe(1);
      expect(r.engine.db.prepare('SELECT attempts FROM outbox').get()).toEqual({ attempts: 1 });
    });
  });
});
