import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The sending thread's nice value in the app: normal priority. At nice 10 the thread got so
 * little CPU beside other busy programs that a paced send fell to 36-48 % of its rate (and below
 * 15 % at 1,000/s) with one busy loop per core; at normal priority it keeps its pace
 * (docs/PERFORMANCE.md, "Scheduling under load"). The main thread still answers windows: sending
 * is I/O-bound at the rates Settings allows, and the thread sleeps between rounds.
 * SMS_DESK_SENDING_NICE overrides it so the bench can compare (npm run bench -- --busy).
 */
export const SENDING_NICE = 0;

/**
 * Gives the calling thread the sending thread's priority. On Linux a thread has its own nice
 * value (/proc/thread-self names it); elsewhere, or when not permitted, it keeps normal priority.
 */
export function setSendingThreadPriority(env: NodeJS.ProcessEnv = process.env): void {
  const nice = Number(env.SMS_DESK_SENDING_NICE ?? SENDING_NICE);
  if (!Number.isInteger(nice) || nice === 0) return;
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, nice);
  } catch {
    // Not Linux, or not permitted: normal priority is fine.
  }
}
