// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecentSends } from '../../../src/renderer/src/features/compose/recent-sends';
import { deliveryPauseReason } from '../../../src/shared/carrier/error-codes';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

describe('Recent sends on the Compose page while sending is held', () => {
  it('says why, in the words of the shared table of carrier codes', async () => {
    const reason = deliveryPauseReason(30034) ?? '';
    fakeApi({
      'sends.list': { ok: true, value: [] },
      'sends.status': { ok: true, value: { paused: { until: Date.UTC(2026, 10, 29, 12), reason } } },
      'credits.balance': { ok: true, value: { mode: 'live', available: 100, reserved: 0 } },
    });
    renderWithQueries(<RecentSends canCancel />);
    expect((await screen.findByRole('status')).textContent).toBe(`Texts are waiting: ${reason}`);
    expect(reason).toMatch(/Settings → SMS/);
  });
});
