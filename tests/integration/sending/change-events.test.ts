import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/contract';
import { numbers, startEngineRig, type EngineRig } from './engine-harness';
import { untilTrue as until } from '../../support/wait';

let rig: EngineRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

type DataChange = EventPayload<'data.changed'>;

/**
 * Every data.changed the engine emits, and for each that says the held credits moved, the held
 * figure a window reading the balance then would see.
 */
function listen(r: EngineRig) {
  const changes: DataChange[] = [];
  const heldSeen: number[] = [];
  r.engine.events.subscribe((event, payload) => {
    if (event !== 'data.changed') return;
    const change = payload as DataChange;
    changes.push(change);
    if (change.creditsHeld === true || change.areas.includes('credits')) void r.engine.ledger.balance('sandbox').then((b) => heldSeen.push(b.reserved));
  });
  return { changes, heldSeen };
}

const queue = (r: EngineRig, recipients: string[]) =>
  r.engine.sends.queue({ kind: 'mass', body: 'Pool closed today', recipients, honorHours: false, notBefore: null, createdBy: null });

const delivered = (r: EngineRig) => (r.engine.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'delivered'").get() as { n: number }).n;

describe('what the sending engine says it changed', () => {
  for (const thread of [false, true]) {
    it(`texts the carrier takes name their send, never the balance or consent${thread ? ' (from the sending thread)' : ''}`, async () => {
      rig = await startEngineRig(undefined, thread ? { thread: true } : {});
      const r = rig;
      const { changes, heldSeen } = listen(r);
      const { batch } = await queue(r, numbers(60));
      // Queueing took a hold: the balance and every send are read again.
      expect(changes).toEqual([{ areas: ['sends', 'credits'] }]);
      r.engine.dispatcher.start();
      await r.drained();
      await until(() => delivered(r) === 60);
      // The held figure ends at zero on screen: announced after the last text left, more slowly than progress.
      await until(() => heldSeen.at(-1) === 0, 15_000, 'the held credits announced after the last text left');
      const progress = changes.slice(1);
      expect(progress.length).toBeGreaterThan(0);
      for (const change of progress) {
        expect(change.areas).not.toContain('credits');
        expect(change.areas).not.toContain('consent');
        if (change.areas.length > 0) expect(change).toMatchObject({ areas: ['sends'], sends: [batch.id] });
      }
      expect(progress.some((change) => change.creditsHeld === true)).toBe(true);
    });
  }

  it('a text the carrier refuses gives its credit back: that change names the balance too', async () => {
    rig = await startEngineRig();
    const r = rig;
    const { changes } = listen(r);
    // +15005550001: the carrier's "not a valid number" (21211), refused for good and refunded.
    const { batch } = await queue(r, ['+15005550001', '+15125550100']);
    r.engine.dispatcher.start();
    await r.drained();
    await until(() => changes.slice(1).some((change) => change.areas.includes('credits')), 5_000, 'a change naming the credits');
    const refund = changes.slice(1).find((change) => change.areas.includes('credits'));
    expect(refund).toMatchObject({ sends: [batch.id] });
    expect(refund?.areas).not.toContain('consent');
  });

  it('a number the carrier says opted out changes consent, and every send', async () => {
    rig = await startEngineRig();
    const r = rig;
    const { changes } = listen(r);
    // +15005550004: the carrier's "this number unsubscribed" (21610).
    await queue(r, ['+15005550004']);
    r.engine.dispatcher.start();
    await until(() => changes.some((change) => change.areas.includes('consent')), 10_000, 'a change naming consent');
    expect(changes.find((change) => change.areas.includes('consent'))).toEqual({ areas: ['sends', 'credits', 'consent'] });
  });
});
