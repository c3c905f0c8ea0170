import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, Legend, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Colours from the theme (styles.css), so the charts read in light and dark alike. */
export const colour = { 1: 'var(--chart-1)', 2: 'var(--chart-2)', 3: 'var(--chart-3)', 4: 'var(--chart-4)' } as const;
export const axis = { stroke: 'var(--muted)', tick: { fill: 'var(--text)', fontSize: 13 } };
export const tooltip = { contentStyle: { background: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' } };
const CHART_HEIGHT = 240;

interface Props {
  kind: 'bar' | 'line';
  data: readonly object[];
  /** The `<Bar>`s or `<Line>`s drawn, one per measure. */
  children: ReactNode;
}

/** One measure or more over the report's days, weeks or months: the same grid, axes, tooltip and legend on every chart. */
export function SpanChart({ kind, data, children }: Props) {
  const Chart = kind === 'bar' ? BarChart : LineChart;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <Chart data={data as object[]}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        <XAxis dataKey="label" {...axis} />
        <YAxis allowDecimals={false} {...axis} />
        <Tooltip {...tooltip} />
        <Legend />
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}
