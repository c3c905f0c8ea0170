/**
 * A worker thread that takes the sending thread's priority, then reports its own nice value
 * (field 19 of /proc/thread-self/stat) to the test that started it.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { setSendingThreadPriority } from '../../../src/main/app/sending-thread/thread-priority';

setSendingThreadPriority();
const stat = readFileSync('/proc/thread-self/stat', 'utf8');
// After the command name: state is field 3, nice field 19.
const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
parentPort?.postMessage(nice);
