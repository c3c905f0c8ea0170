import { AppError, type ConsentEntry, type ConsentEvent, type ConsentState } from '../../../shared/contract';
import { toE164 } from '../../../shared/phone/e164';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { ConsentSource } from '../ports/stores/consent-store';
import { CreditLedger } from './credit-ledger';
import type { SendService } from './send-service';
import { OPTED_OUT_BEFORE_SENDING } from './send-writer';

export type { ConsentSource } from '../ports/stores/consent-store';

/**
 * Consent per phone number with its full history (SPEC §7–§8). Opting in sends the signup
 * message once per opt-in — even outside Available SMS Hours, without header or footer.
 * A caller already inside a transaction passes its `tx` so the change joins it.
 */
export class ConsentService {
  constructor(
    private readonly storage: Storage,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly sends: SendService,
  ) {}

  /** 'never' until staff, a START reply or an import with consent opts the number in. */
  stateOf(phone: string): Promise<ConsentState> {
    return this.storage.consent.stateOf(phone);
  }

  /** Numbers with a consent state, most recently changed first; `search` matches digits anywhere. */
  list(search: string, offset: number): Promise<{ entries: ConsentEntry[]; total: number }> {
    return this.storage.consent.list(search.replace(/\D/g, ''), offset);
  }

  /** Every change to one number's consent, newest first, with who made it. */
  history(raw: string): Promise<ConsentEvent[]> {
    return this.storage.consent.history(this.normalize(raw));
  }

  /** Records the opt-in and queues the signup message in the same commit. */
  optIn(raw: string, source: ConsentSource, staffId: string | null, within: Storage = this.storage): Promise<{ phone: string; signupQueued: boolean }> {
    const phone = this.normalize(raw);
    const signup = this.settings.read().messageOptions.signupMessage.trim();
    return within.transaction(async (tx) => {
      if ((await tx.consent.stateOf(phone)) === 'opted_in') return { phone, signupQueued: false };
      const eventId = await tx.consent.record(phone, 'opted_in', source, staffId, this.clock.now());
      if (signup === '') return { phone, signupQueued: false };
      try {
        await this.sends.queue({ kind: 'signup', body: signup, recipients: [phone], honorHours: false, notBefore: null, createdBy: staffId, consentEventId: eventId }, tx);
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
   * same commit. Each table is changed by its owner (consent, outbox, ledger).
   */
  async optOut(raw: string, source: ConsentSource, staffId: string | null, within: Storage = this.storage): Promise<{ phone: string }> {
    const phone = this.normalize(raw);
    const now = this.clock.now();
    // Messages not written yet are written canceled (see SendWriter), so a big send still
    // being written needs no work here.
    await within.transaction(async (tx) => {
      if ((await tx.consent.stateOf(phone)) === 'opted_out') return;
      await tx.consent.record(phone, 'opted_out', source, staffId, now);
      const canceled = await tx.outbox.cancelWaitingTo(phone, OPTED_OUT_BEFORE_SENDING, now);
      await new CreditLedger(tx).release(canceled, 'opted out', now);
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
