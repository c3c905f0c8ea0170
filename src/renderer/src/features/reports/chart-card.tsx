import { useState, type ReactNode } from 'react';
import { toCsv } from '../../../../shared/csv/write-csv';
import { TableHead } from '../../components/table-head';
import { saveFile } from '../credits/ledger-history';

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * One chart with its figures: the table is the chart's text alternative (a button shows it in
 * place of the picture) and what the CSV export saves, so the three always agree.
 */
export function ChartCard({ id, title, summary, table, fileName, children }: { id: string; title: string; summary: string; table: ChartTable; fileName: string; children: ReactNode | null }) {
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="panel chart-card" aria-labelledby={`${id}-title`}>
      <div className="chart-card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="chart-card-actions">
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
            {asTable ? 'Show chart' : 'Show table'}
          </button>
          <button type="button" onClick={() => saveFile(fileName, toCsv([table.columns, ...table.rows]))}>
            Export CSV
          </button>
        </div>
      </div>
      <p className="muted">{summary}</p>
      {asTable ? (
        <table aria-label={`${title} (table)`}>
          <TableHead columns={table.columns} />
          <tbody>
            {table.rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, i) => (
                  <td key={table.columns[i]}>{typeof cell === 'number' ? cell.toLocaleString() : cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : children === null ? null : (
        // Nothing to draw (no failures): the summary above already says so.
        <div className="chart-box" role="img" aria-label={`${title}: ${summary}`}>
          {children}
        </div>
      )}
    </section>
  );
}
