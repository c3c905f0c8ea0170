// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { splitRecipientList } from '../../../src/renderer/src/features/compose/recipients';
import { describeProgress } from '../../../src/renderer/src/features/compose/recent-sends';
import { ComposePage } from '../../../src/renderer/src/features/compose/compose-page';
import { toSendTiming } from '../../../src/renderer/src/features/compose/timing';
import { SKIPPED_SHOWN, type BatchSummary, type ChannelOutput, type SendEstimate, type StaffSummary } from '../../../src/shared/contract';
import { previewOutbound } from '../../../src/shared/sms/compose';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries } from './harness';

afterEach(cleanup);

describe('the To box', () => {
  it('splits on lines, commas, semicolons and tabs, and keeps the spaces inside a number', () => {
    expect(splitRecipientList('(512) 555-0123\n+1 512 555 0188, 5125550100;\t\r\n , 512.555.0111\t')).toEqual([
      '(512) 555-0123',
      '+1 512 555 0188',
      '5125550100',
      '512.555.0111',
    ]);
    expect(splitRecipientList(' \n,, ;')).toEqual([]);
  });
});

describe('when a send goes out', () => {
  const now = new Date(2026, 10, 25, 10, 0).getTime();
  it('asks for a date and time, refuses one that has passed, and accepts a later one', () => {
    expect(toSendTiming('now', '', now)).toEqual({ ok: true, timing: { kind: 'now' } });
    expect(toSendTiming('next_opening', '', now)).toEqual({ ok: true, timing: { kind: 'next_opening' } });
    expect(toSendTiming('at', '', now)).toEqual({ ok: false, problem: 'Choose the date and time to send it.' });
    expect(toSendTiming('at', '2026-11-25T09:59', now)).toMatchObject({ ok: false, problem: expect.stringMatching(/passed/) });
    expect(toSendTiming('at', '2026-11-25T18:30', now)).toEqual({ ok: true, timing: { kind: 'at', at: new Date(2026, 10, 25, 18, 30).getTime() } });
  });
});

describe('progress of a send', () => {
  const batch = (counts: Partial<BatchSummary['counts']>, notBefore: number | null = null): BatchSummary => ({
    id: 1, kind: 'mass', preview: 'Hi', createdAt: 0, notBefore, recipients: 10, creditsPerRecipient: 1,
    counts: { queued: 0, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0, ...counts },
  });
  it('says what was delivered, what failed, what was canceled and what still waits', () => {
    expect(describeProgress(batch({ delivered: 6, sent: 1, failed: 1, undelivered: 1, queued: 1 }), 0)).toBe('6 delivered, 1 with the carrier, 2 failed, 1 waiting');
    expect(describeProgress(batch({ canceled: 10 }), 0)).toBe('10 canceled');
    expect(describeProgress(batch({ queued: 10 }, Date.UTC(2026, 10, 27, 14)), 0)).toMatch(/^10 scheduled for Friday, November 27 at/);
  });
});

const clerk = (permissions: StaffSummary['permissions']): StaffSummary => ({ id: 's1', name: 'Sam', permissions }) as StaffSummary;

const messageOptions = { ...defaultMessageOptions, header: 'Tumble Town:', footer: 'Reply STOP to opt out.' };

const noTexts = { queued: 0, claimed: 0, accepted: 0, sent: 0, delivered: 0, undelivered: 0, failed: 0, canceled: 0 };

/**
 * Main as the composer sees it: every entry counts as a recipient unless it contains "x"; each part
 * costs `creditsPerPart` for each recipient (1, as main charges; another price shows whose figures the screen uses).
 */
function desk({ available = 1000, outsideHours = null, canOverrideHours = false, draft = null, creditsPerPart = 1 }: { available?: number; outsideHours?: SendEstimate['outsideHours']; canOverrideHours?: boolean; draft?: ChannelOutput<'drafts.get'>; creditsPerPart?: number } = {}) {
  return fakeApi({
    'drafts.get': { ok: true, value: draft },
    'drafts.save': { ok: true, value: { updatedAt: 1 } },
    'messageOptions.get': { ok: true, value: messageOptions },
    'credits.balance': { ok: true, value: { mode: 'sandbox', available, reserved: 0 } },
    'sends.list': { ok: true, value: [] },
    'sends.status': { ok: true, value: { paused: null } },
    'sends.estimate': (input: unknown) => {
      const { recipients, body } = input as { recipients: string[]; body: string };
      const reached = recipients.filter((r) => !r.includes('x'));
      const skipped = recipients.filter((r) => r.includes('x')).map((r) => ({ input: r, reason: 'Not a valid phone number.' }));
      const segments = previewOutbound(body, messageOptions, 'mass').measure.segments;
      // As main answers: the first entries left out, and how many in all.
      const value: SendEstimate = {
        recipients: reached.length, skipped: skipped.slice(0, SKIPPED_SHOWN), skippedCount: skipped.length, segmentsPerRecipient: segments, credits: segments * reached.length * creditsPerPart,
        balance: { mode: 'sandbox', available, reserved: 0 }, outsideHours, canOverrideHours,
      };
      return { ok: true, value };
    },
    'sends.create': {
      ok: true,
      value: {
        batch: { id: 7, kind: 'mass', preview: 'x', createdAt: 0, notBefore: null, recipients: 2, creditsPerRecipient: 1, counts: { ...noTexts, queued: 2 } },
        skipped: [{ input: 'x', reason: 'Not a valid phone number.' }],
        balance: { mode: 'sandbox', available: available - 2, reserved: 2 },
      },
    },
  });
}

const figure = (name: string) => within(screen.getByRole('region', { name: 'Before you send' })).getByText(name).nextElementSibling?.textContent;

/** The composer's own error line (Recent sends has one too). */
const problemShown = () => within(screen.getByRole('form', { name: 'New text' })).getByRole('alert').textContent;

async function write(to: string, body: string) {
  fireEvent.change(await screen.findByLabelText('To'), { target: { value: to } });
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: body } });
}

async function review() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Review and send' }));
  });
}

describe('the composer', () => {
  it('counts parts with header and footer, shows recipients and credits, and sends only after confirming', async () => {
    const api = desk();
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    await write('(512) 555-0123\n+1 512 555 0188\nxx', 'Gym closed Monday');

    await waitFor(() => expect(figure('Recipients')).toBe('2'));
    expect(screen.getByText(/What each person receives/).nextElementSibling?.textContent).toBe('Tumble Town:\nGym closed Monday\nReply STOP to opt out.');
    expect(figure('Parts per text')).toBe('1');
    expect(figure('Credits needed')).toBe('2');
    expect(figure('Credits left after')).toBe('998');
    expect(screen.getByText('1 entry left out — see why')).toBeTruthy();

    await review();
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Send this text to 2 people?');
    expect(api.calls.filter((c) => c.channel === 'sends.create')).toEqual([]);

    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Send to 2 people' }));
    });
    await screen.findByText(/2 texts are on their way\. 1 left out\./);
    expect(api.calls.filter((c) => c.channel === 'sends.create').map((c) => c.input)).toEqual([
      { recipients: ['(512) 555-0123', '+1 512 555 0188', 'xx'], body: 'Gym closed Monday', timing: { kind: 'now' } },
    ]);
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('');
  });

  it('counts every entry left out, though the estimate lists only the first', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    const junk = Array.from({ length: SKIPPED_SHOWN + 50 }, (_, i) => `x${i}`);
    await write(['(512) 555-0123', ...junk].join('\n'), 'Gym closed Monday');
    await waitFor(() => expect(figure('Recipients')).toBe('1'));
    expect(screen.getByText('250 entries left out — see why')).toBeTruthy();
    const listed = screen.getByRole('list', { name: 'Entries left out' });
    expect(within(listed).getAllByRole('listitem')).toHaveLength(SKIPPED_SHOWN + 1);
    expect(within(listed).getByText('…and 50 more.')).toBeTruthy();
  });

  it('offers plain characters when look-alikes double the cost, and says what it saves', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    // About 100 characters with the header and footer: over the 70 of one special-character part, well under 160.
    await write('5125550123\n5125550188', '“Showcase” Saturday — doors open at 9, bring water and snacks…');
    await waitFor(() => expect(figure('Parts per text')).toBe('2'));
    await screen.findByText(/saving 2 credits/);

    fireEvent.click(screen.getByRole('button', { name: 'Use plain characters' }));
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('"Showcase" Saturday - doors open at 9, bring water and snacks...');
    expect(figure('Parts per text')).toBe('1');
    expect(screen.queryByRole('button', { name: 'Use plain characters' })).toBeNull();
  });

  it('will not send what the balance cannot pay for, and says so', async () => {
    const api = desk({ available: 1 });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    await write('5125550123, 5125550188', 'Gym closed Monday');
    await waitFor(() => expect(figure('Credits left after')).toBe('-1'));
    await review();
    expect(problemShown()).toBe('This needs 2 credits and 1 are available.');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls.some((c) => c.channel === 'sends.create')).toBe(false);
  });

  it('outside sending hours, points to the next opening; with the override, asks why and sends the reason', async () => {
    const outsideHours = { nextOpening: 1, description: 'Texts can go out again tomorrow at 08:00.' };
    desk({ outsideHours });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    await write('5125550123', 'Meet canceled');
    await screen.findByText(/It is outside Available SMS Hours\. Texts can go out again tomorrow at 08:00\./);
    await review();
    expect(problemShown()).toMatch(/Choose “When sending hours next open”/);
    cleanup();

    const api = desk({ outsideHours, canOverrideHours: true });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms', 'availabilityOverride'])} />);
    await write('5125550123', 'Meet canceled');
    const reason = await screen.findByLabelText('Send anyway: why now?');
    await review();
    expect(problemShown()).toBe('Say why this must go out outside sending hours.');
    fireEvent.change(reason, { target: { value: '  Pool closed by the city  ' } });
    await review();
    await act(async () => {
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Send to 1 person' }));
    });
    await waitFor(() => expect(api.calls.find((c) => c.channel === 'sends.create')?.input).toMatchObject({ overrideReason: 'Pool closed by the city', timing: { kind: 'now' } }));
  });

  it('shows, checks and confirms the credits main works out, never a price of its own', async () => {
    const api = desk({ creditsPerPart: 3, available: 10 });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    await write('5125550123, 5125550188', '“Showcase” Saturday — doors open at 9, bring water and snacks…');
    await waitFor(() => expect(figure('Credits needed')).toBe('12'));
    // Main prices the plain version at 6: the offer says what main would save, not what the screen guesses.
    await screen.findByText(/saving 6 credits/);
    await review();
    expect(problemShown()).toBe('This needs 12 credits and 10 are available.');

    fireEvent.click(screen.getByRole('button', { name: 'Use plain characters' }));
    await waitFor(() => expect(figure('Credits needed')).toBe('6'));
    await review();
    expect(within(await screen.findByRole('alertdialog')).getByText(/One part each: 6 credits in all\./)).toBeTruthy();
    expect(api.calls.some((c) => c.channel === 'sends.create')).toBe(false);
  });

  it('checks the reason for sending outside hours by main’s own rule, its longest length included', async () => {
    const api = desk({ outsideHours: { nextOpening: 1, description: 'Texts can go out again tomorrow at 08:00.' }, canOverrideHours: true });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms', 'availabilityOverride'])} />);
    await write('5125550123', 'Meet canceled');
    const reason = await screen.findByLabelText('Send anyway: why now?');
    expect(reason.getAttribute('maxlength')).toBe('200');
    // Pasted past the box's limit: main would refuse it, so the composer says so before anything is sent.
    fireEvent.change(reason, { target: { value: 'The pool is closed. '.repeat(11) } });
    await review();
    expect(problemShown()).toBe('Keep the reason under 200 characters.');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.calls.some((c) => c.channel === 'sends.create')).toBe(false);
  });

  it('opens the saved draft and keeps saving it as it is typed', async () => {
    const api = desk({ draft: { to: '5125550123', body: 'Half-written reminder', updatedAt: Date.UTC(2026, 10, 25, 9, 30) } });
    renderWithQueries(<ComposePage staff={clerk(['sendMassSms'])} />);
    expect(((await screen.findByLabelText('Message')) as HTMLTextAreaElement).value).toBe('Half-written reminder');
    expect((screen.getByLabelText('To') as HTMLTextAreaElement).value).toBe('5125550123');
    expect(screen.getByText(/^Draft saved/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Half-written reminder, now finished.' } });
    await waitFor(() =>
      expect(api.calls.filter((c) => c.channel === 'drafts.save').map((c) => c.input)).toEqual([{ to: '5125550123', body: 'Half-written reminder, now finished.' }]),
    );
  });

  it('staff without Send Mass SMS see recent sends but no composer', async () => {
    desk();
    renderWithQueries(<ComposePage staff={clerk(['messengerCenter'])} />);
    expect(screen.getByText(/needs the Send Mass SMS permission/)).toBeTruthy();
    expect(screen.queryByLabelText('Message')).toBeNull();
    await screen.findByText('Nothing sent yet.');
  });
});
