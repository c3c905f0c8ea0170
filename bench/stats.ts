/** Shared by the bench orchestrator (run.ts) and the engine process it measures (engine-worker.ts). */

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'bench-secret-token';
/** One SMS segment (GSM-7, under 160 characters). */
export const BODY = 'Tumble Town: the pool is closed today because of the storm. Classes move to Thursday. Reply STOP to opt out.';

/** The one recipient of the first send after start-up (outside the batches' number ranges). */
export const FIRST_SEND_TO = '+12145550100';

/** What the orchestrator asks one engine process to do. */
export interface RunConfig {
  name: string;
  baseUrl: string;
  messagingServiceSid: string;
  dbFile: string;
  messages: number;
  /** Dispatcher maxInFlight; undefined = the engine's default. */
  maxInFlight?: number;
  /** Segments per second; null = pacing off. */
  messagesPerSecond: number | null;
  /** The dispatcher in its worker thread, as the app runs it; false = on the measured thread. */
  thread: boolean;
  /** After the batch, stay idle this long with the engine running, then GC and read memory again. */
  afterSendWaitMs?: number;
}

/** What the orchestrator asks one plain SDK loop process (sdk-loop.ts) to do. */
export interface SdkLoopConfig {
  baseUrl: string;
  messagingServiceSid: string;
  messages: number;
  /** Calls in flight at once: the engine's maxInFlight in the run it is compared with. */
  concurrency: number;
  /**
   * `stock`: the SDK's own HTTP client (axios), the plain loop the engine is held to.
   * `engine`: the HTTP client the engine uses (PooledRequestClient), to show the engine's own work apart.
   */
  client: 'stock' | 'engine';
}

export interface SdkLoopResult {
  messages: number;
  failed: number;
  ms: number;
  perSecond: number;
}

/**
 * Memory of the engine process. RSS is the whole process (main thread and sending thread share
 * it); the sending thread's own share is its V8 heap (Worker.getHeapStatistics()).
 */
export interface MemoryResult {
  /** After start-up, before any send. */
  idleRssMb: number;
  idleThreadHeapMb: number | null;
  /** Sampled every 50 ms while sending. */
  peakRssMb: number;
  peakThreadHeapMb: number | null;
  /** afterSendWaitMs after the batch finished, engine still running, after a full GC of both isolates. */
  afterSendRssMb: number | null;
  afterSendThreadHeapMb: number | null;
  afterSendWaitMs: number | null;
}

export interface Spread {
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  count: number;
}

/** monitorEventLoopDelay({ resolution: 1 }): the gaps between its 1 ms ticks, so ≥ 1 ms. */
export interface Stall extends Spread {
  meanMs: number;
}

export interface RateStats {
  /** (n - 1) / (last - first) over every message. */
  overall: number;
  /** The same over the middle 80 % of messages (steady state, no start-up or tail). */
  steady: number;
}

/** What one engine process measured. */
export interface RunResult {
  name: string;
  thread: boolean;
  messages: number;
  maxInFlight: number;
  messagesPerSecond: number | null;
  /** The first send after start-up (one message), until its outcome was committed. */
  /** Starting the engine (and its thread), as the app does at launch: not during a send. */
  startUp: { stall: Stall };
  firstSend: { ms: number; stall: Stall };
  /** sends.queue(): validation, batch row, credit hold — one transaction. */
  queueMs: number;
  /** From sends.queue() (the dispatcher is running) until every outbox row was written (the rounds write them in chunks). */
  expandedMs: number;
  /** From sends.queue() until the poll saw no row queued or claimed (50 ms granularity). */
  wallMs: number;
  /** From sends.queue() until the batch's last outcome was committed (ledger settle/release time). */
  sendMs: number;
  perSecond: number;
  states: Record<string, number>;
  /** Engine-side rate from the commit times of the outcomes. */
  engineRate: RateStats;
  rssBeforeMb: number;
  heapBeforeMb: number;
  /** Sampled every 50 ms while sending. rss is the whole process (main thread and sending thread). */
  peakRssMb: number;
  /** heapUsed of the main thread's isolate only. */
  peakHeapMb: number;
  /** used_heap_size of the sending thread's isolate (Worker.getHeapStatistics()); null in process. */
  peakThreadHeapMb: number | null;
  /** heapUsed after the engine closed and a full GC: what the send retained. */
  heapAfterGcMb: number | null;
  /** Event-loop stalls over the whole batch, from sends.queue() until done. */
  stall: Stall;
  /** The same once every row was written: sending only. */
  steadyStall: Stall;
  /** setInterval(…, 5): how late each tick fired. */
  drift: Spread;
  gc: { maxMs: number; totalMs: number; count: number };
  /**
   * db.exec('COMMIT') wall time of this thread's transactions that wrote rows (each ends in an
   * fsync: synchronous = FULL). With the sending thread, only the main thread's own (queueing).
   */
  commits: Spread & { totalMs: number; empty: number };
  /** The bench's own progress polls (a COUNT(*) on the main thread's connection, every 50 ms). */
  polls: Spread;
  /** Writing commits by every connection over the batch (WAL-index change counter); null if unreadable. */
  allCommits: number | null;
  /** Dispatcher rounds (each is one synchronous block on the main thread); none with the sending thread. */
  rounds: Spread & { totalMs: number };
  /** Event-loop utilization over the batch, in %: the main thread's, and the sending thread's (null in process). */
  mainBusyPercent: number;
  threadBusyPercent: number | null;
  /** CPU time over the batch's wall time, as a share of one core: the whole process, and the main thread alone. */
  cpu: { userMs: number; systemMs: number; percentOfOneCore: number; mainPercentOfOneCore: number };
  memory: MemoryResult;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { maxMs: round2(sorted.at(-1) ?? 0), p99Ms: round2(percentile(sorted, 99)), p50Ms: round2(percentile(sorted, 50)), count: sorted.length };
}

/** Messages per second from the times (ms) they happened at. */
export function rateOf(times: readonly number[]): RateStats {
  const sorted = [...times].sort((a, b) => a - b);
  const rate = (list: readonly number[]): number => {
    const first = list[0];
    const last = list.at(-1);
    if (list.length < 2 || first === undefined || last === undefined || last === first) return 0;
    return round2(((list.length - 1) * 1000) / (last - first));
  };
  const cut = Math.floor(sorted.length * 0.1);
  return { overall: rate(sorted), steady: rate(sorted.slice(cut, sorted.length - cut)) };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
export const mb = (bytes: number): number => round2(bytes / 1024 / 1024);
