// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AutopilotPage } from '../../../src/renderer/src/features/autopilot/autopilot-page';
import { describeTrigger } from '../../../src/renderer/src/features/autopilot/describe-trigger';
import type { StaffSummary } from '../../../src/shared/contract';
import type { Workflow, WorkflowRun } from '../../../src/shared/contract/autopilot';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { connectEvents } from '../../../src/renderer/src/api/queries';
import { fakeApi, newClient, renderWithQueries } from './harness';

afterEach(cleanup);

const admin = { id: 's0', name: 'Dana', permissions: ['adminAccess', 'sendMassSms'] } as StaffSummary;
const clerk = { id: 's1', name: 'Sam', permissions: ['sendMassSms'] } as StaffSummary;
const level2 = { id: 3, name: 'Level 2', schedule: [{ weekday: 'tue' as const, start: '16:00', end: '16:45' }], studentCount: 2 };
const reminder: Workflow = {
  id: 7, name: 'Level 2 reminder', trigger: { kind: 'classSession', classId: 3, minutesBefore: 120 }, audience: { selection: { classes: [3] }, pasted: [] },
  body: 'Hi {first_name}, class today!', enabled: true, pausedReason: 'credits', createdBy: 'Dana', createdAt: 1, updatedBy: 'Sam', updatedAt: Date.parse('2026-03-02T15:00:00Z'), nextRun: null,
};
const runs: WorkflowRun[] = [
  { id: 2, occurrenceAt: Date.parse('2026-03-03T19:00:00Z'), ranAt: 1, outcome: 'failed', texts: 0, credits: 2, leftOut: 1, note: 'Not sent: it needed 2 credits and the balance could not pay. The workflow is paused.', batchId: null },
  { id: 1, occurrenceAt: Date.parse('2026-02-24T19:00:00Z'), ranAt: 1, outcome: 'skipped', texts: 0, credits: 0, leftOut: 0, note: 'Not sent: the desk was not running when this was due, and it is more than 6 hours late.', batchId: null },
];

function desk() {
  return fakeApi({
    'messageOptions.get': { ok: true, value: defaultMessageOptions },
    'audiences.choices': { ok: true, value: { classes: [level2], tags: [], families: [], saved: [] } },
    'autopilot.list': { ok: true, value: [reminder] },
    'autopilot.runs': { ok: true, value: runs },
    'autopilot.setEnabled': (input) => ({ ok: true, value: { ...reminder, enabled: input.enabled, pausedReason: null } }),
  });
}

describe('the Autopilot screen', () => {
  it('says a workflow paused for credits, offers admins the way to buy or renew, and turning it on lifts the pause', async () => {
    const { calls } = desk();
    renderWithQueries(<AutopilotPage staff={admin} />);
    const row = await screen.findByRole('row', { name: /Level 2 reminder/ });
    expect(within(row).getByText('2 hours before each Level 2 class')).toBeTruthy();
    expect(within(row).getByText('Paused: not enough credits.')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Buy credits or turn on Auto Renew Credits' })).toBeTruthy();
    expect(within(row).getByText(/Dana; changed by Sam/)).toBeTruthy();
    const on = within(row).getByRole('checkbox', { name: 'Run Level 2 reminder by itself' }) as HTMLInputElement;
    expect(on.checked).toBe(false);
    fireEvent.click(on);
    await waitFor(() => expect(calls.filter((c) => c.channel === 'autopilot.setEnabled').map((c) => c.input)).toEqual([{ id: 7, enabled: true }]));
  });

  it('tells staff without admin access whom to ask, and shows the run log with what was skipped and why', async () => {
    desk();
    renderWithQueries(<AutopilotPage staff={clerk} />);
    const row = await screen.findByRole('row', { name: /Level 2 reminder/ });
    expect(within(row).getByText('Ask an admin to buy credits.')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Run log' }));
    const log = await screen.findByRole('table', { name: 'Run log' });
    const lines = within(log).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(lines[0]).toContain('Not sent');
    expect(lines[1]).toContain('Skipped');
    expect(lines[1]).toContain('more than 6 hours late');
  });

  it('puts every trigger in words', () => {
    expect(describeTrigger({ kind: 'weekly', days: ['thu', 'mon'], time: '17:15' })).toBe('Every Monday and Thursday at 17:15');
    expect(describeTrigger({ kind: 'weekly', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], time: '08:00' })).toBe('Every day at 08:00');
    expect(describeTrigger({ kind: 'once', at: '2026-03-08T10:00' })).toBe('Once, on Sun, Mar 8, 2026 at 10:00');
    expect(describeTrigger({ kind: 'birthday', time: '09:00', texts: 'self' })).toBe('On each person’s birthday at 09:00');
    expect(describeTrigger({ kind: 'birthday', time: '09:00', texts: 'guardians' })).toBe('On each student’s birthday at 09:00, to their guardians');
    expect(describeTrigger({ kind: 'newContact' })).toBe('When someone is added to Contacts');
    expect(describeTrigger({ kind: 'classSession', classId: 3, minutesBefore: 24 * 60 }, [level2])).toBe('1 day before each Level 2 class');
  });
});

describe('Auto Renew Credits beside Autopilot', () => {
  const billing = (status: 'off' | 'on') => ({
    mode: 'sandbox' as const, country: 'US', accountModel: 'provider' as const,
    rate: { kind: 'priced' as const, perCredit: { minor: 3, currency: 'USD' as const }, monthlyFee: null },
    packs: [500, 1000], available: 1000, lowBalance: { low: false, threshold: 100 },
    autoRenew: { status, thresholdCredits: null, packCredits: null, card: null, reason: null }, billingReady: true,
  });
  const deskWith = (enabled: boolean, status: 'off' | 'on') =>
    fakeApi({
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'audiences.choices': { ok: true, value: { classes: [level2], tags: [], families: [], saved: [] } },
      'autopilot.list': { ok: true, value: [{ ...reminder, enabled, pausedReason: null }] },
      'billing.overview': { ok: true, value: billing(status) },
    });

  // The screen has read the overview and drawn what it says.
  const overviewRead = async (api: ReturnType<typeof deskWith>) => {
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'billing.overview')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
  };

  it('is suggested while a workflow is on and auto-renew is off, and not once it is on or nothing runs', async () => {
    let api = deskWith(true, 'off');
    renderWithQueries(<AutopilotPage staff={admin} />);
    expect(await screen.findByText('Turn on Auto Renew Credits.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Set it up on the Credits screen' })).toBeTruthy();
    cleanup();

    api = deskWith(true, 'on');
    renderWithQueries(<AutopilotPage staff={admin} />);
    await screen.findByRole('row', { name: /Level 2 reminder/ });
    await overviewRead(api);
    expect(screen.queryByText('Turn on Auto Renew Credits.')).toBeNull();
    cleanup();

    api = deskWith(false, 'off');
    renderWithQueries(<AutopilotPage staff={admin} />);
    await screen.findByRole('row', { name: /Level 2 reminder/ });
    await overviewRead(api);
    expect(screen.queryByText('Turn on Auto Renew Credits.')).toBeNull();
  });
});

describe('the Autopilot screen keeps up with main', () => {
  it('re-reads the workflows when main announces an Autopilot change, and not on a send’s progress', async () => {
    let name = 'Level 2 reminder';
    const api = fakeApi({
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'audiences.choices': { ok: true, value: { classes: [level2], tags: [], families: [], saved: [] } },
      'autopilot.list': () => ({ ok: true, value: [{ ...reminder, name, pausedReason: null }] }),
    });
    const client = newClient();
    const disconnect = connectEvents(client);
    renderWithQueries(<AutopilotPage staff={admin} />, client);
    await screen.findByRole('row', { name: /Level 2 reminder/ });
    const lists = () => api.calls.filter((c) => c.channel === 'autopilot.list').length;
    const before = lists();
    api.emit('data.changed', { areas: ['sends'] });
    // A run fired elsewhere (or another desk changed the workflow): main says so for the autopilot area.
    name = 'Level 2 reminder (Tuesdays)';
    api.emit('data.changed', { areas: ['autopilot'] });
    await screen.findByRole('row', { name: /Level 2 reminder \(Tuesdays\)/ });
    expect(lists()).toBe(before + 1);
    disconnect();
  });
});

describe('making a workflow', () => {
  it('on birthdays, texts the student’s guardians unless told the person themselves, and the next runs follow the choice', async () => {
    const { calls } = fakeApi({
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'audiences.choices': { ok: true, value: { classes: [level2], tags: [], families: [], saved: [] } },
      'autopilot.list': { ok: true, value: [] },
      'autopilot.preview': (input) => ({ ok: true, value: [{ at: Date.parse('2026-03-08T14:00:00Z'), sendsAt: Date.parse('2026-03-08T14:00:00Z'), recipients: input.trigger.kind === 'birthday' && input.trigger.texts === 'guardians' ? 3 : 1, credits: 1 }] }),
      'templates.list': { ok: true, value: [] },
      'autopilot.save': (input) => ({ ok: true, value: { ...reminder, ...input, trigger: { kind: 'birthday', time: '09:00', texts: 'self' }, id: 8, pausedReason: null } as Workflow }),
    });
    renderWithQueries(<AutopilotPage staff={clerk} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New workflow' }));
    const form = await screen.findByRole('form', { name: 'New workflow' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Birthdays' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'On birthdays' }));
    const text = within(form).getByRole('group', { name: 'Text' });
    expect((within(text).getByRole('radio', { name: 'The student’s guardians' }) as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByRole('heading', { name: 'Whose birthdays' })).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Message', { exact: true }), { target: { value: 'Happy birthday {student_names}!' } });
    const runs = await within(form).findByRole('region', { name: 'Next runs' });
    await waitFor(() => expect(within(runs).getAllByRole('row')[1]?.textContent).toContain('3'));
    const previewed = () => calls.filter((c) => c.channel === 'autopilot.preview').map((c) => (c.input as { trigger: unknown }).trigger);
    expect(previewed()).toContainEqual({ kind: 'birthday', time: '09:00', texts: 'guardians' });
    fireEvent.click(within(text).getByRole('radio', { name: 'The person themselves' }));
    expect(within(form).getByRole('heading', { name: 'Who gets it' })).toBeTruthy();
    await waitFor(() => expect(previewed()).toContainEqual({ kind: 'birthday', time: '09:00', texts: 'self' }));
    await waitFor(() => expect(within(runs).getAllByRole('row')[1]?.textContent).not.toContain('3'));
    fireEvent.click(within(text).getByRole('radio', { name: 'The student’s guardians' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(() => expect(calls.filter((c) => c.channel === 'autopilot.save').map((c) => (c.input as { trigger: unknown }).trigger)).toEqual([
      { kind: 'birthday', time: '09:00', texts: 'guardians' },
    ]));
  });


  it('before a class, starts with that class as who gets it, and saves what was chosen', async () => {
    const { calls } = fakeApi({
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
      'audiences.choices': { ok: true, value: { classes: [level2], tags: [], families: [], saved: [] } },
      'autopilot.list': { ok: true, value: [] },
      'autopilot.preview': { ok: true, value: [{ at: Date.parse('2026-03-10T18:00:00Z'), sendsAt: Date.parse('2026-03-10T18:00:00Z'), recipients: 2, credits: 2 }] },
      'audiences.preflight': { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } },
      'templates.list': { ok: true, value: [] },
      'autopilot.save': (input) => ({ ok: true, value: { ...reminder, ...input, id: 8, pausedReason: null } as Workflow }),
    });
    renderWithQueries(<AutopilotPage staff={clerk} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New workflow' }));
    const form = await screen.findByRole('form', { name: 'New workflow' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Level 2 reminder' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'Before a class' }));
    await waitFor(() => expect((within(form).getByRole('checkbox', { name: /Level 2/ }) as HTMLInputElement).checked).toBe(true));
    fireEvent.change(within(form).getByLabelText('Message', { exact: true }), { target: { value: 'Hi {first_name}, class at 4 today!' } });
    const runs = await within(form).findByRole('region', { name: 'Next runs' });
    await waitFor(() => expect(within(runs).getAllByRole('row')).toHaveLength(2));
    fireEvent.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(() => expect(calls.filter((c) => c.channel === 'autopilot.save').map((c) => c.input)).toEqual([
      { id: null, name: 'Level 2 reminder', trigger: { kind: 'classSession', classId: 3, minutesBefore: 120 }, audience: { selection: { classes: [3] }, pasted: [] }, body: 'Hi {first_name}, class at 4 today!', enabled: true },
    ]));
  });
});
