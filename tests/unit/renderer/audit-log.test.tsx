// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLogView } from '../../../src/renderer/src/features/reports/audit-log-view';
import type { AuditEntry, StaffSummary } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

const admin: StaffSummary = { id: 'a1', name: 'Alice', permissions: ['adminAccess'], active: true, lockedOutUntil: null, createdAt: 0 };
const row = (id: number, action: string, detail: string, staffName = 'Alice'): AuditEntry => ({ id, at: Date.UTC(2026, 0, 5, 15), staffId: 'a1', staffName, action, detail, override: false });
const entries = [
  row(3, 'registration.submitBrand', JSON.stringify({ legalName: 'Splash Swim LLC', ein: '12-3456789', phone: '+15125550142' })),
  row(2, 'messageOptions.update', JSON.stringify({ availableHours: { timeZone: 'America/Chicago' } })),
  row(1, 'credits.adjust', JSON.stringify({ credits: 50, reason: 'Call back +15125550199' }), 'Bob'),
];

describe('audit log', () => {
  it('shows plain sentences with phone numbers and EINs hidden, never the JSON', async () => {
    fakeApi({ 'audit.list': { ok: true, value: entries }, 'staff.directory': { ok: true, value: [] } });
    renderWithQueries(<AuditLogView staff={admin} />);
    await screen.findByText('Alice changed the SMS hours and message options');
    const table = screen.getByRole('table');
    expect(within(table).getByText('Bob added 50 credits by hand')).toBeTruthy();
    expect(within(table).getByText('Alice sent the business details for approval “Splash Swim LLC”')).toBeTruthy();
    expect(table.textContent).not.toMatch(/[{}]|messageOptions|12-3456789|5550142/);
  });

  it('filters by person and action, and exports the masked CSV', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:audit';
    });
    URL.revokeObjectURL = vi.fn();
    const { calls } = fakeApi({
      'audit.list': { ok: true, value: entries },
      'staff.directory': { ok: true, value: [{ id: 'a1', name: 'Alice' }, { id: 'b2', name: 'Bob' }] },
    });
    renderWithQueries(<AuditLogView staff={admin} />);
    await screen.findByRole('table');
    fireEvent.change(await screen.findByLabelText('Person'), { target: { value: 'b2' } });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'credits.adjust' } });
    await waitFor(() => expect(calls.filter((c) => c.channel === 'audit.list').at(-1)?.input).toEqual({ limit: 50, staffId: 'b2', action: 'credits.adjust' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const csv = await created[0]!.text();
    expect(csv).toContain('Alice sent the business details for approval “Splash Swim LLC”');
    expect(csv).not.toMatch(/12-3456789|5550142|5550199/);
  });
});
