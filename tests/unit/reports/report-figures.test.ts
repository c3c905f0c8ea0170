import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { bucketsFor } from '../../../src/main/core/reports/buckets';
import { createReportsModule } from '../../../src/main/core/reports';

const ZONE = 'America/New_York';
/** A wall-clock time in New York as UTC ms (EST -5 before 2026-03-08 02:00, EDT -4 after). */
const ny = (day: string, hour: number): number => {
  const offset = day < '2026-03-08' || (day === '2026-03-08' && hour < 2) ? 5 : 4;
  return Date.parse(`${day}T00:00:00Z`) + (hour + offset) * 3_600_000;
};

function desk() {
  const db = openDatabase(':memory:');
  const settings = new MemorySettingsStore();
  settings.update({ mode: 'sandbox', messageOptions: { ...settings.read().messageOptions, availableHours: { ...settings.read().messageOptions.availableHours, timeZone: ZONE } } });
  const reports = createReportsModule({ storage: new SqliteStorage(db), settings });
  return { db, settings, reports };
}

let sid = 0;
/** A send of `states.length` texts at `at`, each ending in the given state (failed ones with a code). */
function send(db: DatabaseSync, at: number, states: [string, number?][], mode = 'sandbox') {
  const batch = Number(
    db
      .prepare(`INSERT INTO send_batches (mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
        VALUES (?, 'mass', 'Hi', 'Hi', 1, '[]', ?, 0, 3600, ?)`)
      .run(mode, states.length, at).lastInsertRowid,
  );
  db.prepare(`INSERT INTO credit_ledger (mode, kind, credits, batch_id, at) VALUES (?, 'hold', ?, ?, ?)`).run(mode, -states.length, batch, at);
  states.forEach(([state, code], i) => {
    const id = Number(
      db.prepare(`INSERT INTO outbox (batch_id, to_number, credits, updated_at) VALUES (?, ?, 1, ?)`).run(batch, `+1212555${String(1000 + i)}`, at).lastInsertRowid,
    );
    if (state !== 'queued') db.prepare(`UPDATE outbox SET state = ?, error_code = ?, carrier_sid = ? WHERE id = ?`).run(state, code ?? null, `SM${++sid}`, id);
  });
}
const reply = (db: DatabaseSync, at: number, keyword: string | null = null, mode = 'sandbox') =>
  db.prepare(`INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at, keyword) VALUES (?, ?, '+12125550100', 'ok', ?, ?)`).run(mode, `IN${++sid}`, at, keyword);
const optOut = (db: DatabaseSync, at: number) => db.prepare(`INSERT INTO consent_events (phone, state, source, at) VALUES ('+12125550100', 'opted_out', 'reply', ?)`).run(at);
const buy = (db: DatabaseSync, at: number, credits: number, mode = 'sandbox') =>
  db.prepare(`INSERT INTO credit_ledger (mode, kind, credits, at) VALUES (?, 'purchase', ?, ?)`).run(mode, credits, at);

describe('report spans in the business’s time zone', () => {
  it('a day the clocks spring forward is 23 hours, and starts at local midnight', () => {
    const days = bucketsFor('2026-03-07', '2026-03-09', 'day', ZONE)!;
    expect(days.map((d) => d.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(days.map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(days[0]!.start).toBe(ny('2026-03-07', 0));
    expect(days[2]!.end).toBe(ny('2026-03-10', 0));
  });

  it('weeks start on Monday and months on the 1st, cut to the range', () => {
    expect(bucketsFor('2026-03-04', '2026-03-20', 'week', ZONE)!.map((b) => b.day)).toEqual(['2026-03-04', '2026-03-09', '2026-03-16']);
    const months = bucketsFor('2026-01-15', '2026-03-10', 'month', ZONE)!;
    expect(months.map((b) => b.day)).toEqual(['2026-01-15', '2026-02-01', '2026-03-01']);
    expect(months[2]!.end).toBe(ny('2026-03-11', 0));
  });

  it('refuses more spans than one report shows', () => {
    expect(bucketsFor('2020-01-01', '2026-01-01', 'day', ZONE)).toBeNull();
    expect(bucketsFor('2020-01-01', '2026-01-01', 'month', ZONE)).toHaveLength(73);
  });
});

describe('report figures against a seeded database', () => {
  it('counts credits, texts, delivery rate, replies and opt-outs per day in New York time', async () => {
    const { db, reports } = desk();
    // 11:30 pm on the 7th in New York is the 8th in UTC: it counts on the 7th.
    send(db, ny('2026-03-07', 23.5), [['delivered'], ['delivered'], ['delivered'], ['failed', 30007]]);
    // 1:30 am and 3:30 am on the 8th, either side of the clock change.
    send(db, ny('2026-03-08', 1.5), [['delivered'], ['undelivered', 30003]]);
    send(db, ny('2026-03-08', 3.5), [['queued'], ['canceled']]);
    buy(db, ny('2026-03-08', 10), 1000);
    reply(db, ny('2026-03-08', 9));
    reply(db, ny('2026-03-08', 9.2), 'opt_out');
    optOut(db, ny('2026-03-08', 9.2));
    // Live texts and texts outside the range do not count.
    send(db, ny('2026-03-08', 12), [['delivered']], 'live');
    send(db, ny('2026-03-10', 0.1), [['delivered']]);

    const report = await reports.summary({ fromDay: '2026-03-07', toDay: '2026-03-09', grouping: 'day' });
    expect(report.timeZone).toBe(ZONE);
    const figures = report.rows.map(({ day, creditsUsed, creditsBought, sent, delivered, failed, deliveryRate, replies, optOuts }) => ({
      day, creditsUsed, creditsBought, sent, delivered, failed, deliveryRate, replies, optOuts,
    }));
    expect(figures).toEqual([
      { day: '2026-03-07', creditsUsed: 4, creditsBought: 0, sent: 4, delivered: 3, failed: 1, deliveryRate: 75, replies: 0, optOuts: 0 },
      { day: '2026-03-08', creditsUsed: 4, creditsBought: 1000, sent: 2, delivered: 1, failed: 1, deliveryRate: 50, replies: 2, optOuts: 1 },
      { day: '2026-03-09', creditsUsed: 0, creditsBought: 0, sent: 0, delivered: 0, failed: 0, deliveryRate: null, replies: 0, optOuts: 0 },
    ]);
    expect(report.failureReasons.map(({ code, count }) => ({ code, count }))).toEqual([
      { code: 30003, count: 1 },
      { code: 30007, count: 1 },
    ]);
    expect(report.failureReasons[0]!.reason).not.toMatch(/^Carrier error/);
  });

  it('a week sums its days; a range with nothing in it is all zeros', async () => {
    const { db, reports } = desk();
    send(db, ny('2026-03-07', 23.5), [['delivered'], ['failed', 30007]]);
    send(db, ny('2026-03-08', 1.5), [['delivered']]);
    const week = await reports.summary({ fromDay: '2026-03-02', toDay: '2026-03-08', grouping: 'week' });
    expect(week.rows).toHaveLength(1);
    expect(week.rows[0]).toMatchObject({ day: '2026-03-02', sent: 3, delivered: 2, failed: 1, creditsUsed: 3 });
    const empty = await reports.summary({ fromDay: '2025-01-01', toDay: '2025-01-31', grouping: 'week' });
    expect(empty.rows.every((r) => r.sent === 0 && r.creditsUsed === 0 && r.replies === 0 && r.deliveryRate === null)).toBe(true);
    expect(empty.failureReasons).toEqual([]);
  });

  it('lists the top failure reasons, most first, at most five', async () => {
    const { db, reports } = desk();
    const codes = [30003, 30003, 30003, 30007, 30007, 21610, 30005, 30006, 21211, 30008];
    send(db, ny('2026-03-05', 12), codes.map((code) => ['failed', code] as [string, number]));
    const report = await reports.summary({ fromDay: '2026-03-05', toDay: '2026-03-05', grouping: 'day' });
    expect(report.failureReasons).toHaveLength(5);
    expect(report.failureReasons.slice(0, 2).map((r) => [r.code, r.count])).toEqual([
      [30003, 3],
      [30007, 2],
    ]);
  });

  it('says so when the range ends before it starts or has too many days', async () => {
    const { reports } = desk();
    await expect(reports.summary({ fromDay: '2026-03-05', toDay: '2026-03-01', grouping: 'day' })).rejects.toThrow('The end date is before the start date.');
    await expect(reports.summary({ fromDay: '2020-01-01', toDay: '2026-03-01', grouping: 'day' })).rejects.toThrow(/shorter range/);
  });
});
