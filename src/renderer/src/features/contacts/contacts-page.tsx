import type { StaffSummary } from '../../../../shared/contract';
import { useAppStatus } from '../../api/queries';
import { ConsentForm } from './consent-form';
import { ConsentList } from './consent-list';

/** The Contacts area. For now: which numbers agreed to texts, and recording that they did or no longer do. */
export function ContactsPage({ staff }: { staff: StaffSummary }) {
  const country = useAppStatus().data?.country ?? 'US';
  return (
    <section className="stack panel" aria-labelledby="area-title">
      <h1 id="area-title">Contacts</h1>
      <p className="muted">Families, students and staff with their details and spreadsheet import are coming. Consent is kept per phone number.</p>
      <ConsentForm country={country} canOptIn={staff.permissions.includes('sendMassSms')} />
      <ConsentList country={country} />
    </section>
  );
}
