import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll } from 'vitest';

/**
 * Busy-loop processes, one per core by default, so timing-sensitive tests can be run on a
 * machine as busy as a loaded CI runner. Each spins in 50 ms slices and exits when its parent
 * goes away (even a killed one: the IPC channel closes), so no spinner outlives its test run.
 */
const SPINNER = `
process.on('disconnect', () => process.exit(0));
const spin = () => {
  const end = Date.now() + 50;
  while (Date.now() < end) {}
  setImmediate(spin);
};
spin();
`;

export interface CpuLoad {
  processes: number;
  stop(): Promise<void>;
}

export function startCpuLoad(processes = availableParallelism()): CpuLoad {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i += 1) {
    children.push(spawn(process.execPath, ['-e', SPINNER], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }));
  }
  return {
    processes,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill();
            }),
        ),
      );
    },
  };
}

/**
 * With CPU_LOAD set (1 or "cores": one spinner per core; a number: that many), the tests of the
 * calling file run under that load: `CPU_LOAD=1 npx vitest run --project integration <file>`.
 */
export function underCpuLoadIfAsked(): void {
  const asked = process.env.CPU_LOAD;
  if (asked === undefined || asked === '' || asked === '0') return;
  const count = asked === '1' || asked === 'cores' ? availableParallelism() : Number(asked);
  if (!Number.isInteger(count) || count < 1) throw new Error(`CPU_LOAD must be 1, "cores" or a number of processes, not ${asked}`);
  let load: CpuLoad | null = null;
  beforeAll(() => {
    load = startCpuLoad(count);
  });
  afterAll(async () => {
    await load?.stop();
  });
}
