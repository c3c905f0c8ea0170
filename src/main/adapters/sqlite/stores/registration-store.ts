import type { DatabaseSync } from 'node:sqlite';
import type { RegistrationRecord, RegistrationStore } from '../../../core/ports/stores/registration-store';
import type { SyncStore } from '../sync-store';

/** Each field of the record and its column in the single `registration` row (migrations 0002, 0007). */
const columns: Record<keyof RegistrationRecord, string> = {
  brandForm: 'brand_form',
  customerProfileSid: 'customer_profile_sid',
  businessEndUserSid: 'business_end_user_sid',
  representativeEndUserSid: 'representative_end_user_sid',
  addressSid: 'address_sid',
  supportingDocumentSid: 'supporting_document_sid',
  trustProductSid: 'trust_product_sid',
  messagingProfileEndUserSid: 'messaging_profile_end_user_sid',
  brandSid: 'brand_sid',
  brandState: 'brand_state',
  brandStatus: 'brand_status',
  brandUpdatesUsed: 'brand_updates_used',
  failureMessage: 'failure_message',
  submittedAt: 'submitted_at',
  messagingServiceSid: 'messaging_service_sid',
  campaignSid: 'campaign_sid',
  campaignState: 'campaign_state',
  campaignForm: 'campaign_form',
  campaignFailureMessage: 'campaign_failure_message',
  campaignSubmittedAt: 'campaign_submitted_at',
  phoneState: 'phone_state',
  phoneAreaCode: 'phone_area_code',
  phoneNumber: 'phone_number',
  phoneNumberSid: 'phone_number_sid',
  statusCheckedAt: 'status_checked_at',
  nextStatusCheckAt: 'next_status_check_at',
};
const fields = Object.keys(columns) as Array<keyof RegistrationRecord>;
const selectList = fields.map((field) => `${columns[field]} AS ${field}`).join(', ');

/** Owns `registration`. */
export class SqliteRegistrationStore implements SyncStore<RegistrationStore> {
  constructor(private readonly db: DatabaseSync) {}

  read(): RegistrationRecord {
    return this.db.prepare(`SELECT ${selectList} FROM registration WHERE id = 1`).get() as unknown as RegistrationRecord;
  }

  update(patch: Partial<RegistrationRecord>, at: number): RegistrationRecord {
    const changed = fields.filter((field) => field in patch);
    if (changed.length > 0) {
      const values = changed.map((field) => patch[field] ?? null);
      this.db.prepare(`UPDATE registration SET ${changed.map((f) => `${columns[f]} = ?`).join(', ')}, updated_at = ? WHERE id = 1`).run(...values, at);
    }
    return this.read();
  }
}
