import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/**
 * The sending thread runs at normal priority: at nice 10 it fell to a fraction of its paced rate
 * whenever other programs kept the cores busy (docs/PERFORMANCE.md, busy mode), while the
 * front-desk worker had asked for that rate.
 */
const probeNice = (env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(join(import.meta.dirname, 'priority-probe-thread.ts'), { execArgv: ['--import', 'tsx'], env });
    worker.once('message', (nice: number) => {
      resolve(nice);
      void worker.terminate();
    });
    worker.once('error', reject);
  });

describe.runIf(existsSync('/proc/thread-self/stat'))('the sending thread priority', () => {
  it('stays at normal priority (nice 0), so a busy machine does not slow a paced send', async () => {
    const env = { ...process.env };
    delete env.SMS_DESK_SENDING_NICE;
    expect(await probeNice(env)).toBe(0);
  });

  it('takes another nice value when SMS_DESK_SENDING_NICE asks for one (the bench compares them)', async () => {
    expect(await probeNice({ ...process.env, SMS_DESK_SENDING_NICE: '10' })).toBe(10);
  });
});
