import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { numbers, startEngineRig, type EngineRig } from './engine-harness';
import { until } from '../../support/wait';

let rig: EngineRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
  delete process.env.SMS_DESK_SENDING_IDLE_GC_MS;
});

/** The sending thread's Worker (a private field of SendingThread). */
const sendingWorker = (r: EngineRig): Worker => (r.engine.dispatcher as unknown as { worker: Worker }).worker;
const threadHeapMb = async (r: EngineRig): Promise<number> => (await sendingWorker(r).getHeapStatistics()).used_heap_size / 1024 / 1024;

describe('the sending thread after a send', () => {
  it('gives back the memory the send used once it has been quiet a while', async () => {
    // The worker copies the environment when it starts: a short quiet time for the test.
    process.env.SMS_DESK_SENDING_IDLE_GC_MS = '1000';
    rig = await startEngineRig(undefined, { thread: true });
    const r = rig;
    const texts = 3_000;
    await r.engine.ledger.adjust('sandbox', texts + 100, null, 'test', Date.now());
    r.engine.dispatcher.start();
    const send = async (count: number, prefix: string): Promise<void> => {
      await r.engine.sends.queue({ kind: 'mass', body: 'Pool closed today', recipients: numbers(count, prefix), honorHours: false, notBefore: null, createdBy: null });
      r.engine.dispatcher.notify();
      await r.drained(60_000);
    };

    // Idle, as after any first text: the SDK and the rounds' code are loaded, the garbage collected.
    await send(100, '+1737555');
    const settledAt = await threadHeapMb(r);
    const idle = await until('the sending thread to collect after its first texts', () => threadHeapMb(r), (mb) => mb < settledAt * 0.9);

    await send(texts, '+1512555');
    expect(r.sim.messages()).toHaveLength(texts + 100);
    const after = await until(`the sending thread heap to come back within 20 % of ${idle.toFixed(1)} MB`, () => threadHeapMb(r), (mb) => mb <= idle * 1.2, 20_000);
    expect(after).toBeLessThanOrEqual(idle * 1.2);
  }, 120_000);
});
