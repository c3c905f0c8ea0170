import { useState } from 'react';
import { contactKinds, importFields, type ContactKind, type ImportField, type ImportSkipReason } from '../../../../shared/contract';
import { useCsvImport } from '../../api/contact-import';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { kindLabels } from './labels';
import { SelectField } from './select-field';

const fieldLabels: Record<ImportField, string> = {
  ignore: 'Leave out',
  type: 'Guardian, student or staff',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  guardianName: 'Guardian (parent) name',
  familyName: 'Family name',
  phone1: 'Phone',
  phone2: 'Second phone',
  email: 'Email',
  birthday: 'Birthday',
  className: 'Class',
  tags: 'Tags',
};
const reasonLabels: Record<ImportSkipReason, string> = {
  invalid_number: 'Invalid number',
  missing_name: 'Missing name',
  duplicate: 'Duplicate',
  unknown_class: 'Unknown class',
  bad_birthday: 'Birthday not a date',
};
/** The desktop app is served from app://; there main opens the system's own Open dialog. */
const desktop = typeof window !== 'undefined' && window.location.protocol === 'app:';
const phaseWords = { receiving: 'Sending the file', reading: 'Reading the file', writing: 'Importing rows' } as const;

/** Import families, students or staff from a spreadsheet saved as CSV: choose the file, match the columns, read the report. */
export function ImportPanel({ canImport }: { canImport: boolean }) {
  const job = useCsvImport();
  const [mapping, setMapping] = useState<ImportField[]>([]);
  const [defaultKind, setDefaultKind] = useState<ContactKind>('guardian');
  const [withConsent, setWithConsent] = useState(false);
  const [statement, setStatement] = useState('');
  const status = job.status;
  const preview = status?.preview ?? null;
  const shownMapping = preview ? preview.headers.map((_, i) => mapping[i] ?? preview.mapping[i] ?? 'ignore') : [];

  if (!canImport) return <p>Importing contacts needs the Send Mass SMS permission. Ask an admin.</p>;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setMapping([]);
    await job.upload(file.name, await file.text());
  };

  const busy = status && (status.phase === 'receiving' || status.phase === 'reading' || status.phase === 'writing');
  return (
    <section className="stack" aria-labelledby="import-title">
      <h2 id="import-title">Import from a spreadsheet</h2>
      <p className="muted">Save your spreadsheet as CSV (comma, semicolon or tab separated), then choose it here. Nothing is added until you press Import.</p>
      {desktop ? (
        <div className="row">
          <button type="button" disabled={Boolean(busy)} onClick={() => void job.pick()}>
            Choose a CSV file…
          </button>
        </div>
      ) : (
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,.txt,text/csv" disabled={Boolean(busy)} onChange={(event) => void choose(event.target.files?.[0])} />
        </div>
      )}
      <FormError error={job.error} />
      {status?.phase === 'failed' ? (
        <p className="notice error" role="alert">
          {status.error}
        </p>
      ) : null}
      {busy ? (
        <div className="stack" aria-live="polite">
          <label htmlFor="import-progress">{phaseWords[status.phase as keyof typeof phaseWords]}…</label>
          <progress id="import-progress" max={Math.max(1, status.total)} value={status.done} />
          <p className="muted">
            {status.phase === 'writing' ? `${formatCount(status.done)} of ${formatCount(status.total)} rows` : null}
          </p>
          <button type="button" onClick={() => void job.cancel()}>
            Stop the import
          </button>
        </div>
      ) : null}
      {status?.phase === 'canceled' ? <p className="notice">The import was stopped. Nothing was added.</p> : null}
      {status?.phase === 'ready' && preview ? (
        <div className="stack">
          <h3>Match the columns</h3>
          <p className="muted">{formatCount(preview.rowCount)} rows. We guessed from the column names; change any that are wrong.</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  {preview.headers.map((header, i) => (
                    <th key={i} scope="col">
                      <SelectField
                        label={header || `Column ${i + 1}`}
                        value={shownMapping[i] ?? 'ignore'}
                        onChange={(v) => setMapping(shownMapping.map((m, k) => (k === i ? (v as ImportField) : m)))}
                        options={importFields.map((f) => [f, fieldLabels[f]] as const)}
                      />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, r) => (
                  <tr key={r}>
                    {preview.headers.map((_, i) => (
                      <td key={i}>{row[i] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shownMapping.includes('type') ? null : (
            <div className="narrow">
            <SelectField label="Who are the people in this file?" value={defaultKind} onChange={(v) => setDefaultKind(v as ContactKind)} options={contactKinds.map((k) => [k, `${kindLabels[k]}s`] as const)} hint="A row with a guardian column is a student with that guardian." />
            </div>
          )}
          <label className="check">
            <input type="checkbox" checked={withConsent} onChange={(event) => setWithConsent(event.target.checked)} /> These people agreed to get texts from us
          </label>
          {withConsent ? (
            <div className="narrow">
            <TextField
              label="Where did they agree?"
              hint="Kept with each number's consent history, for example “collected on our registration form”. Numbers that opted out stay opted out."
              value={statement}
              onChange={setStatement}
            />
            </div>
          ) : null}
          <div className="row">
            <button type="button" className="primary" onClick={() => void job.run({ mapping: shownMapping, defaultKind, consent: withConsent ? { statement } : null })}>
              Import {formatCount(preview.rowCount)} rows
            </button>
            <button type="button" onClick={job.reset}>
              Choose another file
            </button>
          </div>
        </div>
      ) : null}
      {status?.phase === 'done' && status.report ? <ImportReport report={status.report} /> : null}
    </section>
  );
}

function ImportReport({ report }: { report: NonNullable<ReturnType<typeof useCsvImport>['status']>['report'] & object }) {
  return (
    <div className="stack" aria-labelledby="report-title">
      <h3 id="report-title">Import finished</h3>
      <p className="notice success" role="status">
        {formatCount(report.imported)} added, {formatCount(report.merged)} merged into people already here, {formatCount(report.skipped)} skipped
        {report.optedIn > 0 ? `; ${formatCount(report.optedIn)} ${report.optedIn === 1 ? 'number' : 'numbers'} opted in` : ''}.
      </p>
      {report.rows.length > 0 ? (
        <table aria-label="Rows skipped or merged">
          <TableHead columns={['Row', 'Name', 'What happened', 'Why']} />
          <tbody>
            {report.rows.map((row) => (
              <tr key={`${row.row}-${row.outcome}-${row.name}`}>
                <td>{row.row}</td>
                <td>{row.name || '—'}</td>
                <td>{row.outcome === 'skipped' ? `Skipped: ${reasonLabels[row.reason ?? 'invalid_number']}` : 'Merged'}</td>
                <td>{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
