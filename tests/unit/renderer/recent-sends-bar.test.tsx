// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecentSends } from '../../../src/renderer/src/features/compose/recent-sends';
import type { BatchSummary } from '../../../src/shared/contract';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 25, 15, 0);
const none = { queued: 0, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0 };
const batch = (id: number, counts: Partial<BatchSummary['counts']>): BatchSummary => ({
  id, kind: 'mass', preview: 'Class is canceled tonight', createdAt: NOW, notBefore: null, recipients: 4, creditsPerRecipient: 1, counts: { ...none, ...counts },
});

function show(batches: BatchSummary[]) {
  fakeApi({
    'sends.list': { ok: true, value: batches },
    'sends.status': { ok: true, value: { paused: null } },
    'credits.balance': { ok: true, value: { mode: 'sandbox', available: 100, reserved: 0 } },
  });
  renderWithQueries(<RecentSends canCancel={false} />);
}

const part = (bar: HTMLElement, outcome: string) => (bar.querySelector(`[data-outcome="${outcome}"]`) as HTMLElement | null)?.style.width ?? '0%';

describe('the progress bar in Recent sends', () => {
  it('draws a send whose texts all failed as failed, not as a full bar of sent texts', async () => {
    show([batch(7, { failed: 3, undelivered: 1 })]);
    const bar = await screen.findByRole('progressbar', { name: 'Send 7 progress' });
    expect(part(bar, 'failed')).toBe('100%');
    expect(part(bar, 'reached')).toBe('0%');
    expect(bar.getAttribute('aria-valuetext')).toBe('4 failed');
  });

  it('splits a mixed send by outcome and leaves what is waiting empty', async () => {
    show([batch(8, { delivered: 2, failed: 1, queued: 1 })]);
    const bar = await screen.findByRole('progressbar', { name: 'Send 8 progress' });
    expect(part(bar, 'reached')).toBe('50%');
    expect(part(bar, 'failed')).toBe('25%');
    expect(bar.getAttribute('aria-valuenow')).toBe('3');
  });
});
