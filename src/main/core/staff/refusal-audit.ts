import type { Clock } from '../ports/clock';
import type { AuditLog } from './audit-log';

interface Run {
  since: number;
  count: number;
}

/** A flood of refusals by one person for one action starts a new row after this long. */
const RUN_MS = 10 * 60_000;
/** Forgotten runs are dropped past this many, so the memory use stays small too. */
const MAX_RUNS = 1_000;

/**
 * Permission refusals in the audit log, coalesced so a flood cannot fill the disk: per person and
 * action, the 1st, 2nd, 4th, 8th… refusal within a run is written with the running count. A
 * million refusals in ten minutes make about twenty rows, and the last says how many there were.
 */
export class RefusalAudit {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async record(entry: { staffId: string; channel: string }): Promise<void> {
    const now = this.clock.now();
    const key = `${entry.staffId} ${entry.channel}`;
    let run = this.runs.get(key);
    if (!run || now - run.since >= RUN_MS) {
      if (this.runs.size >= MAX_RUNS) this.forgetOldRuns(now);
      run = { since: now, count: 0 };
      this.runs.set(key, run);
    }
    run.count += 1;
    if (!isPowerOfTwo(run.count)) return;
    const detail = run.count === 1 ? entry.channel : `${entry.channel}, ${run.count} times in ${span(now - run.since)}`;
    await this.audit.append({ staffId: entry.staffId, action: 'access.refused', detail });
  }

  private forgetOldRuns(now: number): void {
    for (const [key, run] of this.runs) if (now - run.since >= RUN_MS) this.runs.delete(key);
    // Still full: many people and actions at once. Starting counts afresh only writes more rows.
    if (this.runs.size >= MAX_RUNS) this.runs.clear();
  }
}

const isPowerOfTwo = (n: number): boolean => (n & (n - 1)) === 0;

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? 'under a minute' : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
