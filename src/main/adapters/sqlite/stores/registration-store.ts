import type { DatabaseSync } from 'node:sqlite';
import type { RegistrationRecord, RegistrationStore } from '../../../core/ports/stores/registration-store';
import type { SyncStore } from '../sync-store';

/** Each field of the record and its column in the single `registration` row (migration 0002). */
const columns: Record<keyof RegistrationRecord, string> = {
  brandForm: 'brand_form',
  customerProfileSid: 'customer_profile_sid',
  trustProductSid: 'trust_product_sid',
  brandSid: 'brand_sid',
  brandState: 'brand_state',
  failureMessage: 'failure_message',
  submittedAt: 'submitted_at',
  messagingServiceSid: 'messaging_service_sid',
  phoneState: 'phone_state',
  phoneAreaCode: 'phone_area_code',
  phoneNumber: 'phone_number',
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
