import type { StaffSummary } from '../../../../shared/contract';
import { CreditsOverview } from './credits-settings-tab';

/** The Credits area: the balance every signed-in person sees, and adjustments for admins. */
export function CreditsPage({ staff }: { staff: StaffSummary }) {
  return (
    <section className="panel stack" aria-labelledby="area-title">
      <h1 id="area-title">Credits</h1>
      <CreditsOverview canAdjust={staff.permissions.includes('adminAccess')} />
    </section>
  );
}
