// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeProgress } from '../../../src/renderer/src/features/compose/recent-sends';
import { formatShortWhen, formatTime, formatWhen, toSendTiming, UNKNOWN_TIME } from '../../../src/renderer/src/features/compose/timing';
import { AppShell } from '../../../src/renderer/src/features/shell/app-shell';
import { ScreenErrorBoundary } from '../../../src/renderer/src/features/shell/screen-error-boundary';
import { useUi } from '../../../src/renderer/src/stores/ui-store';
import type { BatchSummary, StaffSummary } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries, unchecked } from './harness';

afterEach(cleanup);
// React reports a caught render error on the console; the boundary's own log is expected here.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => vi.restoreAllMocks());

const NOW = new Date(2026, 10, 25, 10, 0).getTime();
/** A time stored before inputs were bounded: past the last date a computer can show. */
const BEYOND_ANY_DATE = 9e15;

const batch = (overrides: Partial<BatchSummary> = {}): BatchSummary => ({
  id: 7, kind: 'mass', preview: 'Open gym Friday', createdAt: NOW, notBefore: BEYOND_ANY_DATE, recipients: 1, creditsPerRecipient: 1,
  counts: { queued: 1, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0 },
  ...overrides,
});

const admin = { id: 'a1', name: 'Dana', permissions: ['adminAccess', 'sendMassSms', 'availabilityOverride', 'messengerCenter'], active: true, lockedOutUntil: null, createdAt: 0 } as StaffSummary;

/** Main as the shell sees it, with one bad row in the sends list and one in the audit log. */
function desk() {
  return fakeApi({
    'app.status': { ok: true, value: { needsFirstAdmin: false, mode: 'sandbox', country: 'US', version: '1' } },
    'carrier.status': { ok: true, value: { mode: 'sandbox', liveCredentialsSaved: false, liveConnectionTested: false } },
    'credits.balance': { ok: true, value: { mode: 'sandbox', available: 1000, reserved: 1 } },
    'messenger.unreadCount': { ok: true, value: { unread: 0 } },
    'messageOptions.get': { ok: true, value: defaultMessageOptions },
    'drafts.get': { ok: true, value: null },
    'sends.list': { ok: true, value: [batch({ createdAt: BEYOND_ANY_DATE })] },
    'sends.status': { ok: true, value: { paused: null } },
    'session.activity': { ok: true, value: undefined },
    // An entry main could never send (a detail that is not text) stands for any row a screen cannot draw.
    'audit.list': unchecked({ ok: true, value: [{ id: 1, at: NOW, staffId: null, staffName: null, action: 'x', detail: { not: 'text' }, override: false }] }),
    // The Reports screen opens on its charts: figures that are not a list stand for any it cannot draw.
    'reports.summary': unchecked({ ok: true, value: { timeZone: 'UTC', grouping: 'day', rows: 'not a list', failureReasons: [] } }),
  });
}

describe('dates the renderer cannot show', () => {
  it('read "unknown time" instead of throwing "Invalid time value"', () => {
    for (const at of [BEYOND_ANY_DATE, Number.NaN, -9e15]) {
      expect(formatWhen(at)).toBe(UNKNOWN_TIME);
      expect(formatTime(at)).toBe(UNKNOWN_TIME);
      expect(formatShortWhen(at, NOW)).toBe(UNKNOWN_TIME);
    }
    expect(describeProgress(batch(), NOW)).toBe(`1 scheduled for ${UNKNOWN_TIME}`);
    expect(formatWhen(NOW)).toMatch(/^Wednesday, November 25 at 10:00/);
  });

  it('a send stored with such a time leaves Compose and its recent sends on screen', async () => {
    desk();
    useUi.setState({ area: 'Compose' });
    renderWithQueries(<AppShell staff={admin} />);
    expect(await screen.findByText(/Open gym Friday/)).toBeTruthy();
    expect(screen.getAllByText(new RegExp(UNKNOWN_TIME)).length).toBeGreaterThan(0);
    expect(screen.queryByText(/could not be shown/)).toBeNull();
  });
});

describe('scheduling in the composer', () => {
  it('stops at a year ahead, as main does, so a slip of the year is caught before sending', () => {
    expect(toSendTiming('at', '2027-11-20T09:00', NOW)).toMatchObject({ ok: true });
    expect(toSendTiming('at', '2027-11-26T09:00', NOW)).toEqual({ ok: false, problem: expect.stringMatching(/at most a year ahead/) });
    expect(toSendTiming('at', '20260-11-26T09:00', NOW)).toMatchObject({ ok: false });
  });
});

describe('a screen that fails to draw', () => {
  it('shows a calm message in its place while the navigation keeps working', async () => {
    desk();
    useUi.setState({ area: 'Reports' });
    renderWithQueries(<AppShell staff={admin} />);

    // Reports is a lazy screen: its first load in this file (the screen and its charts) took 1-2 s on a
    // busy 2-core machine, past testing-library's 1 s default.
    const alert = (await screen.findByText(/could not be shown/, {}, { timeout: 10_000 })).closest('[role="alert"]');
    expect(alert?.textContent).toMatch(/This screen could not be shown\. Nothing was changed or lost\./);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    // The rest of the shell is still there and still answers.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Compose' }));
    expect(await screen.findByText(/Open gym Friday/)).toBeTruthy();
    expect(screen.queryByText(/could not be shown/)).toBeNull();
  });

  it('"Try again" draws the screen afresh, and it stays once what broke it is gone', async () => {
    let broken = true;
    function Flaky() {
      if (broken) throw new Error('Invalid time value');
      return <p>Recent sends</p>;
    }
    const retried = vi.fn(() => {
      broken = false;
    });
    renderWithQueries(
      <ScreenErrorBoundary what="This screen" onRetry={retried}>
        <Flaky />
      </ScreenErrorBoundary>,
    );
    expect(screen.getByText(/could not be shown/).closest('[role="alert"]')?.textContent).not.toMatch(/Invalid time value/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByText('Recent sends')).toBeTruthy());
    expect(retried).toHaveBeenCalledTimes(1);
  });
});
