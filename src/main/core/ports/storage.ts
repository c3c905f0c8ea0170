import type { AuditStore } from './stores/audit-store';
import type { AutopilotStore } from './stores/autopilot-store';
import type { BillingStore } from './stores/billing-store';
import type { ConsentStore } from './stores/consent-store';
import type { ContactStore } from './stores/contact-store';
import type { SavedAudienceStore } from './stores/saved-audience-store';
import type { SmsPolicyStore } from './stores/sms-policy-store';
import type { TemplateStore } from './stores/template-store';
import type { DraftStore } from './stores/draft-store';
import type { LedgerStore } from './stores/ledger-store';
import type { MessengerStore } from './stores/messenger-store';
import type { OutboxStore } from './stores/outbox-store';
import type { RegistrationStore } from './stores/registration-store';
import type { StaffStore } from './stores/staff-store';
import type { ReportsStore } from './stores/reports-store';

/**
 * The business data, in the domain's words. Every method returns a promise so that a networked
 * database (PostgreSQL shared by several desks) can implement the same port as SQLite.
 *
 * Each store owns its tables; a rule that spans tables (an opt-out cancels waiting texts and
 * refunds them) is one service calling several stores inside one `transaction`.
 */
export interface Storage {
  readonly drafts: DraftStore;
  readonly messenger: MessengerStore;
  readonly registration: RegistrationStore;
  readonly staff: StaffStore;
  readonly audit: AuditStore;
  readonly outbox: OutboxStore;
  readonly ledger: LedgerStore;
  readonly consent: ConsentStore;
  readonly billing: BillingStore;
  readonly contacts: ContactStore;
  readonly templates: TemplateStore;
  readonly savedAudiences: SavedAudienceStore;
  readonly smsPolicy: SmsPolicyStore;
  readonly autopilot: AutopilotStore;
  /** Read-only counts for the Reports screen (owns no table). */
  readonly reports: ReportsStore;

  /**
   * Runs `work` as one unit: all of it is committed, or none of it. The stores handed to `work`
   * are bound to the transaction; calling the outer `Storage` from inside `work` would wait for
   * the transaction to end, so pass `tx` on to anything that must join it. Nested calls on `tx`
   * become savepoints.
   */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T>;
}

/** The stores, without the transaction boundary: what an adapter implements per connection. */
export type Stores = Omit<Storage, 'transaction'>;
