/**
 * The reference for a split parse: a list parsed half here and half in a worker thread at the
 * same time, both already warm, with nothing else around it (no shares, no counters, no answers
 * sent back). What it takes in a given minute is the most a split can give on this machine then:
 * on two free cores about half the one-thread parse; with the second core busy elsewhere, no gain.
 * bench/main-thread-calls.ts takes it beside each first estimate.
 */
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { toE164 } from '../src/shared/phone/e164';

export interface TwoThreadParse {
  /** Milliseconds until both halves of `raws` are parsed. */
  time(raws: readonly string[], country: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startTwoThreadParse(warmUp: readonly string[]): Promise<TwoThreadParse> {
  const worker = new Worker(new URL(import.meta.url), { execArgv: ['--import', 'tsx'] });
  const answer = (): Promise<unknown> => new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Both threads parse a list first, so neither is timed while its code is still cold.
  worker.postMessage({ raws: warmUp, country: 'US' });
  for (const raw of warmUp) toE164(raw, 'US');
  await answer();
  return {
    async time(raws, country) {
      const half = Math.ceil(raws.length / 2);
      const start = performance.now();
      const theirs = answer();
      worker.postMessage({ raws: raws.slice(half), country });
      for (let i = 0; i < half; i++) toE164(raws[i]!, country);
      await theirs;
      return performance.now() - start;
    },
    async stop() {
      await worker.terminate();
    },
  };
}

if (!isMainThread) {
  parentPort!.on('message', ({ raws, country }: { raws: string[]; country: string }) => {
    for (const raw of raws) toE164(raw, country);
    parentPort!.postMessage('parsed');
  });
}
