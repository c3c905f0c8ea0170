import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How long the sending thread waits, after its last activity, before it collects its garbage.
 * SMS_DESK_SENDING_IDLE_GC_MS overrides it (tests).
 */
export const IDLE_GC_MS = 5_000;

/**
 * V8's options for a memory-reducing full collection: it runs full GCs until nothing more is
 * freed and gives the pages it freed back to the system.
 */
const GIVE_MEMORY_BACK = { type: 'major', execution: 'sync', flavor: 'last-resort' } as const;

/**
 * A full garbage collection of the calling thread's heap that also returns the freed memory to
 * the system, or null where none can be had.
 * After a send the sending thread holds the rounds' and the SDK's garbage (90 MB against 21 MB
 * idle, 30 s after 10,000 texts): an idle isolate allocates nothing, so V8 never collects it.
 * A plain `gc()` frees that garbage but V8 keeps the freed pages committed in its page pool for
 * reuse: the process kept ~200 MB more than idle (bench/memory-map.ts: the growth was all
 * 256 KB-aligned V8 pages). Pooled pages of an isolate are not released by a collection in
 * another isolate, nor when the isolate ends, so only this isolate can give its own back.
 * `gc` is exposed only in a fresh context, so the flag changes nothing for code already running.
 */
export function fullCollection(): (() => void) | null {
  const gc = exposedGc();
  return gc === null ? null : () => gc(GIVE_MEMORY_BACK);
}

function exposedGc(): ((options: typeof GIVE_MEMORY_BACK) => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as (options: typeof GIVE_MEMORY_BACK) => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as (options: typeof GIVE_MEMORY_BACK) => void) : null;
  } catch {
    return null;
  }
}

/**
 * Collects once the thread has been quiet for `idleMs` after some activity: never during a send,
 * once after it. Garbage only: nothing the dispatcher keeps is touched, so no text is affected.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly collect: (() => void) | null,
    private readonly idleMs: number = IDLE_GC_MS,
    /** Run after each collection (the parser compiles its code again). */
    private readonly afterCollect: () => void = () => undefined,
  ) {}

  /** Something happened (a round sent or learned something): wait for quiet again. */
  activity(): void {
    if (this.collect === null) return;
    if (this.timer !== null) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.collect?.();
      this.afterCollect();
    }, this.idleMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The idle delay from the environment, else the default. */
export function idleGcMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.SMS_DESK_SENDING_IDLE_GC_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : IDLE_GC_MS;
}
