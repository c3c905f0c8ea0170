// @vitest-environment jsdom
import { act, cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useBillingOverview } from '../../../src/renderer/src/api/billing-queries';
import { useConsentList } from '../../../src/renderer/src/api/consent-queries';
import { useCreditBalance } from '../../../src/renderer/src/api/credits-queries';
import { connectEvents } from '../../../src/renderer/src/api/queries';
import { useRecentSends, useSendFailures, useSendingStatus } from '../../../src/renderer/src/api/send-queries';
import type { Channel, EventPayload } from '../../../src/shared/contract';
import { fakeApi, newClient, renderWithQueries, unchecked } from './harness';

afterEach(cleanup);

/** What a desk keeps on screen while a send runs: the balance, the low-balance check, Recent sends with two sends' failures open, the consent list. */
function Desk() {
  useCreditBalance();
  useBillingOverview();
  useRecentSends();
  useSendingStatus();
  useSendFailures(1);
  useSendFailures(2);
  useConsentList('', 0);
  return null;
}

function openDesk() {
  const { calls, emit } = fakeApi({
    'credits.balance': { ok: true, value: { mode: 'sandbox', available: 900, reserved: 100 } },
    'billing.overview': unchecked({ ok: true, value: {} }),
    'sends.list': unchecked({ ok: true, value: [] }),
    'sends.status': { ok: true, value: { paused: null, waiting: 0 } },
    'sends.failures': unchecked({ ok: true, value: [] }),
    'consent.list': { ok: true, value: { entries: [], total: 0 } },
  });
  const client = newClient();
  connectEvents(client);
  renderWithQueries(<Desk />, client);
  const count = (channel: Channel, input?: unknown) =>
    calls.filter((call) => call.channel === channel && (input === undefined || JSON.stringify(call.input) === JSON.stringify(input))).length;
  const counts = () => ({
    balance: count('credits.balance'),
    overview: count('billing.overview'),
    list: count('sends.list'),
    status: count('sends.status'),
    failures1: count('sends.failures', { batchId: 1 }),
    failures2: count('sends.failures', { batchId: 2 }),
    consent: count('consent.list'),
  });
  const change = (payload: EventPayload<'data.changed'>) => act(() => emit('data.changed', payload));
  return { counts, change };
}

/** Lets whatever a change set off run: pending promises and a few timer turns. */
const settle = () => act(async () => void (await new Promise((resolve) => setTimeout(resolve, 50))));

describe('calls a desk makes while a send runs', () => {
  it('a send’s progress reads that send and the list again, never the balance, billing or consent', async () => {
    const { counts, change } = openDesk();
    await waitFor(() => expect(Object.values(counts()).every((n) => n === 1)).toBe(true));
    for (let i = 0; i < 20; i += 1) {
      change({ areas: ['sends'], sends: [1] });
      await settle();
    }
    const after = counts();
    expect({ balance: after.balance, overview: after.overview, failures2: after.failures2, consent: after.consent }).toEqual({ balance: 1, overview: 1, failures2: 1, consent: 1 });
    // Recent sends, the status and the named send's failures follow it.
    expect(after.list).toBeGreaterThan(1);
    expect(after.status).toBeGreaterThan(1);
    expect(after.failures1).toBeGreaterThan(1);
  });

  it('the held credits moving read the balance only; credits given back read every credits query', async () => {
    const { counts, change } = openDesk();
    await waitFor(() => expect(counts().balance).toBe(1));
    await waitFor(() => expect(counts().overview).toBe(1));
    change({ areas: ['sends'], sends: [1], creditsHeld: true });
    await waitFor(() => expect(counts().balance).toBe(2));
    await settle();
    expect(counts().overview).toBe(1);
    change({ areas: ['sends', 'credits'], sends: [1] });
    await waitFor(() => expect(counts()).toMatchObject({ balance: 3, overview: 2 }));
    expect(counts().consent).toBe(1);
  });

  it('a change that names no send still reads every send’s failures (queueing, an opt-out)', async () => {
    const { counts, change } = openDesk();
    await waitFor(() => expect(counts().failures2).toBe(1));
    change({ areas: ['sends', 'credits', 'consent'] });
    await waitFor(() => expect(counts()).toMatchObject({ failures1: 2, failures2: 2, balance: 2, overview: 2, consent: 2 }));
  });
});
