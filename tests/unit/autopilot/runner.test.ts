import { describe, expect, it, vi } from 'vitest';
import type { Stores } from '../../../src/main/core/ports/storage';
import { CreditLedger } from '../../../src/main/core/sending/credit-ledger';
import type { Workflow, WorkflowInput, WorkflowRun } from '../../../src/shared/contract/autopilot';
import { isWithinHours } from '../../../src/shared/hours/sms-hours';
import { withAdminAndClerk } from '../staff/harness';

const ANA = '+15125550131';
const BEN = '+15125550132';
const LI = '+15125550133';
/** Saturday 7 March 2026, 12:00 in New York (17:00 UTC): the night before the clocks spring forward. */
const SATURDAY_NOON = Date.parse('2026-03-07T17:00:00Z');
/** 9:00–17:00 every day, New York time. */
const officeHours = { timeZone: 'America/New_York', schedule: Array.from({ length: 7 }, () => [{ start: '09:00', end: '17:00' }]) };
const allDay = { timeZone: 'America/New_York', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) };

async function desk(hours = allDay) {
  const h = await withAdminAndClerk({ startAt: SATURDAY_NOON });
  h.settings.update({ messageOptions: { ...h.settings.read().messageOptions, header: 'Sunny Swim:', availableHours: hours } });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await h.call('admin-window', channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  const person = async (firstName: string, lastName: string, phones: string[], more: Record<string, unknown> = {}) =>
    (await call<{ id: number }>('contacts.save', { id: null, contact: { kind: 'guardian', firstName, lastName, familyName: lastName, phones, ...more } })).id;
  const save = (input: Partial<WorkflowInput>) =>
    call<Workflow>('autopilot.save', { id: null, name: 'Reminder', trigger: { kind: 'weekly', days: ['sun'], time: '10:00' }, audience: {}, body: 'Hi {first_name}, class tomorrow!', enabled: true, ...input });
  const at = async (ms: number) => {
    h.clock.time = ms;
    await h.autopilot.runner.runDue();
  };
  // The texts as the engine will hand them to the carrier (the send's rows written first, as the engine does).
  const texts = async () => {
    await h.sending.writer.finish(h.clock.now());
    return h.db.prepare(`SELECT o.to_number AS "to", o.text, o.honor_hours AS honorHours, b.not_before AS notBefore, b.override_reason AS override
      FROM outbox o JOIN send_batches b ON b.id = o.batch_id WHERE b.kind = 'automated' AND o.state <> 'canceled' ORDER BY o.id`).all() as Array<{ to: string; text: string; honorHours: number; notBefore: number | null; override: string | null }>;
  };
  // Read straight from the store: hours of clock time lock the desk, as they would at the front desk.
  const runs = (id: number): Promise<WorkflowRun[]> => h.storage.autopilot.runs(id, 100);
  return { ...h, call, person, save, at, texts, runs };
}

describe('Autopilot runs', () => {
  it('fires a weekly occurrence once, with Available SMS Hours honored and no override, and never again after a restart', async () => {
    const d = await desk();
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const wf = await d.save({ audience: { selection: { contactIds: [ana] } } });
    expect(wf.nextRun).toBe(Date.parse('2026-03-08T14:00:00Z'));
    await d.at(Date.parse('2026-03-08T13:59:00Z'));
    expect((await d.texts())).toEqual([]);
    await d.at(Date.parse('2026-03-08T14:00:30Z'));
    expect((await d.texts())).toEqual([{ to: ANA, text: 'Sunny Swim:\nHi Ana, class tomorrow!\nReply STOP to opt out.', honorHours: 1, notBefore: null, override: null }]);
    await d.at(Date.parse('2026-03-08T14:05:00Z'));
    // A restart: a new runner over the same database starts from what was recorded.
    await d.autopilot.runner.runDue();
    const { createAutopilotModule } = await import('../../../src/main/core/autopilot');
    const again = createAutopilotModule({ storage: d.storage, settings: d.settings, clock: d.clock, sends: d.sending.sends, audiences: d.autopilot.workflows['deps'].audiences, businessName: () => Promise.resolve(''), changed: () => {}, logError: () => {} });
    await again.runner.runDue();
    expect((await d.texts())).toHaveLength(1);
    const [run] = await d.runs(wf.id);
    expect(run).toMatchObject({ outcome: 'queued', texts: 1, credits: 1, leftOut: 0, occurrenceAt: Date.parse('2026-03-08T14:00:00Z') });
  });

  it('a run outside Available SMS Hours waits for the opening in the business’s zone, across the spring-forward night', async () => {
    const d = await desk(officeHours);
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    // Sunday 07:00 local, the morning the clocks went forward: outside 09:00–17:00.
    const wf = await d.save({ trigger: { kind: 'weekly', days: ['sun'], time: '07:00' }, audience: { selection: { contactIds: [ana] } } });
    await d.at(Date.parse('2026-03-08T11:00:00Z'));
    expect((await d.texts())).toMatchObject([{ to: ANA, honorHours: 1, override: null }]);
    const [run] = await d.runs(wf.id);
    expect(run?.note).toBe('Outside Available SMS Hours: the texts wait until today at 09:00.');
    // The engine holds it until 09:00 EDT (13:00 UTC, not 14:00 as in winter), and lets it go then.
    const batchId = (await d.runs(wf.id))[0]?.batchId;
    const due = async (now: number) =>
      (await d.storage.outbox.due({ now, withinHours: isWithinHours(officeHours, now), modes: ['sandbox'], limit: 10 })).filter((m) => m.batchId === batchId).length;
    expect(await due(Date.parse('2026-03-08T12:59:59Z'))).toBe(0);
    expect(await due(Date.parse('2026-03-08T13:00:00Z'))).toBe(1);
  });

  it('the hours window edges: 09:00 is open (the text may go at once), 17:00 is closed (it waits until tomorrow 09:00)', async () => {
    const d = await desk(officeHours);
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const open = await d.save({ name: 'Open', trigger: { kind: 'weekly', days: ['mon'], time: '09:00' }, audience: { selection: { contactIds: [ana] } } });
    const closed = await d.save({ name: 'Closed', trigger: { kind: 'weekly', days: ['mon'], time: '17:00' }, audience: { selection: { contactIds: [ana] } } });
    await d.at(Date.parse('2026-03-09T13:00:00Z'));
    await d.at(Date.parse('2026-03-09T21:00:00Z'));
    expect((await d.runs(open.id))[0]?.note).toBeNull();
    expect((await d.runs(closed.id))[0]?.note).toBe('Outside Available SMS Hours: the texts wait until tomorrow at 09:00.');
  });

  it('catches up what fell due while the desk was closed, within the limit; older runs are logged as skipped', async () => {
    const d = await desk();
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const wf = await d.save({ trigger: { kind: 'weekly', days: ['sun', 'mon', 'tue'], time: '10:00' }, audience: { selection: { contactIds: [ana] } } });
    // The desk is closed from Saturday until Tuesday 12:00 local: Sunday's and Monday's are too old, Tuesday's 2 hours late.
    await d.at(Date.parse('2026-03-10T16:00:00Z'));
    const log = await d.runs(wf.id);
    expect(log.map((r) => [new Date(r.occurrenceAt).toISOString(), r.outcome])).toEqual(
      expect.arrayContaining([['2026-03-08T14:00:00.000Z', 'skipped'], ['2026-03-09T14:00:00.000Z', 'skipped'], ['2026-03-10T14:00:00.000Z', 'queued']]),
    );
    expect(log.find((r) => r.outcome === 'skipped')?.note).toMatch(/not running when this was due, and it is more than 6 hours late/);
    expect((await d.texts())).toHaveLength(1);
  });

  it('exactly once under a crash between firing and queueing: the claim and the texts commit together or not at all', async () => {
    const d = await desk();
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const wf = await d.save({ audience: { selection: { contactIds: [ana] } } });
    const inTransaction = (d.storage as unknown as { txStores: Stores }).txStores;
    // The texts were queued, then the claim fails (the power goes): neither is kept.
    const claim = vi.spyOn(inTransaction.autopilot, 'claim').mockRejectedValueOnce(new Error('power cut'));
    d.clock.time = Date.parse('2026-03-08T14:00:10Z');
    await expect(d.autopilot.runner.runDue()).rejects.toThrow('power cut');
    expect((await d.texts())).toEqual([]);
    expect(await d.runs(wf.id)).toEqual([]);
    expect(d.db.prepare("SELECT count(*) AS n FROM send_batches WHERE kind = 'automated'").get()).toEqual({ n: 0 });
    // The queueing fails after the claim would have been made: nothing either.
    claim.mockRestore();
    const queue = vi.spyOn(d.sending.sends, 'queue').mockRejectedValueOnce(new Error('disk full'));
    await expect(d.autopilot.runner.runDue()).rejects.toThrow('disk full');
    expect(await d.runs(wf.id)).toEqual([]);
    queue.mockRestore();
    // Started again: it fires once, and once only however often it looks.
    await d.autopilot.runner.runDue();
    await d.autopilot.runner.runDue();
    expect((await d.texts())).toHaveLength(1);
    expect(await d.runs(wf.id)).toHaveLength(1);
    // Even if the desk forgot how far it had looked (it stopped before saving that), the claim holds.
    d.db.prepare('UPDATE autopilot_workflows SET checked_up_to = 0').run();
    await d.autopilot.runner.runDue();
    expect((await d.texts())).toHaveLength(1);
  });

  it('credits run out: the run is logged, the workflow pauses, admins get a notice, and turning it on again lifts the pause', async () => {
    const d = await desk();
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const wf = await d.save({ audience: { selection: { contactIds: [ana] } } });
    const ledger = new CreditLedger(d.storage);
    const { available } = await ledger.balance('sandbox');
    await ledger.adjust('sandbox', -available, null, 'test: empty the balance', d.clock.now());
    await d.at(Date.parse('2026-03-08T14:00:10Z'));
    expect((await d.texts())).toEqual([]);
    const [run] = await d.runs(wf.id);
    expect(run).toMatchObject({ outcome: 'failed', texts: 0 });
    expect(run?.note).toMatch(/balance could not pay\. The workflow is paused\./);
    const [listed] = await d.autopilot.workflows.list();
    expect(listed).toMatchObject({ pausedReason: 'credits', nextRun: null });
    const notices = await d.storage.billing.notices('sandbox');
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('Autopilot paused “Reminder”: not enough credits')]);
    // Paused: the next Sunday passes without a try.
    await d.at(Date.parse('2026-03-15T14:00:10Z'));
    expect(await d.runs(wf.id)).toHaveLength(1);
    await ledger.adjust('sandbox', 100, null, 'test: credits bought', d.clock.now());
    expect(await d.autopilot.workflows.setEnabled(wf.id, true, null)).toMatchObject({ pausedReason: null, nextRun: Date.parse('2026-03-22T14:00:00Z') });
  });

  it('never texts an opted-out number, even when another guardian in the audience shares it', async () => {
    const d = await desk();
    // Ana and Ben Rivera share the family phone, which opted out; Li Chen's opted in.
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    const ben = await d.person('Ben', 'Rivera', [ANA, BEN]);
    const li = await d.person('Li', 'Chen', [LI]);
    for (const phone of [ANA, BEN, LI]) await d.call('consent.optIn', { phone });
    await d.call('consent.optOut', { phone: ANA });
    const wf = await d.save({ audience: { selection: { contactIds: [ana, ben, li] } } });
    await d.at(Date.parse('2026-03-08T14:00:10Z'));
    expect((await d.texts()).map((t) => t.to).sort()).toEqual([BEN, LI]);
    expect((await d.runs(wf.id))[0]).toMatchObject({ texts: 2, leftOut: 2 });
  });

  it('a new contact is greeted once, after creation; people already there are not', async () => {
    const d = await desk();
    await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const wf = await d.save({ name: 'Welcome', trigger: { kind: 'newContact' }, body: 'Welcome to Sunny Swim, {first_name}!' });
    await d.call('consent.optIn', { phone: LI });
    await d.person('Li', 'Chen', [LI]);
    await d.at(SATURDAY_NOON + 60_000);
    await d.at(SATURDAY_NOON + 120_000);
    expect((await d.texts()).map((t) => [t.to, t.text])).toEqual([[LI, 'Sunny Swim:\nWelcome to Sunny Swim, Li!\nReply STOP to opt out.']]);
    expect(await d.runs(wf.id)).toHaveLength(1);
  });

  it('a new contact opted in a little after being added still gets the welcome once; one never opted in is logged after the limit', async () => {
    const d = await desk();
    const wf = await d.save({ name: 'Welcome', trigger: { kind: 'newContact' }, body: 'Welcome, {first_name}!' });
    await d.person('Li', 'Chen', [LI]);
    await d.person('Bo', 'Diaz', [BEN]);
    await d.at(SATURDAY_NOON + 60_000);
    expect(await d.texts()).toEqual([]);
    expect(await d.runs(wf.id)).toEqual([]);
    // Ten minutes later the desk opts Li in (the signup text goes first); the welcome follows, once.
    d.clock.time = SATURDAY_NOON + 10 * 60_000;
    await d.call('consent.optIn', { phone: LI });
    await d.at(SATURDAY_NOON + 11 * 60_000);
    await d.at(SATURDAY_NOON + 12 * 60_000);
    expect((await d.texts()).map((t) => t.to)).toEqual([LI]);
    // Bo's number is never opted in: after the catch-up limit the run log says why nothing went.
    await d.at(SATURDAY_NOON + 7 * 3_600_000);
    const log = await d.runs(wf.id);
    expect(log.map((r) => [r.outcome, r.note])).toEqual(expect.arrayContaining([['skipped', 'Not sent: their number was not opted in within 6 hours of being added.'], ['queued', null]]));
    await d.at(SATURDAY_NOON + 8 * 3_600_000);
    expect(await d.runs(wf.id)).toHaveLength(2);
    expect((await d.texts()).map((t) => t.to)).toEqual([LI]);
  });

  it('on a student’s birthday texts that student’s guardians: one text per phone naming every student born that day, once', async () => {
    const d = await desk();
    const family = (id: number) => (d.db.prepare('SELECT family_id AS f FROM contacts WHERE id = ?').get(id) as { f: number }).f;
    // The Riveras share one phone; Mia and Leo were born on 8 March, Sol on another day.
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.person('Ben', 'Rivera', [ANA], { familyId: family(ana), familyName: '' });
    const rivera = family(ana);
    await d.person('Mia', 'Rivera', [], { kind: 'student', familyId: rivera, familyName: '', birthday: '2015-03-08' });
    await d.person('Leo', 'Rivera', [], { kind: 'student', familyId: rivera, familyName: '', birthday: '2017-03-08' });
    await d.person('Sol', 'Rivera', [], { kind: 'student', familyId: rivera, familyName: '', birthday: '2019-06-01' });
    // Li Chen's Kai shares the day; Bo Diaz's number opted out; a staff member's own birthday is not a student's.
    const li = await d.person('Li', 'Chen', [LI]);
    await d.person('Kai', 'Chen', [], { kind: 'student', familyId: family(li), familyName: '', birthday: '2016-03-08' });
    const bo = await d.person('Bo', 'Diaz', [BEN]);
    await d.person('Eva', 'Diaz', [], { kind: 'student', familyId: family(bo), familyName: '', birthday: '2016-03-08' });
    await d.call('contacts.save', { id: null, contact: { kind: 'staff', firstName: 'Zoe', lastName: 'Park', phones: ['+15125550134'], birthday: '1990-03-08' } });
    for (const phone of [ANA, LI, BEN, '+15125550134']) await d.call('consent.optIn', { phone });
    await d.call('consent.optOut', { phone: BEN });
    const trigger = { kind: 'birthday', time: '08:00', texts: 'guardians' } as const;
    const body = 'Hi {first_name}, happy birthday to {student_names}!';
    const wf = await d.save({ name: 'Birthdays', trigger, body });
    expect(wf.trigger).toEqual(trigger);
    // The preview counts the guardians' phones each day, on the days a student has a birthday.
    const preview = await d.call<Array<{ at: number; recipients: number; credits: number }>>('autopilot.preview', { trigger, audience: {}, body });
    expect(preview.map((run) => [new Date(run.at).toISOString(), run.recipients])).toEqual([
      ['2026-03-08T12:00:00.000Z', 2], ['2026-06-01T12:00:00.000Z', 1], ['2027-03-08T13:00:00.000Z', 2],
    ]);
    await d.at(Date.parse('2026-03-08T12:00:30Z'));
    await d.at(Date.parse('2026-03-08T12:01:00Z'));
    expect((await d.texts()).map((t) => [t.to, t.text]).sort()).toEqual([
      [ANA, 'Sunny Swim:\nHi Ana and Ben, happy birthday to Leo and Mia!\nReply STOP to opt out.'],
      [LI, 'Sunny Swim:\nHi Li, happy birthday to Kai!\nReply STOP to opt out.'],
    ]);
    expect(await d.runs(wf.id)).toMatchObject([{ outcome: 'queued', texts: 2, credits: 2, leftOut: 2 }]);
  });

  it('a birthday workflow for guardians counts the students of the chosen class only', async () => {
    const d = await desk();
    const family = (id: number) => (d.db.prepare('SELECT family_id AS f FROM contacts WHERE id = ?').get(id) as { f: number }).f;
    const { id: level2 } = await d.call<{ id: number }>('contacts.saveClass', { id: null, name: 'Level 2', schedule: [] });
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    const mia = await d.person('Mia', 'Rivera', [], { kind: 'student', familyId: family(ana), familyName: '', birthday: '2015-03-08' });
    await d.call('contacts.enroll', { classId: level2, contactId: mia, enrolled: true });
    const li = await d.person('Li', 'Chen', [LI]);
    await d.person('Kai', 'Chen', [], { kind: 'student', familyId: family(li), familyName: '', birthday: '2016-03-08' });
    for (const phone of [ANA, LI]) await d.call('consent.optIn', { phone });
    const trigger = { kind: 'birthday', time: '08:00', texts: 'guardians' } as const;
    await d.save({ name: 'Birthdays', trigger, audience: { selection: { classes: [level2] } }, body: 'Happy birthday {student_names}! See you in {class_name}.' });
    await d.at(Date.parse('2026-03-08T12:00:30Z'));
    expect((await d.texts()).map((t) => [t.to, t.text])).toEqual([[ANA, 'Sunny Swim:\nHappy birthday Mia! See you in Level 2.\nReply STOP to opt out.']]);
  });

  it('a birthday trigger texts the people whose birthday it is, in the business’s zone', async () => {
    const d = await desk();
    await d.person('Ana', 'Rivera', [ANA], { birthday: '2015-03-08' });
    await d.person('Li', 'Chen', [LI], { birthday: '2015-03-09' });
    for (const phone of [ANA, LI]) await d.call('consent.optIn', { phone });
    await d.save({ name: 'Birthdays', trigger: { kind: 'birthday', time: '08:00', texts: 'self' }, body: 'Happy birthday, {first_name}!' });
    const preview = await d.call<Array<{ at: number; recipients: number }>>('autopilot.preview', { trigger: { kind: 'birthday', time: '08:00', texts: 'self' }, audience: {}, body: 'Happy birthday, {first_name}!' });
    // Only the days someone has a birthday, over the coming year: 8 and 9 March, and 8 March 2027
    // (08:00 is 13:00 UTC then: New York's clocks go forward a week later that year).
    expect(preview.map((run) => new Date(run.at).toISOString())).toEqual(['2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z', '2027-03-08T13:00:00.000Z']);
    expect(preview.map((run) => run.recipients)).toEqual([1, 1, 1]);
    // Saved before the choice existed, a birthday workflow texts the person themselves, as it did then.
    d.db.prepare('UPDATE autopilot_workflows SET trigger = ?').run(JSON.stringify({ kind: 'birthday', time: '08:00' }));
    const [listed] = await d.autopilot.workflows.list();
    expect(listed?.trigger).toEqual({ kind: 'birthday', time: '08:00', texts: 'self' });
    expect(listed?.nextRun).toBe(Date.parse('2026-03-08T12:00:00Z'));
    await d.at(Date.parse('2026-03-08T12:00:30Z'));
    expect((await d.texts()).map((t) => t.to)).toEqual([ANA]);
  });

  it('announces its changes under the autopilot area, with sends and credits only when texts were queued', async () => {
    const d = await desk();
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    await d.call('consent.optIn', { phone: ANA });
    const changed = vi.fn();
    const { createAutopilotModule } = await import('../../../src/main/core/autopilot');
    const autopilot = createAutopilotModule({ storage: d.storage, settings: d.settings, clock: d.clock, sends: d.sending.sends, audiences: d.autopilot.workflows['deps'].audiences, businessName: () => Promise.resolve(''), changed, logError: () => {} });
    const { id: staffId } = d.db.prepare('SELECT id FROM staff LIMIT 1').get() as { id: string };
    const ctx = { sessionId: 'admin-window', caller: { staffId, name: 'Dana', permissions: [], locked: false } } as never;
    await autopilot.handlers['autopilot.save']({ id: null, name: 'Reminder', trigger: { kind: 'weekly', days: ['sun', 'mon'], time: '10:00' }, audience: { selection: { contactIds: [ana] }, pasted: [] }, body: 'Hi', enabled: true }, ctx);
    expect(changed.mock.calls).toEqual([[['autopilot']]]);
    changed.mockClear();
    // Sunday's run is queued; Monday's is found more than 6 hours late and only logged.
    d.clock.time = Date.parse('2026-03-08T14:00:30Z');
    await autopilot.runner.runDue();
    expect(changed.mock.calls).toEqual([[['autopilot', 'sends', 'credits']]]);
    changed.mockClear();
    d.clock.time = Date.parse('2026-03-09T21:00:00Z');
    await autopilot.runner.runDue();
    expect(changed.mock.calls).toEqual([[['autopilot']]]);
  });

  it('refuses to save a message with a field it cannot fill in, or a one-off time already past', async () => {
    const d = await desk();
    await expect(d.save({ body: 'Hi {nickname}!' })).rejects.toThrow('{nickname} is not a field we can fill in.');
    await expect(d.save({ trigger: { kind: 'once', at: '2026-03-07T11:00' } })).rejects.toThrow('That date and time has passed.');
    expect(await d.save({ trigger: { kind: 'once', at: '2026-03-07T13:00' } })).toMatchObject({ nextRun: Date.parse('2026-03-07T18:00:00Z') });
  });

  it('previews the next 10 runs with the audience size and credits', async () => {
    const d = await desk(officeHours);
    const ana = await d.person('Ana', 'Rivera', [ANA]);
    const li = await d.person('Li', 'Chen', [LI]);
    await d.call('consent.optIn', { phone: ANA });
    const preview = await d.call<Array<{ at: number; sendsAt: number; recipients: number; credits: number }>>('autopilot.preview', {
      trigger: { kind: 'weekly', days: ['sun'], time: '07:00' }, audience: { selection: { contactIds: [ana, li] } }, body: 'Hi {first_name}',
    });
    expect(preview).toHaveLength(10);
    expect(preview[0]).toEqual({ at: Date.parse('2026-03-08T11:00:00Z'), sendsAt: Date.parse('2026-03-08T13:00:00Z'), recipients: 1, credits: 1 });
  });
});
