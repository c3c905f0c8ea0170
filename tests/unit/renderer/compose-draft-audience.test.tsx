// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ComposePage } from '../../../src/renderer/src/features/compose/compose-page';
import type { ChannelOutput, StaffSummary } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

const clerk: StaffSummary = { id: 's1', name: 'Sam', permissions: ['sendMassSms'] } as StaffSummary;
const balance = { mode: 'sandbox', available: 100, reserved: 0 } as const;

/** A desk whose contact book has one class and one tag; main's preflight reaches nobody (not what these tests look at). */
function desk(draft: ChannelOutput<'drafts.get'>) {
  return fakeApi({
    'drafts.get': { ok: true, value: draft },
    'drafts.save': { ok: true, value: { updatedAt: 2 } },
    'messageOptions.get': { ok: true, value: defaultMessageOptions },
    'credits.balance': { ok: true, value: balance },
    'sends.list': { ok: true, value: [] },
    'sends.status': { ok: true, value: { paused: null } },
    'sends.estimate': { ok: true, value: { recipients: 0, skipped: [], skippedCount: 0, segmentsPerRecipient: 1, credits: 0, balance, outsideHours: null, canOverrideHours: false } },
    'audiences.choices': {
      ok: true,
      value: { classes: [{ id: 3, name: 'Level 2', schedule: [], studentCount: 2 }], tags: [{ id: 5, name: 'Swim team', contactCount: 4 }], families: [], saved: [] },
    },
    'audiences.preflight': {
      ok: true,
      value: {
        recipients: 0, skipped: [], skippedCount: 0, segmentsPerRecipient: 0, credits: 0, balance, outsideHours: null, canOverrideHours: false, excluded: [], histogram: [], maxParts: 4,
        tooLong: { count: 0, people: [] }, ucs2: { inMessage: [], inNames: [], recipients: 0 }, emptyFields: [], unknownFields: [], plainCredits: null, previews: [],
      },
    },
    'templates.list': { ok: true, value: [] },
    'policy.get': { ok: true, value: { familyPolicy: '', staffGuidelines: '', updatedAt: null, updatedBy: null } },
  });
}

const checkbox = async (name: RegExp) => (await screen.findByRole('checkbox', { name })) as HTMLInputElement;

describe('a Compose draft keeps who was picked from Contacts', () => {
  it('reopens with the classes and tags that were ticked, and saves nothing until something changes', async () => {
    const api = desk({ to: '', body: 'Pool closed today', selection: { classes: [3], tags: [5] }, updatedAt: Date.UTC(2026, 10, 25, 9, 30) });
    renderWithQueries(<ComposePage staff={clerk} />);
    expect((await checkbox(/Level 2/)).checked).toBe(true);
    expect((await checkbox(/Swim team/)).checked).toBe(true);
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Pool closed today');
    expect(screen.getByText(/^Draft saved/)).toBeTruthy();
    expect(api.calls.filter((c) => c.channel === 'drafts.save')).toEqual([]);
  });

  it('saves a class ticked before anything is typed', async () => {
    const api = desk(null);
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.click(await checkbox(/Level 2/));
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'drafts.save').map((c) => c.input)).toEqual([{ to: '', body: '', selection: { classes: [3] } }]));
  });

  it('leaving the screen at once still saves the tick the pause had not caught', async () => {
    const api = desk({ to: '5125550123', body: 'Meet moved', updatedAt: 1 });
    const view = renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.click(await checkbox(/Swim team/));
    view.unmount();
    await waitFor(() =>
      expect(api.calls.filter((c) => c.channel === 'drafts.save').map((c) => c.input)).toEqual([{ to: '5125550123', body: 'Meet moved', selection: { tags: [5] } }]),
    );
  });
});
