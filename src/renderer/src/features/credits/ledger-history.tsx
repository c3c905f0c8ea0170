import { useState } from 'react';
import { historyKindLabels, historyKinds, type HistoryKindName } from '../../../../shared/contract';
import { useExportHistory, useHistory } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';
import { formatCount } from './format';

/** "New York time" from "America/New_York": how people name a zone. */
export const zoneName = (timeZone: string): string => `${(timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ')} time`;

/** Saves text as a file through the browser's own download (Electron asks where to save it). */
export function saveFile(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Every purchase, send, refund, adjustment and renewal, filtered by day and kind, exportable to CSV. */
export function LedgerHistory() {
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [kinds, setKinds] = useState<HistoryKindName[]>([]);
  const filter = { fromDay: fromDay || null, toDay: toDay || null, kinds };
  const history = useHistory(filter);
  const exporter = useExportHistory();
  // No kind picked means every kind; the last ticked kind stays ticked, so the list is never empty by choice.
  const shown: readonly HistoryKindName[] = kinds.length === 0 ? historyKinds : kinds;
  const toggle = (kind: HistoryKindName) => {
    const next = shown.includes(kind) ? shown.filter((k) => k !== kind) : [...shown, kind];
    if (next.length > 0) setKinds(next.length === historyKinds.length ? [] : next);
  };
  const data = history.data;
  const when = data ? new Intl.DateTimeFormat(undefined, { timeZone: data.timeZone, dateStyle: 'medium', timeStyle: 'short' }) : null;

  return (
    <section className="card stack" aria-labelledby="history-title">
      <h2 id="history-title">Credit history</h2>
      <div className="row history-filters">
        <div className="field">
          <label htmlFor="history-from">From</label>
          <input id="history-from" type="date" value={fromDay} max={toDay || undefined} onChange={(event) => setFromDay(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="history-to">To</label>
          <input id="history-to" type="date" value={toDay} min={fromDay || undefined} onChange={(event) => setToDay(event.target.value)} />
        </div>
        <fieldset className="kinds">
          <legend>Show</legend>
          {historyKinds.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={shown.includes(kind)} onChange={() => toggle(kind)} />
              {historyKindLabels[kind]}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          disabled={exporter.isPending}
          onClick={() => exporter.mutate(filter, { onSuccess: ({ csv, fileName }) => saveFile(fileName, csv) })}
        >
          Export to CSV
        </button>
      </div>
      <FormError error={history.error ?? exporter.error} />
      {data && data.timeZone !== Intl.DateTimeFormat().resolvedOptions().timeZone ? (
        <p className="hint">Dates and times are in the business’s time zone ({zoneName(data.timeZone)}).</p>
      ) : null}
      {data && when ? (
        data.lines.length === 0 ? (
          <p className="muted">Nothing in this period.</p>
        ) : (
          <>
            <table className="history">
              <TableHead columns={['Date', 'What', 'Credits', 'Note', 'By']} />
              <tbody>
                {data.lines.map((line) => (
                  <tr key={line.id}>
                    <td>{when.format(line.at)}</td>
                    <td>{historyKindLabels[line.kind]}</td>
                    <td className={`number ${line.credits < 0 ? 'minus' : 'plus'}`}>{line.credits > 0 ? `+${formatCount(line.credits)}` : formatCount(line.credits)}</td>
                    <td>{line.note ?? ''}</td>
                    <td>{line.staffName ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.truncated ? <p className="muted">Showing the latest {formatCount(data.lines.length)} lines. Export to CSV to see them all.</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
