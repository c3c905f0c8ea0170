import type { StaffSummary } from '../../../../shared/contract';
import { useAttention } from './use-attention';

/**
 * Replies get attention whenever someone is signed in, the lock screen included: the count in the
 * title, the chime, the notice (main leaves the message out of it while the desk is locked).
 */
export function Attention({ staff }: { staff: StaffSummary }) {
  useAttention(staff);
  return null;
}
