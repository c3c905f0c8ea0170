import type { DatabaseSync } from 'node:sqlite';
import { AppError, type ConsentEntry, type ConsentEvent, type ConsentState } from '../../../shared/contract';
import { toE164 } from '../../../shared/phone/e164';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import { transaction } from '../transaction';
import type { CreditLedger } from './credit-ledger';
import type { ConsentBook, ConsentSource } from './consent-book';
import type { OutboxRepository } from './outbox-repository';
import type { SendService } from './send-service';

export type { ConsentSource } from './consent-book';

/**
 * Consent per phone number with its full history (SPEC §7–§8). Opting in sends the signup
 * message once per opt-in — even outside Available SMS Hours, without header or footer.
 */
export class ConsentService {
  constructor(
    private readonly db: DatabaseSync,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly book: ConsentBook,
    private readonly sends: SendService,
    private readonly outbox: Pick<OutboxRepository, 'cancelQueuedTo'>,
    private readonly ledger: Pick<CreditLedger, 'release'>,
  ) {}

  /** 'never' until staff, a START reply or an import with consent opts the number in. */
  stateOf(phone: string): ConsentState {
    return this.book.stateOf(phone);
  }

  /** Numbers with a consent state, most recently changed first; `search` matches digits anywhere. */
  list(search: string, offset: number): { entries: ConsentEntry[]; total: number } {
    return this.book.list(search.replace(/\D/g, ''), offset);
  }

  /** Every change to one number's consent, newest first, with who made it. */
  history(raw: string): ConsentEvent[] {
    return this.book.history(this.normalize(raw));
  }

  /** Records the opt-in and queues the signup message in the same commit. */
  optIn(raw: string, source: ConsentSource, staffId: string | null): { phone: string; signupQueued: boolean } {
    const phone = this.normalize(raw);
    const signup = this.settings.read().messageOptions.signupMessage.trim();
    return transaction(this.db, () => {
      if (this.book.stateOf(phone) === 'opted_in') return { phone, signupQueued: false };
      const eventId = this.book.record(phone, 'opted_in', source, staffId, this.clock.now());
      if (signup === '') return { phone, signupQueued: false };
      try {
        this.sends.queue({ kind: 'signup', body: signup, recipients: [phone], honorHours: false, notBefore: null, createdBy: staffId, consentEventId: eventId });
      } catch (error) {
        // The opt-in stands even when the welcome text cannot be paid for; the caller says so.
        if (error instanceof AppError && error.code === 'INSUFFICIENT_CREDITS') return { phone, signupQueued: false };
        throw error;
      }
      return { phone, signupQueued: true };
    });
  }

  /**
   * Opts out at once: texts still waiting for this number are canceled and refunded, in the
   * same commit. Each table is changed by its owner (consent book, outbox, ledger).
   */
  optOut(raw: string, source: ConsentSource, staffId: string | null): { phone: string } {
    const phone = this.normalize(raw);
    const now = this.clock.now();
    // Rows not written yet are written canceled (see OutboxRepository), so a big send still
    // being written needs no work here.
    transaction(this.db, () => {
      if (this.book.stateOf(phone) === 'opted_out') return;
      this.book.record(phone, 'opted_out', source, staffId, now);
      for (const row of this.outbox.cancelQueuedTo(phone, 'Opted out before sending.', now)) {
        this.ledger.release(row.mode, row.id, row.credits, 'opted out', now);
      }
    });
    return { phone };
  }

  /** A number as typed, in E.164 for the business's country, or INVALID_INPUT with the reason. */
  normalize(raw: string): string {
    const parsed = toE164(raw, this.settings.read().country);
    if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.reason);
    return parsed.e164;
  }
}
