import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How long the main thread was held between two turns of its event loop, two ways:
 * `cpuMs`, the longest stretch of this thread's own CPU time between two timer ticks (what our
 * code holds the loop for, whatever else the machine runs), and `wallMs`, the event loop delay
 * as a clock on the wall sees it (which on a busy shared machine also counts the time the OS gave
 * the core to other processes).
 */
export function holdMeter(tickMs = 2) {
  const wall = monitorEventLoopDelay({ resolution: 5 });
  wall.enable();
  let cpuMs = 0;
  let last = process.threadCpuUsage();
  const timer = setInterval(() => {
    const used = process.threadCpuUsage(last);
    last = process.threadCpuUsage();
    cpuMs = Math.max(cpuMs, (used.user + used.system) / 1000);
  }, tickMs);
  return {
    stop(): { cpuMs: number; wallMs: number } {
      clearInterval(timer);
      wall.disable();
      return { cpuMs, wallMs: wall.max / 1e6 };
    },
  };
}
