/** How often main looks for workflows that fell due (real time; the Clock port says what time it is). */
export const LOOK_EVERY_MS = 20_000;

/**
 * Runs `look` every `everyMs` and whenever `kick` is called, never two at once: a kick during a
 * look asks for one more look right after it. Lives in main, so workflows fire with no window open.
 */
export class AutopilotScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly look: () => Promise<void>, private readonly logError: (message: string, error: unknown) => void, private readonly everyMs = LOOK_EVERY_MS) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Look now (a contact was added, the clock moved, a workflow was saved). */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.look()
      .catch((error: unknown) => this.logError('Autopilot could not run its workflows', error))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => this.kick(), this.everyMs);
        }
      });
  }

  /** Resolves once the look under way (if any) has finished. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }
}
