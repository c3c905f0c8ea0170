import Papa from 'papaparse';
import { historyKindLabels, MAX_EXPORT_LINES, MAX_HISTORY_LINES, type HistoryLineView, type Mode } from '../../../shared/contract';
import type { HistoryKind, HistoryLine } from '../ports/stores/billing-store';
import type { Storage } from '../ports/storage';

export interface HistoryQuery {
  fromDay: string | null;
  toDay: string | null;
  kinds: HistoryKind[];
}

/** The UTC offset of `timeZone` at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return wall - Math.floor(at / 1000) * 1000;
}

const localDay = (timeZone: string, at: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * The first moment of `day` (YYYY-MM-DD) in the business's time zone, as UTC milliseconds. Where
 * the clocks change at midnight (Chile, Cuba…) the offset at midnight differs from the offset a
 * few hours earlier, so both are tried and the earliest that falls on `day` wins.
 */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(timeZone, guess);
  const second = guess - offsetAt(timeZone, first);
  const onDay = [first, second].filter((at) => localDay(timeZone, at) === day);
  return onDay.length > 0 ? Math.min(...onDay) : Math.max(first, second);
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const toLineView = (l: HistoryLine): HistoryLineView => ({ id: l.id, kind: l.kind, credits: l.credits, at: l.at, note: l.note, staffName: l.staffName });

/** The ledger's history as people read it: dates in the business's time zone, kinds in words. */
export class LedgerHistory {
  constructor(private readonly storage: Storage) {}

  async lines(mode: Mode, query: HistoryQuery, timeZone: string, limit = MAX_HISTORY_LINES): Promise<{ lines: HistoryLine[]; truncated: boolean }> {
    const lines = await this.storage.billing.history(mode, {
      from: query.fromDay === null ? null : startOfDay(query.fromDay, timeZone),
      to: query.toDay === null ? null : startOfDay(nextDay(query.toDay), timeZone),
      kinds: query.kinds,
      beforeId: null,
      limit: limit + 1,
    });
    return { lines: lines.slice(0, limit), truncated: lines.length > limit };
  }

  async csv(mode: Mode, query: HistoryQuery, timeZone: string): Promise<{ csv: string; fileName: string; lines: number }> {
    const { lines } = await this.lines(mode, query, timeZone, MAX_EXPORT_LINES);
    const when = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const rows = lines.map((l) => ({
      Date: when.format(l.at).replace(',', ''),
      Kind: historyKindLabels[l.kind],
      Credits: l.credits,
      Note: l.note ?? '',
      Staff: l.staffName ?? '',
    }));
    // escapeFormulae: a note starting with = + - @ cannot run as a formula in a spreadsheet.
    const csv = Papa.unparse(rows, { escapeFormulae: true, columns: ['Date', 'Kind', 'Credits', 'Note', 'Staff'] });
    const range = [query.fromDay, query.toDay].filter((d) => d !== null).join('-to-');
    return { csv, fileName: `sms-credits-history${range ? `-${range}` : ''}.csv`, lines: lines.length };
  }
}
