import { useState } from 'react';
import './reports.css';
import type { AuditEntry, StaffSummary } from '../../../../shared/contract';
import { auditCsv } from '../../../../shared/audit/audit-csv';
import { actionLabel, auditSentence, channelSentences, eventSentences } from '../../../../shared/audit/sentences';
import { useAuditLog, useAuditPage, useStaffDirectory } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';
import { formatTimeSafely } from '../compose/timing';
import { saveFile } from '../credits/ledger-history';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatWhen = (at: number): string => formatTimeSafely(when, at);

/** Every kind of action the log can hold, by its plain name, for the filter. */
const actionChoices = [...Object.keys(channelSentences), ...Object.keys(eventSentences)]
  .map((action) => ({ action, label: actionLabel(action) }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** Most rows one export reads (the log is insert-only and can be long). */
const EXPORT_LIMIT = 5_000;

export function AuditLogView({ staff }: { staff: StaffSummary }) {
  if (!staff.permissions.includes('adminAccess')) {
    return (
      <section className="panel">
        <h1>Audit log</h1>
        <p>The audit log is available to admins.</p>
      </section>
    );
  }
  return <AuditTable />;
}

function AuditTable() {
  const [staffId, setStaffId] = useState('');
  const [action, setAction] = useState('');
  const filter = { ...(staffId ? { staffId } : {}), ...(action ? { action } : {}) };
  const log = useAuditLog(filter);
  const directory = useStaffDirectory();
  const readPage = useAuditPage();
  const [exportError, setExportError] = useState<unknown>(null);
  const rows = log.data?.pages.flat() ?? [];

  const exportCsv = async () => {
    setExportError(null);
    try {
      const all: AuditEntry[] = [];
      let beforeId: number | undefined;
      // Pages of 500 until the log (as filtered) ends or the export is big enough.
      while (all.length < EXPORT_LIMIT) {
        const page = await readPage.mutateAsync({ limit: 500, ...filter, ...(beforeId ? { beforeId } : {}) });
        all.push(...page);
        if (page.length < 500) break;
        beforeId = page[page.length - 1]!.id;
      }
      saveFile('audit-log.csv', auditCsv(all, formatWhen));
    } catch (error) {
      setExportError(error);
    }
  };

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">Every privileged action: who did it and when. Entries can never be edited. Phone numbers and tax numbers are partly hidden.</p>
      <div className="filters audit-filters">
        <label>
          Person{' '}
          <select value={staffId} onChange={(event) => setStaffId(event.target.value)}>
            <option value="">Everyone</option>
            {(directory.data ?? []).map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action{' '}
          <select value={action} onChange={(event) => setAction(event.target.value)}>
            <option value="">All actions</option>
            {actionChoices.map((choice) => (
              <option key={choice.action} value={choice.action}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </div>
      <FormError error={log.error ?? exportError} />
      {log.isSuccess && rows.length === 0 ? <p>Nothing in the log matches.</p> : null}
      <table>
        <TableHead columns={['When', 'What happened', 'Outside the SMS hours']} />
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id}>
              <td>{formatWhen(entry.at)}</td>
              <td>{auditSentence(entry)}</td>
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
