/**
 * A token bucket in SMS segments: the carrier's messages-per-second limit counts segments, so a
 * three-part text uses three tokens. Fractions carry over, so the long-run rate is exact.
 */
export class Pacer {
  private tokens = 0;
  private last: number | null = null;

  /** `rate` null = no pacing (benchmarks, or a carrier that queues for us). */
  constructor(private rate: number | null) {}

  setRate(rate: number | null): void {
    if (rate !== this.rate) {
      this.rate = rate;
      this.tokens = Math.min(this.tokens, this.burst());
    }
  }

  /** Whole messages that may start now. */
  allowance(now: number): number {
    if (this.rate === null) return Number.POSITIVE_INFINITY;
    if (this.last === null) this.tokens = 1;
    else this.tokens = Math.min(this.burst(), this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
    return Math.max(0, Math.floor(this.tokens));
  }

  consume(segments: number): void {
    if (this.rate !== null) this.tokens -= segments;
  }

  /** How long until one more message may start. */
  waitMs(): number {
    if (this.rate === null || this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.rate);
  }

  /** A tenth of a second's worth, at least one: smooth, yet no slot lost to timer jitter. */
  private burst(): number {
    return this.rate === null ? Number.POSITIVE_INFINITY : Math.max(1, this.rate / 10);
  }
}
