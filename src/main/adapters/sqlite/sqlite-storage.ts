import type { DatabaseSync } from 'node:sqlite';
import type { Storage, Stores } from '../../core/ports/storage';
import type { AuditStore } from '../../core/ports/stores/audit-store';
import type { AutopilotStore } from '../../core/ports/stores/autopilot-store';
import type { BillingStore } from '../../core/ports/stores/billing-store';
import type { ConsentStore } from '../../core/ports/stores/consent-store';
import type { ContactStore } from '../../core/ports/stores/contact-store';
import type { SavedAudienceStore } from '../../core/ports/stores/saved-audience-store';
import type { SmsPolicyStore } from '../../core/ports/stores/sms-policy-store';
import type { TemplateStore } from '../../core/ports/stores/template-store';
import type { DraftStore } from '../../core/ports/stores/draft-store';
import type { LedgerStore } from '../../core/ports/stores/ledger-store';
import type { MessengerStore } from '../../core/ports/stores/messenger-store';
import type { OutboxStore } from '../../core/ports/stores/outbox-store';
import type { RegistrationStore } from '../../core/ports/stores/registration-store';
import type { StaffStore } from '../../core/ports/stores/staff-store';
import type { ReportsStore } from '../../core/ports/stores/reports-store';
import { beginUnit } from './all-or-nothing';
import { beginWhenWritable } from './write-turn';
import { asPort } from './sync-store';
import { SqliteAuditStore } from './stores/audit-store';
import { SqliteAutopilotStore } from './stores/autopilot/autopilot-store';
import { SqliteBillingStore } from './stores/billing-store';
import { SqliteConsentStore } from './stores/consent-store';
import { SqliteContactStore } from './stores/contacts/contact-store';
import { SqliteSavedAudienceStore } from './stores/compose/saved-audience-store';
import { SqliteSmsPolicyStore } from './stores/compose/sms-policy-store';
import { SqliteTemplateStore } from './stores/compose/template-store';
import { SqliteDraftStore } from './stores/draft-store';
import { SqliteLedgerStore } from './stores/ledger-store';
import { SqliteMessengerStore } from './stores/messenger-store';
import { SqliteOutboxStore } from './stores/outbox-store';
import { SqliteRegistrationStore } from './stores/registration-store';
import { SqliteStaffStore } from './stores/staff-store';
import { SqliteReportsStore } from './stores/reports-store';

type Gate = <R>(call: () => R) => Promise<R>;

/** Runs a synchronous call and hands its result or its error over as a promise. */
const direct: Gate = (call) => {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error as Error);
  }
};

/**
 * The Storage port on one node:sqlite connection. A transaction's work may await between its
 * statements, so every call from outside a transaction queues behind an open one: nothing else
 * can slip a statement into it, and nothing reads its half-done state.
 */
export class SqliteStorage implements Storage {
  readonly drafts;
  readonly messenger;
  readonly registration;
  readonly staff;
  readonly audit;
  readonly outbox;
  readonly ledger;
  readonly consent;
  readonly billing;
  readonly contacts;
  readonly templates;
  readonly savedAudiences;
  readonly smsPolicy;
  readonly autopilot;
  readonly reports;
  private readonly txStores: Stores;
  private tail: Promise<unknown> = Promise.resolve();
  /** Calls in the queue, not yet settled: while there are none, a store call runs at once. */
  private waiting = 0;
  private savepoints = 0;

  constructor(private readonly db: DatabaseSync) {
    const outer = this.stores((call) => (this.waiting === 0 ? direct(call) : this.queued(call)));
    this.drafts = outer.drafts;
    this.messenger = outer.messenger;
    this.registration = outer.registration;
    this.staff = outer.staff;
    this.audit = outer.audit;
    this.outbox = outer.outbox;
    this.ledger = outer.ledger;
    this.consent = outer.consent;
    this.billing = outer.billing;
    this.contacts = outer.contacts;
    this.templates = outer.templates;
    this.savedAudiences = outer.savedAudiences;
    this.smsPolicy = outer.smsPolicy;
    this.autopilot = outer.autopilot;
    this.reports = outer.reports;
    this.txStores = this.stores(direct);
  }

  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
    return this.queued(() => this.run(work));
  }

  private stores(gate: Gate): Stores {
    return {
      drafts: asPort<DraftStore>(new SqliteDraftStore(this.db), gate),
      messenger: asPort<MessengerStore>(new SqliteMessengerStore(this.db), gate),
      registration: asPort<RegistrationStore>(new SqliteRegistrationStore(this.db), gate),
      staff: asPort<StaffStore>(new SqliteStaffStore(this.db), gate),
      audit: asPort<AuditStore>(new SqliteAuditStore(this.db), gate),
      outbox: asPort<OutboxStore>(new SqliteOutboxStore(this.db), gate),
      ledger: asPort<LedgerStore>(new SqliteLedgerStore(this.db), gate),
      consent: asPort<ConsentStore>(new SqliteConsentStore(this.db), gate),
      billing: asPort<BillingStore>(new SqliteBillingStore(this.db), gate),
      contacts: asPort<ContactStore>(new SqliteContactStore(this.db), gate),
      templates: asPort<TemplateStore>(new SqliteTemplateStore(this.db), gate),
      savedAudiences: asPort<SavedAudienceStore>(new SqliteSavedAudienceStore(this.db), gate),
      smsPolicy: asPort<SmsPolicyStore>(new SqliteSmsPolicyStore(this.db), gate),
      autopilot: asPort<AutopilotStore>(new SqliteAutopilotStore(this.db), gate),
      reports: asPort<ReportsStore>(new SqliteReportsStore(this.db), gate),
    };
  }

  /**
   * One at a time, in the order asked: a call waits for every transaction begun before it. A store
   * call made while nothing is queued skips the queue (see the constructor): everything asked
   * before it has settled, and it is synchronous, so nothing runs between its statements. That
   * spares the sending round a promise turn per store call.
   */
  private queued<R>(call: () => R | Promise<R>): Promise<R> {
    this.waiting++;
    const settled = () => {
      this.waiting--;
    };
    const result = this.tail.then(call, call);
    this.tail = result.then(settled, settled);
    return result;
  }

  private async run<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
    // Only work queued by `transaction` (or nested through `tx`) gets here, so the connection is
    // in a transaction exactly when one of ours is open: the outermost begins one, the rest nest.
    // The outermost waits for the write lock without holding the thread (write-turn.ts).
    const savepoint = `sp${++this.savepoints}`;
    const unit = this.db.isTransaction ? beginUnit(this.db, savepoint) : await beginWhenWritable(this.db, savepoint);
    try {
      const result = await work(this.tx());
      unit.commit();
      return result;
    } catch (error) {
      unit.rollback();
      throw error;
    }
  }

  /** The stores bound to the open transaction; `transaction` on it nests as a savepoint. */
  private tx(): Storage {
    return { ...this.txStores, transaction: (work) => this.run(work) };
  }
}
