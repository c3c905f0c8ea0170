/**
 * The phone parse helper: a second thread that parses shares of a big recipient list beside the
 * sending thread (recipient-reader.ts). It holds nothing but the list it is given. A while after
 * each list it collects its garbage and gives the pages back (idle-collector.ts): an isolate's
 * freed pages stay with the process unless that isolate releases them, even after it ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toE164 } from '../../../shared/phone/e164';
import { IdleCollector, fullCollection } from './idle-collector';
import { warmParser } from './parser-warm-up';
import type { FromParseHelper, ParseHelperStart, ParseJob } from './parse-helper-protocol';

const port = parentPort;
if (port === null) throw new Error('parse-helper-entry runs only as a worker thread');
const { idleMs } = workerData as ParseHelperStart;
const collector = new IdleCollector(fullCollection(), idleMs, warmParser);
// The first big list after start-up finds the parser warm too.
setImmediate(warmParser);

port.on('message', (job: ParseJob) => {
  const shares = Math.ceil(job.raws.length / job.chunk);
  for (let share = Atomics.add(job.next, 0, 1); share < shares; share = Atomics.add(job.next, 0, 1)) {
    const from = share * job.chunk;
    const results = job.raws.slice(from, from + job.chunk).map((raw) => toE164(raw, job.country));
    port.postMessage({ type: 'parsed', id: job.id, from, results } satisfies FromParseHelper);
  }
  collector.activity();
});
