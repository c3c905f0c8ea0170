import type { DatabaseSync } from 'node:sqlite';

export interface RegistrationRow {
  brand_form: string | null;
  customer_profile_sid: string | null;
  trust_product_sid: string | null;
  brand_sid: string | null;
  brand_state: 'none' | 'in_process' | 'approved' | 'failed';
  failure_message: string | null;
  submitted_at: number | null;
  messaging_service_sid: string | null;
  phone_state: 'none' | 'no_number' | 'in_process' | 'assigned';
  phone_area_code: string | null;
  phone_number: string | null;
}

const columns = [
  'brand_form', 'customer_profile_sid', 'trust_product_sid', 'brand_sid', 'brand_state', 'failure_message',
  'submitted_at', 'messaging_service_sid', 'phone_state', 'phone_area_code', 'phone_number',
] as const;

/** The single registration row (migration 0002 creates it). */
export class RegistrationRepository {
  constructor(private readonly db: DatabaseSync) {}

  read(): RegistrationRow {
    return this.db.prepare(`SELECT ${columns.join(', ')} FROM registration WHERE id = 1`).get() as unknown as RegistrationRow;
  }

  update(patch: Partial<RegistrationRow>, now: number): RegistrationRow {
    const keys = columns.filter((key) => key in patch);
    if (keys.length > 0) {
      const values = keys.map((key) => patch[key] ?? null);
      this.db.prepare(`UPDATE registration SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = ? WHERE id = 1`).run(...values, now);
    }
    return this.read();
  }
}
