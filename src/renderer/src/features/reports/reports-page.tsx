import { useState } from 'react';
import './reports.css';
import type { StaffSummary } from '../../../../shared/contract';
import { useReport } from '../../api/reports-queries';
import { FormError } from '../../components/form-error';
import { zoneName } from '../credits/ledger-history';
import { AuditLogView } from './audit-log-view';
import { ReportCharts } from './report-charts';
import { defaultRange, isComplete, type ReportRange } from './report-range';

type Tab = 'charts' | 'audit';

/** Usage at a glance for staff with View Reports; admins also get the audit log here. */
export function ReportsPage({ staff }: { staff: StaffSummary }) {
  const canSeeReports = staff.permissions.includes('viewReports') || staff.permissions.includes('adminAccess');
  const isAdmin = staff.permissions.includes('adminAccess');
  const [tab, setTab] = useState<Tab>('charts');
  if (!canSeeReports) {
    return (
      <section className="panel">
        <h1>Reports</h1>
        <p>Your profile cannot see reports. Ask an admin to turn on View Reports for you.</p>
      </section>
    );
  }
  return (
    <div className="reports-page">
      {isAdmin ? (
        <div className="filters" role="group" aria-label="Show">
          <button type="button" aria-pressed={tab === 'charts'} onClick={() => setTab('charts')}>
            Charts
          </button>
          <button type="button" aria-pressed={tab === 'audit'} onClick={() => setTab('audit')}>
            Audit log
          </button>
        </div>
      ) : null}
      {tab === 'audit' && isAdmin ? <AuditLogView staff={staff} /> : <UsageReport />}
    </div>
  );
}

function UsageReport() {
  const [range, setRange] = useState<ReportRange>(() => defaultRange());
  const [asked, setAsked] = useState<ReportRange>(range);
  const report = useReport(asked);
  const change = (next: Partial<ReportRange>) => {
    const updated = { ...range, ...next };
    setRange(updated);
    if (isComplete(updated)) setAsked(updated);
  };
  return (
    <>
      <section className="panel" aria-labelledby="reports-title">
        <h1 id="reports-title">Reports</h1>
        <div className="filters report-range">
          <label>
            From{' '}
            <input type="date" value={range.fromDay} max={range.toDay} onChange={(event) => change({ fromDay: event.target.value })} />
          </label>
          <label>
            To{' '}
            <input type="date" value={range.toDay} min={range.fromDay} onChange={(event) => change({ toDay: event.target.value })} />
          </label>
          <label>
            Show by{' '}
            <select value={range.grouping} onChange={(event) => change({ grouping: event.target.value as ReportRange['grouping'] })}>
              <option value="day">Day</option>
              <option value="week">Week</option>
              <option value="month">Month</option>
            </select>
          </label>
        </div>
        {!isComplete(range) ? <p className="form-error">Pick a start date on or before the end date.</p> : null}
        {report.data ? <p className="muted">Days start at midnight in the business’s time zone ({zoneName(report.data.timeZone)}).</p> : null}
        <FormError error={report.error} />
        {report.isPending ? <p>Loading the figures…</p> : null}
      </section>
      {report.data ? <ReportCharts report={report.data} period={`${asked.fromDay}-to-${asked.toDay}`} /> : null}
    </>
  );
}
