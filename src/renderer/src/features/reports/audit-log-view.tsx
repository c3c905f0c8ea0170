import type { StaffSummary } from '../../../../shared/contract';
import { useAuditLog } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';
import { formatTimeSafely } from '../compose/timing';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function AuditLogView({ staff }: { staff: StaffSummary }) {
  if (!staff.permissions.includes('adminAccess')) {
    return (
      <section className="panel">
        <h1>Reports</h1>
        <p>Reports are available to admins.</p>
      </section>
    );
  }
  return <AuditTable />;
}

function AuditTable() {
  const log = useAuditLog();
  const rows = log.data?.pages.flat() ?? [];
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">Every privileged action: who did it, when, and any override used. Entries can never be edited.</p>
      <FormError error={log.error} />
      <table>
        <TableHead columns={['When', 'Who', 'What', 'Details', 'Override']} />
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTimeSafely(when, entry.at)}</td>
              <td>{entry.staffName ?? '—'}</td>
              <td>{entry.action}</td>
              <td className="detail">{entry.detail}</td>
              <td>{entry.override ? 'Yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage ? (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load older
        </button>
      ) : null}
    </section>
  );
}
