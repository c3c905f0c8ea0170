/**
 * When the dispatcher's next round runs. A round is asked for at once (new work, a request
 * slot to fill), or by a deadline (outcomes wait a little so that many share one commit); the
 * loop sleeps between rounds for as long as the last round said, unless asked earlier. An ask
 * made while a round runs is kept for the sleep that follows it, so it is never lost.
 */
export class RoundTimer {
  /** The earliest time (performance.now) a round was asked for; Infinity when none was. */
  private askedBy = Number.POSITIVE_INFINITY;
  private sleeping: { until: number; end: () => void; cancel: () => void } | null = null;

  /** Runs the next round as soon as the event loop turns (a burst of asks costs one round). */
  soon(): void {
    this.within(0);
  }

  /** Runs the next round no later than `ms` from now. */
  within(ms: number): void {
    const at = performance.now() + ms;
    if (at >= this.askedBy) return;
    this.askedBy = at;
    if (this.sleeping !== null && at < this.sleeping.until) this.arm(at);
  }

  /** Sleeps up to `ms`, or less when a round is (or was already) asked for sooner. */
  sleep(ms: number): Promise<void> {
    const until = Math.min(performance.now() + Math.max(0, ms), this.askedBy);
    return new Promise((resolve) => {
      this.sleeping = { until: Number.POSITIVE_INFINITY, end: resolve, cancel: () => undefined };
      this.arm(until);
    });
  }

  private arm(until: number): void {
    const sleep = this.sleeping;
    if (sleep === null) return;
    sleep.cancel();
    sleep.until = until;
    const wake = () => {
      if (this.sleeping !== sleep) return;
      this.sleeping = null;
      this.askedBy = Number.POSITIVE_INFINITY;
      sleep.end();
    };
    const delay = until - performance.now();
    if (delay <= 0) {
      const immediate = setImmediate(wake);
      sleep.cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(wake, Math.ceil(delay));
      sleep.cancel = () => clearTimeout(timer);
    }
  }
}
