import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Mode } from '../../../../shared/contract';
import type { ReportCounts, ReportRange, ReportsStore } from '../../../core/ports/stores/reports-store';
import type { SyncStore } from '../sync-store';

/** The ranges as a table (i, s, e) built from one JSON parameter, joined to each source by time. */
const RANGES = `WITH b(i, s, e) AS (SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`;

type Row = { i: number } & Record<string, number>;

/** Reads only (see the port): the ledger, outbox and batches, replies and consent history. */
export class SqliteReportsStore implements SyncStore<ReportsStore> {
  private readonly s: Record<'credits' | 'texts' | 'replies' | 'optOuts' | 'failures', StatementSync>;

  constructor(db: DatabaseSync) {
    this.s = {
      credits: db.prepare(`${RANGES}
        SELECT b.i,
          -COALESCE(SUM(CASE WHEN l.kind IN ('hold', 'release') THEN l.credits END), 0) AS creditsUsed,
          COALESCE(SUM(CASE WHEN l.kind IN ('purchase', 'grant') AND l.credits > 0 THEN l.credits END), 0) AS creditsBought
        FROM b LEFT JOIN credit_ledger l ON l.mode = ? AND l.at >= b.s AND l.at < b.e GROUP BY b.i`),
      texts: db.prepare(`${RANGES}
        SELECT b.i,
          COALESCE(SUM(o.state IN ('accepted', 'sent', 'delivered', 'undelivered', 'failed')), 0) AS sent,
          COALESCE(SUM(o.state = 'delivered'), 0) AS delivered,
          COALESCE(SUM(o.state IN ('undelivered', 'failed')), 0) AS failed
        FROM b LEFT JOIN send_batches sb ON sb.mode = ? AND sb.created_at >= b.s AND sb.created_at < b.e
        LEFT JOIN outbox o ON o.batch_id = sb.id GROUP BY b.i`),
      replies: db.prepare(`${RANGES}
        SELECT b.i, COUNT(m.id) AS replies
        FROM b LEFT JOIN inbound_messages m ON m.mode = ? AND m.at >= b.s AND m.at < b.e GROUP BY b.i`),
      // Consent is per number whatever the mode, so opt-outs are not split by mode.
      optOuts: db.prepare(`${RANGES}
        SELECT b.i, COUNT(c.id) AS optOuts
        FROM b LEFT JOIN consent_events c ON c.state = 'opted_out' AND c.at >= b.s AND c.at < b.e GROUP BY b.i`),
      failures: db.prepare(`SELECT o.error_code AS code, COUNT(*) AS count
        FROM send_batches sb JOIN outbox o ON o.batch_id = sb.id AND o.state IN ('undelivered', 'failed')
        WHERE sb.mode = ? AND sb.created_at >= ? AND sb.created_at < ?
        GROUP BY o.error_code ORDER BY count DESC, code LIMIT ?`),
    };
  }

  countsPer(mode: Mode, ranges: readonly ReportRange[]): ReportCounts[] {
    const json = JSON.stringify(ranges.map((r) => [r.start, r.end]));
    const read = (statement: StatementSync, ...rest: (string | number)[]) => {
      const byIndex = new Map<number, Row>();
      for (const row of statement.all(json, ...rest) as unknown as Row[]) byIndex.set(Number(row.i), row);
      return (i: number, key: string) => Number(byIndex.get(i)?.[key] ?? 0);
    };
    const credits = read(this.s.credits, mode);
    const texts = read(this.s.texts, mode);
    const replies = read(this.s.replies, mode);
    const optOuts = read(this.s.optOuts);
    return ranges.map((_r, i) => ({
      creditsUsed: credits(i, 'creditsUsed'),
      creditsBought: credits(i, 'creditsBought'),
      sent: texts(i, 'sent'),
      delivered: texts(i, 'delivered'),
      failed: texts(i, 'failed'),
      replies: replies(i, 'replies'),
      optOuts: optOuts(i, 'optOuts'),
    }));
  }

  failureCodes(mode: Mode, range: ReportRange, limit: number): { code: number | null; count: number }[] {
    return (this.s.failures.all(mode, range.start, range.end, limit) as { code: number | null; count: number }[]).map((r) => ({ code: r.code, count: Number(r.count) }));
  }
}
