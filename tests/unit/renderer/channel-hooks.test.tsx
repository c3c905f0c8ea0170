// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src/renderer/src/api/errors';
import { callChannel, QueryScope, useChannelMutation, useChannelQuery } from '../../../src/renderer/src/api/use-channel';
import { DataArea, type BatchSummary } from '../../../src/shared/contract';
import { fakeApi, newClient } from './harness';

afterEach(cleanup);

const withClient = (client = newClient()) => ({
  client,
  wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>,
});

describe('typed channel hooks', () => {
  it('a query calls its channel with its input and caches the answer under its key', async () => {
    const api = fakeApi({ 'consent.history': { ok: true, value: [] } });
    const { client, wrapper } = withClient();
    const { result } = renderHook(() => useChannelQuery('consent.history', [DataArea.consent, 'history', '+15125550123'], { phone: '+15125550123' }), { wrapper });
    await waitFor(() => expect(result.current.data).toEqual([]));
    expect(api.calls).toEqual([{ channel: 'consent.history', input: { phone: '+15125550123' } }]);
    expect(client.getQueryData([DataArea.consent, 'history', '+15125550123'])).toEqual([]);
  });

  it('a refusal from main arrives as a BridgeError carrying its code and sentence', async () => {
    fakeApi({ 'credits.balance': { ok: false, error: { code: 'PERMISSION_DENIED', message: 'You may not see the balance.' } } });
    const refusal = await callChannel('credits.balance').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BridgeError);
    expect(refusal).toMatchObject({ code: 'PERMISSION_DENIED', message: 'You may not see the balance.' });
  });

  it('a mutation builds its input, writes the answer, and refreshes only the keys it names', async () => {
    const cancelled: BatchSummary = {
      id: 4, kind: 'mass', preview: 'Open gym', createdAt: 0, notBefore: null, recipients: 1, creditsPerRecipient: 1,
      counts: { queued: 0, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 1 },
    };
    const api = fakeApi({ 'sends.cancel': { ok: true, value: cancelled } });
    const { client, wrapper } = withClient();
    for (const key of [[DataArea.sends, 'recent'], [QueryScope.audit], [DataArea.messenger, 'unread']]) client.setQueryData(key, 'cached');
    const written: unknown[] = [];
    const { result } = renderHook(
      () => useChannelMutation('sends.cancel', { input: (batchId: number) => ({ batchId }), refresh: [[DataArea.sends], [QueryScope.audit]], onSuccess: (batch) => written.push(batch) }),
      { wrapper },
    );
    await act(() => result.current.mutateAsync(4));
    expect(api.calls).toEqual([{ channel: 'sends.cancel', input: { batchId: 4 } }]);
    expect(written).toEqual([cancelled]);
    expect(client.getQueryState([DataArea.sends, 'recent'])?.isInvalidated).toBe(true);
    expect(client.getQueryState([QueryScope.audit])?.isInvalidated).toBe(true);
    expect(client.getQueryState([DataArea.messenger, 'unread'])?.isInvalidated).toBe(false);
  });

  it('a mutation marked settled refreshes after a refusal too; one marked success does not', async () => {
    fakeApi({ 'carrier.testConnection': { ok: false, error: { code: 'CARRIER_ERROR', message: 'No answer.' } } });
    const { client, wrapper } = withClient();
    client.setQueryData([QueryScope.carrier, 'status'], 'cached');
    const settled = renderHook(() => useChannelMutation('carrier.testConnection', { refresh: [[QueryScope.carrier]], after: 'settled' }), { wrapper });
    await act(() => settled.result.current.mutateAsync().catch(() => undefined));
    expect(client.getQueryState([QueryScope.carrier, 'status'])?.isInvalidated).toBe(true);

    client.setQueryData([QueryScope.carrier, 'status'], 'fresh');
    const onSuccessOnly = renderHook(() => useChannelMutation('carrier.testConnection', { refresh: [[QueryScope.carrier]] }), { wrapper });
    await act(() => onSuccessOnly.result.current.mutateAsync().catch(() => undefined));
    expect(client.getQueryState([QueryScope.carrier, 'status'])?.isInvalidated).toBe(false);
  });

  it('every main data area is a query scope, so its change events reach the keys under it', () => {
    for (const area of Object.values(DataArea)) expect(Object.values(QueryScope)).toContain(area);
  });
});
