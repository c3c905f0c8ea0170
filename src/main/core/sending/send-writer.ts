import type { Storage } from '../ports/storage';
import type { PersonalText } from '../ports/stores/outbox-store';
import { CreditLedger } from './credit-ledger';

/** Rows written per round: a few milliseconds of work, so the event loop never waits long. */
export const WRITE_CHUNK = 250;

export const OPTED_OUT_BEFORE_SENDING = 'Opted out before sending.';

/** One chunk written: its send, and whether recipients who opted out meanwhile were refunded. */
export interface WrittenChunk {
  sendId: number;
  refunded: boolean;
}

/**
 * Writes a queued send's messages into the outbox, one chunk per call, so a send of thousands
 * never blocks for long. A recipient who opted out after the send was queued is written
 * canceled and refunded in the same transaction: the outbox and the ledger each by its owner.
 */
export class SendWriter {
  /** The send being written: its recipients read once, and how many are written. */
  private progress: { id: number; recipients: string[]; personal: PersonalText[] | null; done: number } | null = null;

  constructor(private readonly storage: Storage) {}

  /**
   * Writes the next chunk of the oldest send still being written; null when nothing is left.
   * Idempotent: after a crash between chunks, a recipient written before is left alone.
   */
  async writeNextChunk(now: number): Promise<WrittenChunk | null> {
    // A read first: most rounds have nothing to write and must not take the write lock.
    if (this.progress === null && !(await this.storage.outbox.hasSendBeingWritten())) return null;
    try {
      return await this.storage.transaction((tx) => this.writeIn(tx, now));
    } catch (error) {
      this.progress = null; // rolled back: count again from the store next time
      throw error;
    }
  }

  /** Writes every pending message now, so a cancel or opt-out reaches messages not yet written. */
  async finish(now: number): Promise<void> {
    while (await this.writeNextChunk(now));
  }

  private async writeIn(tx: Storage, now: number): Promise<WrittenChunk | null> {
    const send = await tx.outbox.sendBeingWritten();
    if (send === null) {
      this.progress = null;
      return null;
    }
    if (this.progress?.id !== send.id) {
      // Counted once per send (another process may have written some before a crash).
      const { recipients, personal, written } = await tx.outbox.recipientsOf(send.id);
      this.progress = { id: send.id, recipients, personal, done: written };
    }
    const progress = this.progress;
    const chunk = progress.recipients.slice(progress.done, progress.done + WRITE_CHUNK);
    const states = await tx.consent.statesOf(chunk);
    const messages = chunk.map((to, i) => ({
      to,
      canceledReason: states[i] === 'opted_out' ? OPTED_OUT_BEFORE_SENDING : null,
      personal: progress.personal?.[progress.done + i] ?? null,
    }));
    const canceled = await tx.outbox.writeMessages(send.id, messages, send.segments, now);
    await new CreditLedger(tx).release(canceled, 'opted out', now);
    progress.done += chunk.length;
    if (progress.done >= progress.recipients.length) {
      await tx.outbox.markWritten(send.id);
      this.progress = null;
    }
    return { sendId: send.id, refunded: canceled.length > 0 };
  }
}
