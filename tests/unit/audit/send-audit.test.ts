import { describe, expect, it } from 'vitest';
import type { QueuedSend, Result } from '../../../src/shared/contract';
import { auditSentence } from '../../../src/shared/audit/sentences';
import { createSendAuditDetail } from '../../../src/main/core/audiences/send-audit-detail';
import type { Storage } from '../../../src/main/core/ports/storage';
import { withAdminAndClerk } from '../staff/harness';

/** A send's audit entry: one per send, with the count and the audience in words, never the numbers or the whole text. */

const TUESDAY_NOON = Date.UTC(2023, 10, 14, 17, 0);
const DAY = 24 * 60 * 60 * 1000;
const FAMILIES = ['+12125550101', '+12125550102', '+12125550103'];
/** Long enough that only its start may be kept, with a number in it that must never show in full. */
const BODY = 'Pool closed tomorrow, call 212-555-0199 with questions about make-up classes and refunds.';

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function openDesk() {
  const h = await withAdminAndClerk({ startAt: TUESDAY_NOON });
  const optedIn = h.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', ?)");
  for (const phone of FAMILIES) optedIn.run(phone, TUESDAY_NOON);
  const sentences = async (action: string) =>
    (await h.staff.audit.list({ limit: 100 })).filter((e) => e.action === action).map((e) => ({ sentence: auditSentence(e), detail: e.detail }));
  return { h, sentences };
}

const neverPrivate = (text: string) => {
  for (const phone of [...FAMILIES, '212-555-0199']) expect(text).not.toContain(phone.slice(-7));
  expect(text).not.toContain('make-up classes');
};

describe('sends in the audit log', () => {
  it('a send from pasted numbers writes one entry naming the count, with a short masked start of the message', async () => {
    const { h, sentences } = await openDesk();
    unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { recipients: FAMILIES, body: BODY }));

    const entries = await sentences('sends.create');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sentence).toBe('Sam sent 3 texts to pasted numbers: “Pool closed tomorrow, ca…”');
    neverPrivate(entries[0]!.detail);
    neverPrivate(entries[0]!.sentence);
  });

  it('a scheduled send says for when; cancelling it is written too', async () => {
    const { h, sentences } = await openDesk();
    const at = TUESDAY_NOON + DAY;
    const queued = unwrap<QueuedSend>(await h.call('clerk-window', 'sends.create', { recipients: FAMILIES.slice(0, 2), body: 'Open gym at 6', timing: { kind: 'at', at } }));

    const [scheduled] = await sentences('sends.create');
    expect(JSON.parse(scheduled!.detail)).toMatchObject({ recipients: 2, scheduledFor: at });
    expect(scheduled!.sentence).toMatch(/^Sam scheduled 2 texts to pasted numbers for \w{3}, Nov \d{1,2}, \d{1,2}:\d{2} [AP]M: “Open gym at 6”$/);

    unwrap(await h.call('clerk-window', 'sends.cancel', { batchId: queued.batch.id }));
    expect((await sentences('sends.cancel')).map((e) => e.sentence)).toEqual([`Sam cancelled a send (send #${queued.batch.id})`]);
  });

  it('a send to an audience names its classes, tags and families, never the people’s numbers', async () => {
    const { h, sentences } = await openDesk();
    const contacts = h.storage.contacts;
    const rivera = await contacts.createFamily('Rivera', 1);
    const ana = await contacts.create({ kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: [FAMILIES[0]!] }, 1);
    const mia = await contacts.create({ kind: 'student', firstName: 'Mia', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: [] }, 1);
    const level2 = await contacts.createClass('Level 2', [{ weekday: 'tue', start: '16:00', end: '16:45' }], 1);
    await contacts.enroll(level2, mia, 1);
    const swimTeam = await contacts.tagId('Swim team', 1);
    await contacts.tag(ana, swimTeam);

    unwrap(
      await h.call('clerk-window', 'audiences.send', {
        audience: { selection: { classes: [level2], tags: [swimTeam], families: [rivera] }, pasted: [FAMILIES[1]!] },
        body: 'Hi {first_name}, pool closed today.',
      }),
    );

    const entries = await sentences('audiences.send');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.sentence).toBe('Sam sent 2 texts to Level 2, Swim team, the Rivera family and pasted numbers: “Hi {first_name}, pool cl…”');
    neverPrivate(entries[0]!.detail);
  });

  it('when the names cannot be read, the send is still written, as to an audience', async () => {
    const broken = { contacts: { listClasses: () => Promise.reject(new Error('database busy')) } } as unknown as Storage;
    const detail = await createSendAuditDetail(broken)(
      'audiences.send',
      { audience: { selection: { classes: [1] }, pasted: [] }, timing: { kind: 'now' } },
      { batch: { recipients: 12, notBefore: null, preview: 'Hi' } },
    );
    expect(auditSentence({ action: 'audiences.send', detail: detail!, staffName: 'Bob' })).toBe('Bob sent 12 texts to an audience: “Hi”');
  });
});
