import { Bar, BarChart, CartesianGrid, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Report, ReportGrouping, ReportRow } from '../../../../shared/contract';
import { ChartCard } from './chart-card';
import { axis, colour, SpanChart, tooltip } from './span-chart';

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Mar 7", "Week of Mar 2", "March 2026": a span by its first day on the business's calendar. */
export function spanLabel(day: string, grouping: ReportGrouping): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (grouping === 'month') return monthFormat.format(date);
  return grouping === 'week' ? `Week of ${dayFormat.format(date)}` : dayFormat.format(date);
}

const total = (rows: readonly ReportRow[], key: keyof ReportRow): number => rows.reduce((sum, row) => sum + Number(row[key] ?? 0), 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function ReportCharts({ report, period }: { report: Report; period: string }) {
  const data = report.rows.map((row) => ({ ...row, label: spanLabel(row.day, report.grouping) }));
  const file = (what: string) => `sms-desk-${what}-${period}.csv`;
  const sent = total(report.rows, 'sent');
  const delivered = total(report.rows, 'delivered');
  const failed = total(report.rows, 'failed');
  const rate = delivered + failed === 0 ? null : Math.round((delivered / (delivered + failed)) * 1000) / 10;
  const spanName = report.grouping === 'day' ? 'Day' : report.grouping === 'week' ? 'Week' : 'Month';

  return (
    <div className="report-charts">
      <ChartCard
        id="report-credits"
        title="Credits used and bought"
        summary={`${plural(total(report.rows, 'creditsUsed'), 'credit')} used and ${plural(total(report.rows, 'creditsBought'), 'credit')} bought in this period.`}
        fileName={file('credits')}
        table={{ columns: [spanName, 'Credits used', 'Credits bought'], rows: data.map((r) => [r.label, r.creditsUsed, r.creditsBought]) }}
      >
        <SpanChart kind="bar" data={data}>
          <Bar dataKey="creditsUsed" name="Credits used" fill={colour[1]} />
          <Bar dataKey="creditsBought" name="Credits bought" fill={colour[2]} />
        </SpanChart>
      </ChartCard>

      <ChartCard
        id="report-texts"
        title="Texts sent, delivered and failed"
        summary={`${plural(sent, 'text')} sent: ${delivered.toLocaleString()} delivered, ${failed.toLocaleString()} failed${rate === null ? '' : ` (${rate}% delivered)`}.`}
        fileName={file('texts')}
        table={{
          columns: [spanName, 'Sent', 'Delivered', 'Failed', 'Delivery rate'],
          rows: data.map((r) => [r.label, r.sent, r.delivered, r.failed, r.deliveryRate === null ? '—' : `${r.deliveryRate}%`]),
        }}
      >
        <SpanChart kind="bar" data={data}>
          <Bar dataKey="sent" name="Sent" fill={colour[1]} />
          <Bar dataKey="delivered" name="Delivered" fill={colour[2]} />
          <Bar dataKey="failed" name="Failed" fill={colour[3]} />
        </SpanChart>
      </ChartCard>

      <ChartCard
        id="report-replies"
        title="Replies and opt-outs"
        summary={`${plural(total(report.rows, 'replies'), 'reply', 'replies')} and ${plural(total(report.rows, 'optOuts'), 'opt-out')} in this period.`}
        fileName={file('replies')}
        table={{ columns: [spanName, 'Replies', 'Opt-outs'], rows: data.map((r) => [r.label, r.replies, r.optOuts]) }}
      >
        <SpanChart kind="line" data={data}>
          <Line dataKey="replies" name="Replies" stroke={colour[1]} strokeWidth={2} dot={false} />
          <Line dataKey="optOuts" name="Opt-outs" stroke={colour[4]} strokeWidth={2} strokeDasharray="6 3" dot={false} />
        </SpanChart>
      </ChartCard>

      <ChartCard
        id="report-failures"
        title="Why texts failed"
        summary={report.failureReasons.length === 0 ? 'No texts failed in this period.' : `The most common reason: ${report.failureReasons[0]!.reason} (${plural(report.failureReasons[0]!.count, 'text')}).`}
        fileName={file('failure-reasons')}
        table={{ columns: ['Reason', 'Texts', 'What to do'], rows: report.failureReasons.map((r) => [r.reason, r.count, r.advice]) }}
      >
        {report.failureReasons.length === 0 ? null : (
          <ResponsiveContainer width="100%" height={Math.max(120, report.failureReasons.length * 48)}>
            <BarChart data={report.failureReasons} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid stroke="var(--border)" horizontal={false} />
              <XAxis type="number" allowDecimals={false} {...axis} />
              <YAxis type="category" dataKey="reason" width={220} {...axis} />
              <Tooltip {...tooltip} />
              <Bar dataKey="count" name="Texts" fill={colour[3]} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartCard>
    </div>
  );
}
