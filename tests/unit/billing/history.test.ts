import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { startOfDay } from '../../../src/main/core/billing/history';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { billingDesk, unwrap } from './billing-harness';

type History = { lines: { kind: string; credits: number; note: string | null; at: number }[]; truncated: boolean; timeZone: string };

describe('credit history', () => {
  it('days are the business\'s days, across a clock change', () => {
    expect(startOfDay('2026-01-15', 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 5));
    expect(startOfDay('2026-07-15', 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 4));
    // 8 March 2026: New York springs forward at 02:00, after midnight.
    expect(startOfDay('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    expect(startOfDay('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4));
    expect(startOfDay('2026-06-01', 'Australia/Sydney')).toBe(Date.UTC(2026, 4, 31, 14));
    // Santiago changes its clocks at midnight: on 6 September 2026 the day starts at 01:00, on 5 April at the second 23:00 → 00:00.
    expect(startOfDay('2026-09-06', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4));
    expect(startOfDay('2026-04-05', 'America/Santiago')).toBe(Date.UTC(2026, 3, 5, 4));
    expect(startOfDay('2026-04-04', 'America/Santiago')).toBe(Date.UTC(2026, 3, 4, 3));
  });

  it('filters by kind and by day in the business\'s time zone', async () => {
    const h = await billingDesk();
    unwrap(await h.call('admin-window', 'messageOptions.update', { ...defaultMessageOptions, availableHours: { ...defaultMessageOptions.availableHours, timeZone: 'America/New_York' } }));
    // The clock is 2023-11-14 22:13 UTC: 17:13 that day in New York.
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: 50, reason: 'Goodwill' }));
    const { purchaseId } = await h.buy(500);
    h.payments.pay(purchaseId);
    await h.status(purchaseId);

    const all = unwrap<History>(await h.call('clerk-window', 'billing.history', {}));
    expect(all.timeZone).toBe('America/New_York');
    expect(all.lines.map((l) => [l.kind, l.credits])).toEqual([['purchase', 500], ['adjustment', 50], ['adjustment', 1000]]);
    const bought = unwrap<History>(await h.call('clerk-window', 'billing.history', { kinds: ['purchase', 'renewal'] }));
    expect(bought.lines.map((l) => l.kind)).toEqual(['purchase']);
    const day = new Date(h.clock.now() - 5 * 3_600_000).toISOString().slice(0, 10);
    const next = new Date(h.clock.now() + 19 * 3_600_000).toISOString().slice(0, 10);
    expect(unwrap<History>(await h.call('clerk-window', 'billing.history', { fromDay: day, toDay: day })).lines).toHaveLength(3);
    expect(unwrap<History>(await h.call('clerk-window', 'billing.history', { fromDay: next })).lines).toHaveLength(0);
    expect(await h.call('clerk-window', 'billing.history', { fromDay: next, toDay: day })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exports CSV with cells that start with = + - @ escaped, numbers left as numbers', async () => {
    const h = await billingDesk();
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -5, reason: '=HYPERLINK("http://evil.example","x")' }));
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: 7, reason: '@SUM(A1:A9)' }));
    const { csv, fileName, lines } = unwrap<{ csv: string; fileName: string; lines: number }>(await h.call('clerk-window', 'billing.exportHistory', { kinds: ['adjustment'] }));
    expect(fileName).toBe('sms-credits-history.csv');
    expect(lines).toBe(3);
    const rows = Papa.parse<string[]>(csv).data;
    expect(rows[0]).toEqual(['Date', 'Kind', 'Credits', 'Note', 'Staff']);
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ['7', "'@SUM(A1:A9)"],
      ['-5', `'=HYPERLINK("http://evil.example","x")`],
      ['1000', 'Sandbox starting credits'],
    ]);
  });
});
