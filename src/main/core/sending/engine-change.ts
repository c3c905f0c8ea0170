/**
 * What the sending engine changed, so the windows read again only that: a send of thousands
 * changes rows many times a second, but only its own progress, and the balance only when a text
 * is given back. Plain data: it crosses from the sending thread to main.
 */
export interface EngineChange {
  /** Sends (batch ids) some of whose texts were written, claimed, handed over, failed or checked. */
  sends: number[];
  /** Credits were given back (a text failed or was canceled before the carrier took it). */
  refunded: boolean;
  /** Texts left the waiting ones: the credits held for them moved (the balance's "held"). */
  held: boolean;
  /** A pause of the engine began or ended. */
  status: boolean;
}

export const noChange = (): EngineChange => ({ sends: [], refunded: false, held: false, status: false });

/** Gathers changes until they are told: one message or event for many rounds. */
export class ChangeCollector {
  private readonly sends = new Set<number>();
  private refunded = false;
  private held = false;
  private status = false;

  add(change: Partial<EngineChange>): void {
    for (const id of change.sends ?? []) this.sends.add(id);
    this.refunded ||= change.refunded === true;
    this.held ||= change.held === true;
    this.status ||= change.status === true;
  }

  /** What was gathered, and starts over. */
  take(): EngineChange {
    const change: EngineChange = { sends: [...this.sends], refunded: this.refunded, held: this.held, status: this.status };
    this.sends.clear();
    this.refunded = this.held = this.status = false;
    return change;
  }
}
