// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ComposePage } from '../../../src/renderer/src/features/compose/compose-page';
import { describeHistogram } from '../../../src/renderer/src/features/compose/recipient-preview';
import type { ChannelInput, Preflight, StaffSummary } from '../../../src/shared/contract';
import { previewOutbound } from '../../../src/shared/sms/compose';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { makeGsmFriendly } from '../../../src/shared/sms/gsm-cheaper';
import { renderMerge } from '../../../src/shared/sms/merge-fields';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

const messageOptions = { ...defaultMessageOptions, header: 'Tumble Town:', footer: 'Reply STOP to opt out.' };
const clerk: StaffSummary = { id: 's1', name: 'Sam', permissions: ['sendMassSms'] } as StaffSummary;
const noTexts = { queued: 0, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0 };

/** Level 2 holds Ana's and Kim's families (Kim has no first name on file); Li Chen opted out. */
const people = [
  { phone: '+15125550101', name: 'Ana Rivera', values: { first_name: 'Ana' } },
  { phone: '+15125550104', name: 'Kim Lee', values: {} },
];

/** Main's preflight, worked out as main does for the two households above, with the chosen preview first. */
function preflight(input: ChannelInput<'audiences.preflight'>): Preflight {
  const chosen = (input.audience.selection?.classes ?? []).includes(3) ? people : [];
  const texts = (body: string) => chosen.map((p) => {
    const merged = renderMerge(body, p.values);
    const out = previewOutbound(merged.text, messageOptions, 'mass');
    return { phone: p.phone, name: p.name, text: out.text, segments: out.measure.segments, encoding: out.measure.encoding, characters: out.measure.characters, empty: merged.empty };
  });
  const previews = texts(input.body);
  const credits = (list: typeof previews) => list.reduce((sum, p) => sum + p.segments, 0);
  const plain = makeGsmFriendly(input.body);
  const empty = previews.filter((p) => p.empty.includes('first_name'));
  return {
    recipients: previews.length, skipped: [], skippedCount: 0, segmentsPerRecipient: Math.max(0, ...previews.map((p) => p.segments)), credits: credits(previews), balance: { mode: 'sandbox', available: 100, reserved: 0 },
    outsideHours: null, canOverrideHours: false,
    excluded: chosen.length > 0 ? [{ reason: 'opted_out', count: 1, people: [{ name: 'Li Chen', phone: '+15125550102' }] }] : [],
    histogram: previews.length > 0 ? [{ segments: 1, count: previews.length }] : [],
    maxParts: 4, tooLong: { count: 0, people: [] }, ucs2: { inMessage: [], inNames: [], recipients: 0 },
    emptyFields: empty.length > 0 ? [{ field: 'first_name', count: empty.length, people: empty.map((p) => ({ name: p.name, phone: p.phone })) }] : [],
    unknownFields: [],
    plainCredits: plain === input.body ? null : credits(texts(plain)),
    previews: input.previewPhone ? [...previews.filter((p) => p.phone === input.previewPhone), ...previews.filter((p) => p.phone !== input.previewPhone)] : previews,
  };
}

function desk() {
  return fakeApi({
    'drafts.get': { ok: true, value: null },
    'drafts.save': { ok: true, value: { updatedAt: 1 } },
    'messageOptions.get': { ok: true, value: messageOptions },
    'credits.balance': { ok: true, value: { mode: 'sandbox', available: 100, reserved: 0 } },
    'sends.list': { ok: true, value: [] },
    'sends.status': { ok: true, value: { paused: null } },
    'audiences.choices': {
      ok: true,
      value: { classes: [{ id: 3, name: 'Level 2', schedule: [], studentCount: 2 }], tags: [{ id: 5, name: 'Swim team', contactCount: 4 }], families: [], saved: [] },
    },
    'audiences.preflight': (input) => ({ ok: true, value: preflight(input) }),
    'audiences.send': {
      ok: true,
      value: { batch: { id: 9, kind: 'mass', preview: 'Hi', createdAt: 0, notBefore: null, recipients: 2, creditsPerRecipient: 1, counts: { ...noTexts, queued: 2 } }, skipped: [], balance: { mode: 'sandbox', available: 98, reserved: 2 } },
    },
    'templates.list': { ok: true, value: [{ id: 1, name: 'Pool closed', body: 'Hi {first_name}, the pool is closed today.', updatedAt: 1, updatedBy: 'Dana' }] },
    'policy.get': { ok: true, value: { familyPolicy: 'We text class news.', staffGuidelines: 'Keep it short and kind.', updatedAt: null, updatedBy: null } },
    'policy.save': (input) => ({ ok: true, value: { ...input, updatedAt: 2, updatedBy: 'Dana' } }),
    'templates.save': (input) => ({ ok: true, value: { id: input.id ?? 2, name: input.name, body: input.body, updatedAt: 2, updatedBy: 'Sam' } }),
    'templates.remove': { ok: true, value: { removed: true } },
  });
}

describe('Compose with an audience and merge fields', () => {
  it('puts a field from the menu where the cursor is', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    const box = (await screen.findByLabelText('Message')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Hi , class is on.' } });
    box.setSelectionRange(3, 3);
    fireEvent.click(within(screen.getByRole('group', { name: 'Insert field' })).getByRole('button', { name: 'First name' }));
    expect(box.value).toBe('Hi {first_name}, class is on.');
  });

  it('shows what each person in a class receives, whose fields are empty and who is left out', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Level 2/ }));
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi {first_name}, class is on.' } });
    const preview = await screen.findByRole('region', { name: 'Each person’s text' });
    await waitFor(() => expect(within(preview).getByText('2 × 1 part')).toBeTruthy());
    expect(within(preview).getByRole('figure').querySelector('p')?.textContent).toBe('Tumble Town:\nHi Ana, class is on.\nReply STOP to opt out.');
    expect(within(preview).getByText(/First name is empty for 1: Kim Lee/)).toBeTruthy();
    expect(within(preview).getByText('Opted out: 1')).toBeTruthy();
    expect(within(preview).getByText('Li Chen')).toBeTruthy();
    fireEvent.change(within(preview).getByLabelText('Show the text of'), { target: { value: '+15125550104' } });
    await waitFor(() => expect(within(preview).getByRole('figure').querySelector('p')?.textContent).toBe('Tumble Town:\nHi , class is on.\nReply STOP to opt out.'));
  });

  it('sends a class each person’s own text, after confirming', async () => {
    const api = desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Level 2/ }));
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi {first_name}, class is on.' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Review and send' }));
    });
    const dialog = await screen.findByRole('alertdialog');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Send to 2 people' }));
    });
    await screen.findByText(/2 texts are on their way/);
    expect(api.calls.filter((c) => c.channel === 'audiences.send').map((c) => c.input)).toEqual([
      { audience: { selection: { classes: [3] }, pasted: [] }, body: 'Hi {first_name}, class is on.', timing: { kind: 'now' } },
    ]);
    expect(api.calls.filter((c) => c.channel === 'sends.create')).toEqual([]);
  });

  it('starts from a template and shows the staff guidelines beside the message', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.change(await screen.findByLabelText('Start from a template'), { target: { value: '1' } });
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Hi {first_name}, the pool is closed today.');
    expect(await screen.findByText('Keep it short and kind.')).toBeTruthy();
  });

  it('keeps a message as a template, and lets an admin edit the guidelines and the family policy', async () => {
    const api = desk();
    renderWithQueries(<ComposePage staff={{ ...clerk, permissions: ['sendMassSms', 'adminAccess'] } as StaffSummary} />);
    fireEvent.change(await screen.findByLabelText('Message'), { target: { value: 'See you at the gala, {first_name}!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as template' }));
    fireEvent.change(screen.getByLabelText('Template name'), { target: { value: 'Gala' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    });
    expect(api.calls.filter((c) => c.channel === 'templates.save').map((c) => c.input)).toEqual([{ name: 'Gala', body: 'See you at the gala, {first_name}!' }]);

    fireEvent.click(await screen.findByRole('button', { name: 'Edit guidelines and family policy' }));
    const form = screen.getByRole('form', { name: 'SMS policy' });
    expect((within(form).getByLabelText('Family SMS policy') as HTMLTextAreaElement).value).toBe('We text class news.');
    fireEvent.change(within(form).getByLabelText('Staff guidelines'), { target: { value: 'No texts after 8 pm.' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save policy' }));
    });
    expect(api.calls.filter((c) => c.channel === 'policy.save').map((c) => c.input)).toEqual([{ familyPolicy: 'We text class news.', staffGuidelines: 'No texts after 8 pm.' }]);
  });

  it('says what the plain-character fix saves across everyone’s own texts', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: /Level 2/ }));
    // A curly apostrophe makes each text UCS-2: two parts each instead of one.
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: `Hi {first_name}, it’s ${'a'.repeat(60)}` } });
    await screen.findByText(/saving 2 credits/);
    fireEvent.click(screen.getByRole('button', { name: 'Use plain characters' }));
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe(`Hi {first_name}, it's ${'a'.repeat(60)}`);
  });

  it('changes the picked template when saved under its name, and deletes it', async () => {
    const api = desk();
    renderWithQueries(<ComposePage staff={clerk} />);
    fireEvent.change(await screen.findByLabelText('Start from a template'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi {first_name}, the pool is closed until Friday.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as template' }));
    expect((screen.getByLabelText('Template name') as HTMLInputElement).value).toBe('Pool closed');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    });
    expect(api.calls.filter((c) => c.channel === 'templates.save').map((c) => c.input)).toEqual([{ id: 1, name: 'Pool closed', body: 'Hi {first_name}, the pool is closed until Friday.' }]);
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Delete “Pool closed”' }));
    });
    expect(api.calls.filter((c) => c.channel === 'templates.remove').map((c) => c.input)).toEqual([{ id: 1 }]);
  });

  it('reads part counts the way a desk says them', () => {
    expect(describeHistogram([{ segments: 1, count: 412 }, { segments: 2, count: 37 }])).toBe('412 × 1 part, 37 × 2 parts');
  });
});
