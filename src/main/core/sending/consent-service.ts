import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { AppError, CONSENT_PAGE, type ConsentEntry, type ConsentEvent, type ConsentState, type consentSources, type Mode } from '../../../shared/contract';
import { toE164 } from '../../../shared/phone/e164';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import { transaction } from '../transaction';
import type { CreditLedger } from './credit-ledger';
import type { SendService } from './send-service';

export type ConsentSource = (typeof consentSources)[number];

/**
 * Consent per phone number with its full history (SPEC §7–§8). Opting in sends the signup
 * message once per opt-in — even outside Available SMS Hours, without header or footer.
 */
export class ConsentService {
  private readonly s: Record<'state' | 'event' | 'upsert' | 'queuedTo' | 'page' | 'count' | 'history', StatementSync>;

  constructor(
    private readonly db: DatabaseSync,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly sends: SendService,
    private readonly ledger: CreditLedger,
  ) {
    this.s = {
      state: db.prepare('SELECT state FROM consent WHERE phone = ?'),
      event: db.prepare('INSERT INTO consent_events (phone, state, source, staff_id, at) VALUES (?, ?, ?, ?, ?)'),
      upsert: db.prepare('INSERT INTO consent (phone, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at'),
      queuedTo: db.prepare(`SELECT o.id, o.credits, b.mode FROM outbox o JOIN send_batches b ON b.id = o.batch_id
        WHERE o.to_number = ? AND o.state = 'queued'`),
      // instr() rather than LIKE: the digits typed are data, never a pattern.
      page: db.prepare(`SELECT phone, state, updated_at AS updatedAt FROM consent WHERE instr(phone, ?) > 0
        ORDER BY updated_at DESC, phone LIMIT ${CONSENT_PAGE} OFFSET ?`),
      count: db.prepare('SELECT COUNT(*) AS n FROM consent WHERE instr(phone, ?) > 0'),
      history: db.prepare(`SELECT e.state, e.source, s.name AS staffName, e.at FROM consent_events e
        LEFT JOIN staff s ON s.id = e.staff_id WHERE e.phone = ? ORDER BY e.at DESC, e.id DESC`),
    };
  }

  /** 'never' until staff, a START reply or an import with consent opts the number in. */
  stateOf(phone: string): ConsentState {
    return (this.s.state.get(phone) as { state: ConsentState } | undefined)?.state ?? 'never';
  }

  /** Numbers with a consent state, most recently changed first; `search` matches digits anywhere. */
  list(search: string, offset: number): { entries: ConsentEntry[]; total: number } {
    const digits = search.replace(/\D/g, '');
    return {
      entries: this.s.page.all(digits, offset) as unknown as ConsentEntry[],
      total: (this.s.count.get(digits) as { n: number }).n,
    };
  }

  /** Every change to one number's consent, newest first, with who made it. */
  history(raw: string): ConsentEvent[] {
    return this.s.history.all(this.normalize(raw)) as unknown as ConsentEvent[];
  }

  /** Records the opt-in and queues the signup message in the same commit. */
  optIn(raw: string, source: ConsentSource, staffId: string | null): { phone: string; signupQueued: boolean } {
    const phone = this.normalize(raw);
    const signup = this.settings.read().messageOptions.signupMessage.trim();
    return transaction(this.db, () => {
      if (this.stateOf(phone) === 'opted_in') return { phone, signupQueued: false };
      const now = this.clock.now();
      const eventId = Number(this.s.event.run(phone, 'opted_in', source, staffId, now).lastInsertRowid);
      this.s.upsert.run(phone, 'opted_in', now);
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

  /** Opts out at once: texts still waiting for this number are canceled and refunded. */
  optOut(raw: string, source: ConsentSource, staffId: string | null): { phone: string } {
    const phone = this.normalize(raw);
    const now = this.clock.now();
    // Rows not written yet are written canceled (see OutboxRepository), so a big send still
    // being written needs no work here.
    transaction(this.db, () => {
      if (this.stateOf(phone) === 'opted_out') return;
      this.s.event.run(phone, 'opted_out', source, staffId, now);
      this.s.upsert.run(phone, 'opted_out', now);
      for (const row of this.s.queuedTo.all(phone) as unknown as Array<{ id: number; credits: number; mode: Mode }>) {
        this.db.prepare("UPDATE outbox SET state = 'canceled', error_message = 'Opted out before sending.', updated_at = ? WHERE id = ? AND state = 'queued'").run(now, row.id);
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
