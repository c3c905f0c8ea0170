import { describe, expect, it } from 'vitest';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { CreditLedger } from '../../../src/main/core/sending/credit-ledger';
import { MAX_RECIPIENTS, SKIPPED_SHOWN, type BatchSummary, type CreditBalance, type Permission, type QueuedSend, type Result, type SendEstimate } from '../../../src/shared/contract';
import { defaultMessageOptions, type MessageOptions } from '../../../src/shared/sms/message-options';
import { measureSms } from '../../../src/shared/sms/segments';
import { withAdminAndClerk } from '../staff/harness';

// ---------------------------------------------------------------------------------------------
// The desk: Dana (admin, every permission) at 'admin-window', Sam (Send Mass SMS only) at
// 'clerk-window', message options set through the settings channel, the clock fixed.
// The dispatcher never runs, so nothing leaves the outbox.
// ---------------------------------------------------------------------------------------------

const weekday = [{ start: '08:00', end: '20:00' }];
const options: MessageOptions = {
  ...defaultMessageOptions,
  header: 'Tumble Town:',
  footer: 'Reply STOP to opt out.',
  availableHours: {
    timeZone: 'America/New_York',
    schedule: [[], weekday, weekday, weekday, weekday, weekday, [{ start: '09:00', end: '17:00' }]],
  },
};

// November 2023: New York is on EST (UTC−5).
const TUESDAY_NOON = Date.UTC(2023, 10, 14, 17, 0); // Tuesday 12:00 in New York: open.
const TUESDAY_NIGHT = Date.UTC(2023, 10, 15, 3, 30); // Tuesday 22:30 in New York: closed.
const WEDNESDAY_OPENING = Date.UTC(2023, 10, 15, 13, 0); // Wednesday 08:00 in New York.

/** One part on its own; two once the header and footer are added. */
const TWO_PART_BODY =
  'Reminder: the gym is closed Thursday for the holiday. Classes resume Friday at the usual times. Bring a water bottle and see you soon!';
/** One part even with the header and footer. */
const SHORT_BODY = 'Open gym tonight at 6.';

const SHORT_BODY_CREDITS = 1;
const TWO_PART_CREDITS = 2;

/** Distinct valid US numbers, +1 212 555 0100 onwards. */
const numbers = (count: number): string[] => Array.from({ length: count }, (_, i) => `+1212555${String(100 + i).padStart(4, '0')}`);

type Desk = Awaited<ReturnType<typeof openDesk>>;

/** Numbers the tests send to; mass sends reach only numbers that opted in. */
const CONSENTED = [...numbers(6), '+12125550142', '+16175550199', '+442079460958'];

async function openDesk(at: number, consented: readonly string[] = CONSENTED) {
  const h = await withAdminAndClerk({ startAt: at });
  unwrap(await h.call('admin-window', 'messageOptions.update', options));
  // Recorded directly so no signup messages (and their credits) muddle the sends under test.
  const optedIn = h.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', ?)");
  for (const phone of consented) optedIn.run(phone, at);
  return h;
}

function unwrap<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function signInNewStaff(h: Desk, window: string, name: string, permissions: Permission[]): Promise<string> {
  const { id } = unwrap<{ id: string }>(await h.call('admin-window', 'staff.create', { name, secret: '5521', permissions }));
  unwrap(await h.call(window, 'session.signIn', { staffId: id, secret: '5521' }));
  return id;
}

/** What the dispatcher does first every round: write the outbox rows of sends not fully written yet. */
async function writeOutboxRows(h: Desk): Promise<void> {
  await h.sending.writer.finish(h.clock.now());
}

const balance = async (h: Desk) => unwrap<CreditBalance>(await h.call('clerk-window', 'credits.balance'));

interface OutboxRow {
  to: string;
  state: string;
  credits: number;
}
const outboxOf = (h: Desk, batchId: number) =>
  h.db.prepare('SELECT to_number AS "to", state, credits FROM outbox WHERE batch_id = ? ORDER BY id').all(batchId) as unknown as OutboxRow[];

interface BatchRow {
  kind: string;
  body: string;
  text: string;
  honor_hours: number;
  not_before: number | null;
  override_reason: string | null;
}
const batchRow = (h: Desk, id: number) =>
  h.db.prepare('SELECT kind, body, text, honor_hours, not_before, override_reason FROM send_batches WHERE id = ?').get(id) as unknown as BatchRow;

interface LedgerRow {
  kind: string;
  credits: number;
  batch_id: number | null;
  outbox_id: number | null;
  staff_id: string | null;
  note: string | null;
}
const ledgerRows = (h: Desk, kind: string) =>
  h.db.prepare('SELECT kind, credits, batch_id, outbox_id, staff_id, note FROM credit_ledger WHERE kind = ? ORDER BY id').all(kind) as unknown as LedgerRow[];

const signupBatches = (h: Desk) => h.db.prepare("SELECT id, text FROM send_batches WHERE kind = 'signup' ORDER BY id").all() as unknown as { id: number; text: string }[];

const auditEntries = async (h: Desk, action: string) => (await h.staff.audit.list({ limit: 100 })).filter((e) => e.action === action);

// ---------------------------------------------------------------------------------------------

describe('sends.create', () => {
  it('queues one outbox row per cleaned recipient and holds segments × recipients credits', async () => {
    const h = await openDesk(TUESDAY_NOON);
    expect(measureSms(TWO_PART_BODY).segments).toBe(1);

    const sent = unwrap<QueuedSend>(
      await h.call('clerk-window', 'sends.create', {
        body: TWO_PART_BODY,
        recipients: ['(212) 555-0142', '+1 617 555 0199', '212-555-0142', 'not a phone', '555-0100', '', '+44 20 7946 0958'],
      }),
    );

    const credits = 3 * TWO_PART_CREDITS;
    expect(sent.batch).toMatchObject({ kind: 'mass', notBefore: null, recipients: 3, creditsPerRecipient: TWO_PART_CREDITS });
    expect(sent.batch.counts.queued).toBe(3);
    expect(sent.skipped).toEqual([
      { input: '212-555-0142', reason: expect.stringMatching(/same number/i) },
      { input: 'not a phone', reason: 'Not a valid phone number.' },
      { input: '555-0100', reason: 'Not a valid phone number.' },
      { input: '', reason: 'No phone number.' },
    ]);
    expect(sent.balance).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - credits, reserved: credits });
    expect(await balance(h)).toEqual(sent.balance);

    // The carrier gets header and footer around the body.
    expect(batchRow(h, sent.batch.id)).toMatchObject({ text: `Tumble Town:\n${TWO_PART_BODY}\nReply STOP to opt out.`, honor_hours: 1 });
    expect(ledgerRows(h, 'hold')).toEqual([expect.objectContaining({ credits: -credits, batch_id: sent.batch.id })]);

    await writeOutboxRows(h);
    expect(outboxOf(h, sent.batch.id)).toEqual([
      { to: '+12125550142', state: 'queued', credits: TWO_PART_CREDITS },
      { to: '+16175550199', state: 'queued', credits: TWO_PART_CREDITS },
      { to: '+442079460958', state: 'queued', credits: TWO_PART_CREDITS },
    ]);
    // Writing the rows moves the hold from the send to its messages; the balance does not change.
    expect(await balance(h)).toEqual(sent.balance);
  });

  it('outside Available SMS Hours refuses with OUTSIDE_SMS_HOURS and the next opening, writing nothing', async () => {
    const h = await openDesk(TUESDAY_NIGHT);
    const before = h.rowCounts();
    const credits = await balance(h);

    for (const window of ['clerk-window', 'admin-window']) {
      expect(await h.call(window, 'sends.create', { body: SHORT_BODY, recipients: numbers(2) })).toMatchObject({
        ok: false,
        error: { code: 'OUTSIDE_SMS_HOURS', message: expect.stringContaining('tomorrow at 08:00'), details: { nextOpening: WEDNESDAY_OPENING } },
      });
    }

    expect(h.rowCounts()).toEqual(before);
    expect(await balance(h)).toEqual(credits);
  });

  it('outside hours, a reason without the override permission is refused with PERMISSION_DENIED, writing nothing', async () => {
    const h = await openDesk(TUESDAY_NIGHT);
    const before = h.rowCounts();

    const result = await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(2), overrideReason: 'Meet canceled, tell families now' });

    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('Mass Text Availability Override') } });
    expect(h.rowCounts()).toEqual(before);
  });

  it('outside hours, the override permission and a reason queue the send and audit the override', async () => {
    const h = await openDesk(TUESDAY_NIGHT);
    const reason = 'Meet canceled, tell families now';

    const sent = unwrap<QueuedSend>(await h.call('admin-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(2), overrideReason: reason }));

    expect(sent.batch).toMatchObject({ notBefore: null, recipients: 2, counts: expect.objectContaining({ queued: 2 }) });
    // honor_hours = 0: the dispatcher may send it before the next opening.
    expect(batchRow(h, sent.batch.id)).toMatchObject({ honor_hours: 0, override_reason: reason });
    expect(await auditEntries(h, 'sends.overrideHours')).toEqual([
      expect.objectContaining({ staffName: 'Dana', override: true, detail: expect.stringContaining(reason) }),
    ]);
  });

  it('outside hours, timing next_opening is queued for the next opening instead of refused', async () => {
    const h = await openDesk(TUESDAY_NIGHT);

    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(2), timing: { kind: 'next_opening' } }));

    expect(sent.batch).toMatchObject({ kind: 'mass', notBefore: WEDNESDAY_OPENING, recipients: 2 });
    expect(batchRow(h, sent.batch.id)).toMatchObject({ honor_hours: 1, not_before: WEDNESDAY_OPENING, override_reason: null });
    expect(sent.balance).toMatchObject({ reserved: 2 * SHORT_BODY_CREDITS });
    expect(await auditEntries(h, 'sends.overrideHours')).toEqual([]);
  });

  it('refuses a send the balance cannot pay with INSUFFICIENT_CREDITS, writing nothing', async () => {
    const h = await openDesk(TUESDAY_NOON);
    unwrap(await h.call('admin-window', 'credits.adjust', { credits: -(SANDBOX_GRANT - 5), reason: 'Leave five for the test' }));
    const before = h.rowCounts();
    const credits = await balance(h);
    expect(credits).toEqual({ mode: 'sandbox', available: 5, reserved: 0 });

    const result = await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(6) });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_CREDITS', message: expect.stringMatching(/needs 6 credits but only 5/), details: { needed: 6, available: 5 } },
    });
    expect(h.rowCounts()).toEqual(before);
    expect(await balance(h)).toEqual(credits);
  });

  describe('bad input changes nothing', () => {
    const valid = { body: SHORT_BODY, recipients: numbers(2) };
    it.each([
      ['a 10,000-character body', { ...valid, body: 'x'.repeat(10_000) }, /at most 1,600 characters/],
      ['a blank body', { ...valid, body: '   ' }, /Write a message first/],
      ['a body that is too many parts once header and footer are added', { ...valid, body: 'x'.repeat(600) }, /5 parts; the limit is 4/],
      ['only invalid recipients', { ...valid, recipients: ['not a phone', '12', ''] }, /None of the chosen numbers/],
      ['no recipients', { ...valid, recipients: [] }, /at least one recipient/],
      [`${(MAX_RECIPIENTS + 1).toLocaleString('en-US')} recipients`, { ...valid, recipients: Array.from({ length: MAX_RECIPIENTS + 1 }, () => '+12125550142') }, /^recipients: .*20000/],
      ['an unknown key', { ...valid, priority: 'high' }, /Unrecognized key: "priority"/],
      ['an unknown key in the timing', { ...valid, timing: { kind: 'now', at: TUESDAY_NIGHT } }, /^timing: Unrecognized key: "at"/],
      ['a reason too short to mean anything', { ...valid, overrideReason: 'x' }, /Say why/],
    ])('refuses %s with INVALID_INPUT', async (_label, input, message) => {
      const h = await openDesk(TUESDAY_NOON);
      const before = h.rowCounts();

      const result = await h.call('clerk-window', 'sends.create', input);

      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
      expect(h.rowCounts()).toEqual(before);
    });
  });
});

describe('sends.estimate', () => {
  it('says who a send reaches, who is left out and why, and what it costs, by the rules sends.create applies, writing nothing', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const before = h.rowCounts();
    const recipients = ['(212) 555-0142', '212-555-0142', 'not a phone', '+1 212 555 0199', '+1 617 555 0199'];

    const estimate = unwrap<SendEstimate>(await h.call('clerk-window', 'sends.estimate', { body: TWO_PART_BODY, recipients }));

    expect(estimate).toEqual({
      recipients: 2,
      skipped: [
        { input: '212-555-0142', reason: expect.stringMatching(/same number/i) },
        { input: 'not a phone', reason: 'Not a valid phone number.' },
        { input: '+1 212 555 0199', reason: expect.stringMatching(/not opted in/i) },
      ],
      skippedCount: 3,
      segmentsPerRecipient: TWO_PART_CREDITS,
      credits: 2 * TWO_PART_CREDITS,
      balance: { mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 },
      outsideHours: null,
      canOverrideHours: false,
    });
    expect(h.rowCounts()).toEqual(before);

    // The send itself agrees with the estimate.
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: TWO_PART_BODY, recipients }));
    expect(sent.skipped).toEqual(estimate.skipped);
    expect(sent.batch.recipients * sent.batch.creditsPerRecipient).toBe(estimate.credits);
  });

  it('outside hours says when texts can go out again, and whether the caller may override', async () => {
    const h = await openDesk(TUESDAY_NIGHT);
    const input = { body: SHORT_BODY, recipients: numbers(2) };

    expect(unwrap<SendEstimate>(await h.call('clerk-window', 'sends.estimate', input))).toMatchObject({
      outsideHours: { nextOpening: WEDNESDAY_OPENING, description: 'Texts can go out again tomorrow at 08:00.' },
      canOverrideHours: false,
    });
    expect(unwrap<SendEstimate>(await h.call('admin-window', 'sends.estimate', input))).toMatchObject({ canOverrideHours: true, credits: 2 });
  });

  it('lists the first entries left out, as many as Compose shows, and counts them all', async () => {
    // 1,000 numbers nobody opted in, and one that did.
    const h = await openDesk(TUESDAY_NOON, ['+16175550199']);
    const recipients = [...numbers(1_000), '+1 617 555 0199'];
    const estimate = unwrap<SendEstimate>(await h.call('clerk-window', 'sends.estimate', { body: SHORT_BODY, recipients }));
    expect(estimate.recipients).toBe(1);
    expect(estimate.skippedCount).toBe(1_000);
    expect(estimate.skipped).toHaveLength(SKIPPED_SHOWN);
    expect(estimate.skipped[0]).toEqual({ input: recipients[0], reason: expect.stringMatching(/not opted in/i) });
    expect(estimate.skipped.at(-1)?.input).toBe(recipients[SKIPPED_SHOWN - 1]);
  });

  it('answers while the message or the list is still empty, and refuses hostile input', async () => {
    const h = await openDesk(TUESDAY_NOON);
    expect(unwrap<SendEstimate>(await h.call('clerk-window', 'sends.estimate', { body: '', recipients: [] }))).toMatchObject({ recipients: 0, credits: 0 });
    for (const input of [{ body: 'x'.repeat(10_000), recipients: [] }, { body: 'Hi', recipients: [{}] }, { body: 'Hi', recipients: [], extra: 1 }]) {
      expect(await h.call('clerk-window', 'sends.estimate', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('a send that did not reach everyone', () => {
  /** Marks messages of a send failed, as the dispatcher does when the carrier refuses them. */
  async function failRows(h: Desk, batchId: number, count: number, code: number, reason: string) {
    await writeOutboxRows(h);
    const rows = h.db.prepare("SELECT id, credits FROM outbox WHERE batch_id = ? AND state = 'queued' ORDER BY id LIMIT ?").all(batchId, count) as Array<{ id: number; credits: number }>;
    const storage = new SqliteStorage(h.db);
    await storage.transaction(async (tx) => {
      await tx.outbox.apply(rows.map((row) => ({ kind: 'fail', id: row.id, state: 'failed', errorCode: code, errorMessage: reason })), h.clock.now());
      await new CreditLedger(tx).release(rows.map((row) => ({ ...row, mode: 'sandbox' })), 'rejected', h.clock.now());
    });
  }

  it('lists what failed with the reason, and retries exactly those numbers as a new send', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(5) }));
    await failRows(h, sent.batch.id, 2, 30003, 'The phone could not be reached.');

    expect(unwrap(await h.call('clerk-window', 'sends.failures', { batchId: sent.batch.id }))).toEqual([
      { to: numbers(5)[0], state: 'failed', errorCode: 30003, reason: 'The phone could not be reached.' },
      { to: numbers(5)[1], state: 'failed', errorCode: 30003, reason: 'The phone could not be reached.' },
    ]);

    const retry = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.retryFailed', { batchId: sent.batch.id }));
    expect(retry.batch).toMatchObject({ kind: 'mass', recipients: 2, preview: SHORT_BODY });
    await writeOutboxRows(h);
    expect(outboxOf(h, retry.batch.id).map((row) => row.to)).toEqual(numbers(5).slice(0, 2));
    // Held: 3 still queued in the first send + 2 in the retry.
    expect(retry.balance).toMatchObject({ reserved: 5 * SHORT_BODY_CREDITS });
  });

  it('refuses a retry when nothing failed, for a send that is not a mass text, or for a send that does not exist', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: numbers(2) }));
    const reply = unwrap<QueuedSend>(await h.call('admin-window', 'messenger.reply', { phone: numbers(1)[0], body: SHORT_BODY }));
    await failRows(h, reply.batch.id, 1, 21211, 'Not a valid phone number.');
    const before = h.rowCounts();

    expect(await h.call('clerk-window', 'sends.retryFailed', { batchId: sent.batch.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Nothing in that send failed.' } });
    expect(await h.call('clerk-window', 'sends.retryFailed', { batchId: reply.batch.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.call('clerk-window', 'sends.retryFailed', { batchId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call('clerk-window', 'sends.failures', { batchId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(h.rowCounts()).toEqual(before);
  });
});

describe('drafts', () => {
  it('keeps one draft per staff member, replaces it as they type, and removes it once blank', async () => {
    const h = await openDesk(TUESDAY_NOON);
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toBeNull();

    expect(unwrap(await h.call('clerk-window', 'drafts.save', { to: '212 555 0142', body: 'Open gym' }))).toEqual({ updatedAt: TUESDAY_NOON });
    unwrap(await h.call('clerk-window', 'drafts.save', { to: '212 555 0142', body: 'Open gym tonight' }));
    unwrap(await h.call('admin-window', 'drafts.save', { to: '', body: 'Staff meeting Friday' }));

    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toEqual({ to: '212 555 0142', body: 'Open gym tonight', updatedAt: TUESDAY_NOON });
    expect(unwrap(await h.call('admin-window', 'drafts.get'))).toMatchObject({ body: 'Staff meeting Friday' });

    expect(unwrap(await h.call('clerk-window', 'drafts.save', { to: ' ', body: '\n' }))).toEqual({ updatedAt: null });
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toBeNull();
  });

  it('keeps who was picked from Contacts with the draft, even before anything is typed', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const picked = { classes: [2], tags: [5], families: [9] };
    expect(unwrap(await h.call('clerk-window', 'drafts.save', { to: '', body: '', selection: picked }))).toEqual({ updatedAt: TUESDAY_NOON });
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toEqual({ to: '', body: '', selection: picked, updatedAt: TUESDAY_NOON });

    // Everyone unticked and nothing typed: the draft is gone.
    expect(unwrap(await h.call('clerk-window', 'drafts.save', { to: '', body: ' ', selection: { classes: [] } }))).toEqual({ updatedAt: null });
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toBeNull();
  });

  it('a draft that is sent is removed, so it cannot be sent again by mistake', async () => {
    const h = await openDesk(TUESDAY_NOON);
    unwrap(await h.call('clerk-window', 'drafts.save', { to: numbers(2).join('\n'), body: SHORT_BODY }));
    unwrap(await h.call('clerk-window', 'sends.create', { recipients: numbers(2), body: SHORT_BODY }));
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toBeNull();
  });

  it('refuses a draft that could never be sent, and staff who may not send, changing nothing', async () => {
    const h = await openDesk(TUESDAY_NOON);
    unwrap(await h.call('clerk-window', 'drafts.save', { to: '', body: 'Kept' }));
    for (const input of [{ to: '', body: 'x'.repeat(10_000) }, { to: 'x'.repeat(700_000), body: '' }, { to: '', body: 'Hi', extra: true }, { body: 'Hi' }]) {
      expect(await h.call('clerk-window', 'drafts.save', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(unwrap(await h.call('clerk-window', 'drafts.get'))).toMatchObject({ body: 'Kept' });

    await signInNewStaff(h, 'reader-window', 'Riley', ['messengerCenter']);
    expect(await h.call('reader-window', 'drafts.save', { to: '', body: 'Hi' })).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await h.call('reader-window', 'drafts.get')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });
});

describe('replies', () => {
  it('are not held back by Available SMS Hours, even for staff without the override permission', async () => {
    const h = await openDesk(TUESDAY_NIGHT);
    await signInNewStaff(h, 'messenger-window', 'Riley', ['messengerCenter']);

    const sent = unwrap<QueuedSend>(await h.call('messenger-window', 'messenger.reply', { phone: '(212) 555-0142', body: 'Yes, class is on tomorrow.' }));

    expect(sent.batch).toMatchObject({ kind: 'reply', notBefore: null, recipients: 1, counts: expect.objectContaining({ queued: 1 }) });
    expect(batchRow(h, sent.batch.id)).toMatchObject({ honor_hours: 0, override_reason: null });
    expect(await auditEntries(h, 'sends.overrideHours')).toEqual([]);
    await writeOutboxRows(h);
    expect(outboxOf(h, sent.batch.id)).toEqual([{ to: '+12125550142', state: 'queued', credits: SHORT_BODY_CREDITS }]);
  });
});

describe('sends.cancel', () => {
  it('cancels the queued rows of a send and releases their credits; canceling again changes nothing', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: TWO_PART_BODY, recipients: numbers(3) }));

    // Rows not written yet are written first, so every recipient is canceled.
    const canceled = unwrap<BatchSummary>(await h.call('clerk-window', 'sends.cancel', { batchId: sent.batch.id }));

    expect(canceled.counts).toMatchObject({ queued: 0, canceled: 3 });
    expect(outboxOf(h, sent.batch.id).map((row) => row.state)).toEqual(['canceled', 'canceled', 'canceled']);
    expect(ledgerRows(h, 'release')).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ credits: TWO_PART_CREDITS, note: 'canceled' })));
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });

    const ledgerBefore = h.rowCounts().credit_ledger;
    expect(unwrap<BatchSummary>(await h.call('clerk-window', 'sends.cancel', { batchId: sent.batch.id }))).toEqual(canceled);
    expect(h.rowCounts().credit_ledger).toBe(ledgerBefore);
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });
  });

  it('leaves a message the carrier already has alone and keeps its credits held', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const [taken, ...waiting] = numbers(3);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: [taken, ...waiting] }));
    await writeOutboxRows(h);
    // As the dispatcher does when it hands a message to the carrier.
    h.db.prepare("UPDATE outbox SET state = 'claimed' WHERE to_number = ?").run(taken!);

    const canceled = unwrap<BatchSummary>(await h.call('clerk-window', 'sends.cancel', { batchId: sent.batch.id }));

    expect(canceled.counts).toMatchObject({ queued: 0, claimed: 1, canceled: 2 });
    expect(ledgerRows(h, 'release')).toHaveLength(2);
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - SHORT_BODY_CREDITS, reserved: SHORT_BODY_CREDITS });
  });

  it('says NOT_FOUND for a send that does not exist', async () => {
    const h = await openDesk(TUESDAY_NOON);
    expect(await h.call('clerk-window', 'sends.cancel', { batchId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('credits.adjust', () => {
  it('is refused to staff without Admin Access and writes no ledger row', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const before = h.rowCounts();

    const result = await h.call('clerk-window', 'credits.adjust', { credits: 500, reason: 'Free credits please' });

    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(h.rowCounts()).toEqual(before);
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });
  });

  it('an admin changes the balance, with a ledger row and an audit entry', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const reason = 'Goodwill for the outage';

    const adjusted = unwrap<CreditBalance>(await h.call('admin-window', 'credits.adjust', { credits: 250, reason }));

    expect(adjusted).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT + 250, reserved: 0 });
    expect(await balance(h)).toEqual(adjusted);
    expect(ledgerRows(h, 'adjustment')).toEqual([expect.objectContaining({ credits: 250, note: reason, staff_id: expect.any(String) })]);
    expect(await auditEntries(h, 'credits.adjust')).toEqual([expect.objectContaining({ staffName: 'Dana', detail: expect.stringContaining(reason) })]);
  });

  it('refuses to take the balance below zero', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const before = h.rowCounts();
    expect(await h.call('admin-window', 'credits.adjust', { credits: -(SANDBOX_GRANT + 1), reason: 'Too much' })).toMatchObject({
      ok: false,
      error: { code: 'FAILED_PRECONDITION' },
    });
    expect(h.rowCounts()).toEqual(before);
  });

  it.each([
    ['zero credits', { credits: 0, reason: 'Nothing at all' }, /other than zero/],
    ['fractional credits', { credits: 2.5, reason: 'Half a credit' }, /Whole credits only/],
    ['more than 1,000,000 credits', { credits: 1_000_001, reason: 'A lot' }, /At most 1,000,000/],
    ['an enormous number', { credits: Number.MAX_SAFE_INTEGER, reason: 'Even more' }, /At most 1,000,000/],
    ['an enormous negative number', { credits: -Number.MAX_SAFE_INTEGER, reason: 'Wipe it all' }, /At most 1,000,000/],
    ['credits as text', { credits: '100', reason: 'Typed in' }, /^credits: /],
    ['a missing reason', { credits: 100 }, /^reason: /],
    ['a blank reason', { credits: 100, reason: '   ' }, /Say why/],
    ['an unknown key', { credits: 100, reason: 'Goodwill', mode: 'live' }, /Unrecognized key: "mode"/],
  ])('refuses %s with INVALID_INPUT and writes nothing', async (_label, input, message) => {
    const h = await openDesk(TUESDAY_NOON);
    const before = h.rowCounts();

    expect(await h.call('admin-window', 'credits.adjust', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect(h.rowCounts()).toEqual(before);
  });
});

describe('consent', () => {
  it('lists numbers by latest change, finds them by any digits, and keeps each change with who made it', async () => {
    const h = await openDesk(TUESDAY_NOON, []);
    unwrap(await h.call('clerk-window', 'consent.optIn', { phone: '(212) 555-0142' }));
    h.clock.time += 60_000;
    unwrap(await h.call('admin-window', 'consent.optIn', { phone: '+1 617 555 0199' }));
    h.clock.time += 60_000;
    unwrap(await h.call('admin-window', 'consent.optOut', { phone: '212.555.0142' }));

    expect(unwrap(await h.call('clerk-window', 'consent.list', {}))).toEqual({
      entries: [
        { phone: '+12125550142', state: 'opted_out', updatedAt: TUESDAY_NOON + 120_000 },
        { phone: '+16175550199', state: 'opted_in', updatedAt: TUESDAY_NOON + 60_000 },
      ],
      total: 2,
    });
    // Typed the way staff write numbers; "%" and "_" are not patterns.
    expect(unwrap(await h.call('clerk-window', 'consent.list', { search: '(617) 555' }))).toMatchObject({ entries: [{ phone: '+16175550199' }], total: 1 });
    expect(unwrap(await h.call('clerk-window', 'consent.list', { search: '%_%' }))).toMatchObject({ total: 2 });
    expect(unwrap(await h.call('clerk-window', 'consent.list', { offset: 1 }))).toMatchObject({ entries: [{ phone: '+16175550199' }], total: 2 });

    expect(unwrap(await h.call('clerk-window', 'consent.history', { phone: '(212) 555-0142' }))).toEqual([
      { state: 'opted_out', source: 'staff', staffName: 'Dana', at: TUESDAY_NOON + 120_000 },
      { state: 'opted_in', source: 'staff', staffName: 'Sam', at: TUESDAY_NOON },
    ]);
    expect(await h.call('clerk-window', 'consent.history', { phone: 'not a phone' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a mass send leaves out numbers that never opted in and says why; so does a reply to a number that never texted in', async () => {
    const h = await openDesk(TUESDAY_NOON, numbers(1));
    const [optedIn, never] = numbers(2);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: [optedIn, never] }));
    expect(sent.batch.recipients).toBe(1);
    expect(sent.skipped).toEqual([{ input: never, reason: expect.stringMatching(/not opted in/i) }]);
    expect(sent.balance.reserved).toBe(SHORT_BODY_CREDITS);

    // Nobody opted in: nothing to send, nothing written.
    const before = h.rowCounts();
    const refused = await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: [never] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(h.rowCounts()).toEqual(before);

    // Only someone who texted in can be answered before any opt-in (tests/unit/messenger).
    expect(await h.call('admin-window', 'messenger.reply', { phone: never, body: SHORT_BODY })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(h.rowCounts()).toEqual(before);
  });

  it('opting in queues the signup message once per opt-in, as written, even outside hours', async () => {
    const h = await openDesk(TUESDAY_NIGHT, []);

    expect(unwrap(await h.call('clerk-window', 'consent.optIn', { phone: '(212) 555-0142' }))).toEqual({ phone: '+12125550142', signupQueued: true });
    const [signup] = signupBatches(h);
    // No header, no footer, and not held for the next opening.
    expect(batchRow(h, signup!.id)).toMatchObject({ kind: 'signup', text: options.signupMessage, honor_hours: 0, not_before: null });
    await writeOutboxRows(h);
    expect(outboxOf(h, signup!.id)).toEqual([{ to: '+12125550142', state: 'queued', credits: 1 }]);

    // Already opted in (the same number typed differently): nothing new is queued.
    expect(unwrap(await h.call('clerk-window', 'consent.optIn', { phone: '212-555-0142' }))).toEqual({ phone: '+12125550142', signupQueued: false });
    expect(signupBatches(h)).toHaveLength(1);

    // A new opt-in after an opt-out is welcomed again.
    unwrap(await h.call('clerk-window', 'consent.optOut', { phone: '+12125550142' }));
    expect(unwrap(await h.call('clerk-window', 'consent.optIn', { phone: '+12125550142' }))).toEqual({ phone: '+12125550142', signupQueued: true });
    expect(signupBatches(h)).toHaveLength(2);

    const history = h.db.prepare('SELECT state, source FROM consent_events WHERE phone = ? ORDER BY id').all('+12125550142');
    expect(history).toEqual([
      { state: 'opted_in', source: 'staff' },
      { state: 'opted_out', source: 'staff' },
      { state: 'opted_in', source: 'staff' },
    ]);
  });

  it('opting out cancels the queued texts to that number and refunds them; later sends skip it', async () => {
    const h = await openDesk(TUESDAY_NOON);
    const [leaving, ...staying] = numbers(3);
    const sent = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: TWO_PART_BODY, recipients: [leaving, ...staying] }));
    await writeOutboxRows(h);

    unwrap(await h.call('clerk-window', 'consent.optOut', { phone: leaving }));

    expect(outboxOf(h, sent.batch.id).map((row) => [row.to, row.state])).toEqual([
      [leaving, 'canceled'],
      [staying[0], 'queued'],
      [staying[1], 'queued'],
    ]);
    expect(ledgerRows(h, 'release')).toEqual([expect.objectContaining({ credits: TWO_PART_CREDITS, note: 'opted out' })]);
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - 2 * TWO_PART_CREDITS, reserved: 2 * TWO_PART_CREDITS });

    const next = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { body: SHORT_BODY, recipients: [leaving, ...staying] }));
    expect(next.batch.recipients).toBe(2);
    expect(next.skipped).toEqual([{ input: leaving, reason: 'Opted out of texts.' }]);
  });

  it('opting out stops texts to that number whose outbox rows were not written yet', async () => {
    const h = await openDesk(TUESDAY_NOON, []);
    unwrap(await h.call('clerk-window', 'consent.optIn', { phone: '(212) 555-0142' }));
    const [signup] = signupBatches(h);

    unwrap(await h.call('clerk-window', 'consent.optOut', { phone: '(212) 555-0142' }));
    await writeOutboxRows(h);

    expect(outboxOf(h, signup!.id)).toEqual([{ to: '+12125550142', state: 'canceled', credits: 1 }]);
    expect(ledgerRows(h, 'release')).toEqual([expect.objectContaining({ credits: 1, note: 'opted out' })]);
    expect(await balance(h)).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });
  });
});
