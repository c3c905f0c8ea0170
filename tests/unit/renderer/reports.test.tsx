// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReportsPage } from '../../../src/renderer/src/features/reports/reports-page';
import type { Report, StaffSummary } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);
beforeAll(() => {
  // recharts measures its box; jsdom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const person = (permissions: StaffSummary['permissions']): StaffSummary => ({ id: 's1', name: 'Dana', permissions, active: true, lockedOutUntil: null, createdAt: 0 });
const row = (day: string, figures: Partial<Report['rows'][number]>): Report['rows'][number] => ({
  day, start: Date.parse(`${day}T05:00:00Z`), end: Date.parse(`${day}T05:00:00Z`) + 86_400_000,
  creditsUsed: 0, creditsBought: 0, sent: 0, delivered: 0, failed: 0, deliveryRate: null, replies: 0, optOuts: 0, ...figures,
});
const report: Report = {
  timeZone: 'America/Chicago',
  grouping: 'day',
  rows: [row('2026-03-07', { sent: 4, delivered: 3, failed: 1, deliveryRate: 75, creditsUsed: 4 }), row('2026-03-08', { sent: 2, delivered: 2, deliveryRate: 100, creditsBought: 1000, replies: 2, optOuts: 1 })],
  failureReasons: [{ code: 30007, reason: 'Blocked as spam', advice: 'Change the wording.', count: 1 }],
};

describe('reports', () => {
  it('shows each chart’s figures as a table, in the business’s time zone', async () => {
    fakeApi({ 'reports.summary': { ok: true, value: report } });
    renderWithQueries(<ReportsPage staff={person(['viewReports'])} />);
    expect(await screen.findByText('Days start at midnight in the business’s time zone (Chicago time).')).toBeTruthy();
    expect(screen.getByText('6 texts sent: 5 delivered, 1 failed (83.3% delivered).')).toBeTruthy();
    const texts = screen.getByRole('region', { name: 'Texts sent, delivered and failed' });
    fireEvent.click(within(texts).getByRole('button', { name: 'Show table' }));
    const table = within(texts).getByRole('table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['DaySentDeliveredFailedDelivery rate', 'Mar 7431' + '75%', 'Mar 8220100%']);
    expect(screen.getByText('The most common reason: Blocked as spam (1 text).')).toBeTruthy();
    // Staff without admin access see no audit log tab.
    expect(screen.queryByRole('button', { name: 'Audit log' })).toBeNull();
  });

  it('asks again for a new range and grouping, and exports a chart’s table', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:report';
    });
    URL.revokeObjectURL = vi.fn();
    const { calls } = fakeApi({ 'reports.summary': { ok: true, value: report } });
    renderWithQueries(<ReportsPage staff={person(['adminAccess'])} />);
    await screen.findByText(/Chicago time/);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-31' } });
    fireEvent.change(screen.getByLabelText('Show by'), { target: { value: 'week' } });
    await waitFor(() => expect(calls.filter((c) => c.channel === 'reports.summary').at(-1)?.input).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-31', grouping: 'week' }));
    const credits = screen.getByRole('region', { name: 'Credits used and bought' });
    fireEvent.click(within(credits).getByRole('button', { name: 'Export CSV' }));
    expect(await created[0]!.text()).toBe('Day,Credits used,Credits bought\r\nMar 7,4,0\r\nMar 8,0,1000\r\n');
  });

  it('tells staff without View Reports whom to ask', () => {
    fakeApi({});
    renderWithQueries(<ReportsPage staff={person(['sendMassSms'])} />);
    expect(screen.getByText('Your profile cannot see reports. Ask an admin to turn on View Reports for you.')).toBeTruthy();
  });
});
