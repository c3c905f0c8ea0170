import { withImpliedPermissions, type StaffSummary } from '../../../shared/contract';
import type { StaffRecord } from '../ports/stores/staff-store';

/** A profile as the screens may see it: never the PIN hash or the try counter. */
export function toSummary({ secretHash: _h, failedAttempts: _f, ...summary }: StaffRecord): StaffSummary {
  return { ...summary, permissions: withImpliedPermissions(summary.permissions) };
}
