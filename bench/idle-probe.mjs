/**
 * The control for the stall figures: an idle Node process on the same machine, started next to
 * each measured engine process. It does nothing but measure its own event loop
 * (monitorEventLoopDelay, 1 ms resolution, as in the engine process). Whatever it records is
 * scheduling latency of the machine (two vCPUs shared with the simulator and the sending thread),
 * not work of its own. bench/run.ts forwards the engine's window marks to its stdin
 * ("<window> begin" / "<window> end"); when stdin closes it prints one line of JSON:
 * { [window]: { maxMs, p99Ms, count } }.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const windows = {};
const ms = (ns) => Math.round(ns / 1e4) / 100;

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [window, edge] = line.trim().split(' ');
    if (edge === 'begin') histogram.reset();
    else if (edge === 'end' && window !== undefined) {
      const empty = histogram.count === 0;
      windows[window] = { maxMs: empty ? 0 : ms(histogram.max), p99Ms: empty ? 0 : ms(histogram.percentile(99)), count: histogram.count };
    }
  })
  .on('close', () => {
    histogram.disable();
    process.stdout.write(`${JSON.stringify(windows)}\n`);
  });
