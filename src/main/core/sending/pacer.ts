/**
 * Slots missed while texts were waiting are made up for, up to this much time's worth. It was a
 * second, which let the carrier see a paced send arrive faster than its pace (100 texts at 200/s
 * in 297 ms after a slow start): the pace is a promise to the carrier, so a stall now costs its
 * slots beyond a tenth of a second instead of being paid back in a burst.
 */
const CATCH_UP_MS = 100;
/**
 * Otherwise the bucket keeps at most this much time's worth: a new send starts smoothly, and
 * requests that are merely slow (the carrier, a cold start) do not store up a burst. A gap between
 * two looks longer than this is a thread that was not given the CPU.
 */
const IDLE_BURST_MS = 100;

/**
 * A token bucket in SMS segments: the carrier's messages-per-second limit counts segments, so a
 * three-part text uses three tokens. Fractions carry over, so the long-run rate is exact.
 *
 * On a busy machine the sending thread is not always given the CPU when its timer is due: it can
 * wake 100 ms late or more. Only a tenth of a second's worth of the slots missed in such a gap is
 * made up afterwards, so the carrier never sees a burst above the pace; once nothing waits, the
 * bucket is cut back to a tenth of a second's worth.
 */
export class Pacer {
  private tokens = 0;
  private last: number | null = null;

  /** `rate` null = no pacing (benchmarks, or a carrier that queues for us). */
  constructor(private rate: number | null) {}

  setRate(rate: number | null): void {
    if (rate !== this.rate) {
      this.rate = rate;
      this.tokens = Math.min(this.tokens, this.capOver(IDLE_BURST_MS));
    }
  }

  /** Whole messages that may start now; `waited`: texts were waiting since the last look. */
  allowance(now: number, waited = false): number {
    if (this.rate === null) return Number.POSITIVE_INFINITY;
    if (this.last === null) this.tokens = 1;
    else {
      const gap = now - this.last;
      // A debt already owed is kept; a new one is taken on only for a gap the thread did not run.
      const cap = waited && gap > IDLE_BURST_MS ? this.capOver(CATCH_UP_MS) : Math.max(this.capOver(IDLE_BURST_MS), this.tokens);
      this.tokens = Math.min(cap, this.tokens + (gap * this.rate) / 1000);
    }
    this.last = now;
    return Math.max(0, Math.floor(this.tokens));
  }

  consume(segments: number): void {
    if (this.rate !== null) this.tokens -= segments;
  }

  /** Nothing more was waiting to go: slots not used now are not owed later. */
  idle(): void {
    this.tokens = Math.min(this.tokens, this.capOver(IDLE_BURST_MS));
  }

  /** How long until one more message may start. */
  waitMs(): number {
    if (this.rate === null || this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }

  /** Tokens worth `ms` at the rate, at least one. */
  private capOver(ms: number): number {
    return this.rate === null ? Number.POSITIVE_INFINITY : Math.max(1, (this.rate * ms) / 1000);
  }
}
