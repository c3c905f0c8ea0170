import { afterEach, describe, expect, it } from 'vitest';
import { AudienceService } from '../../../src/main/core/audiences/audience-service';
import type { Caller } from '../../../src/main/core/router';
import type { AudienceSelection } from '../../../src/shared/contract/contacts';
import { SANDBOX_GRANT } from '../../../src/main/core/sending';
import { copiesPerRecipient, startEngineRig, type EngineRig } from '../sending/engine-harness';
import { untilTrue as until } from '../../support/wait';

const caller: Caller = { staffId: 'desk', name: 'Desk', permissions: ['sendMassSms'], locked: false };

const ANA = '+15125550101';
/** One phone two families share (a grandparent's): opted out. */
const SHARED = '+15125550102';
const RAJ = '+15125550103';
const KIM = '+15125550104';
/** Pasted, and in no one's contact details. */
const STRANGER = '+15125550199';

let rig: EngineRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

/** Two families share an opted-out phone; both have a student in Level 2 and a guardian tagged Swim team. */
async function school(r: EngineRig) {
  const { storage } = r.engine;
  const contacts = storage.contacts;
  const rivera = await contacts.createFamily('Rivera', 1);
  const chen = await contacts.createFamily('Chen', 1);
  const patel = await contacts.createFamily('Patel', 1);
  const person = (kind: 'guardian' | 'student' | 'staff', firstName: string, lastName: string, familyId: number | null, phones: string[]) =>
    contacts.create({ kind, firstName, lastName, familyId, email: null, birthday: null, phones }, 1);
  await person('guardian', 'Ana', 'Rivera', rivera, [ANA]);
  const ben = await person('guardian', 'Ben', 'Rivera', rivera, [SHARED]);
  const li = await person('guardian', 'Li', 'Chen', chen, [SHARED]);
  await person('guardian', 'Raj', 'Patel', patel, [RAJ]);
  const mia = await person('student', 'Mia', 'Rivera', rivera, []);
  const leo = await person('student', 'Leo', 'Chen', chen, []);
  const sam = await person('student', 'Sam', 'Patel', patel, []);
  await person('staff', 'Kim', 'Lee', null, [KIM]);
  const level2 = await contacts.createClass('Level 2', [{ weekday: 'tue', start: '16:00', end: '16:45' }], 1);
  for (const student of [mia, leo, sam]) await contacts.enroll(level2, student, 1);
  const swimTeam = await contacts.tagId('Swim team', 1);
  for (const guardian of [ben, li]) await contacts.tag(guardian, swimTeam);
  for (const phone of [ANA, SHARED, KIM]) await storage.consent.record(phone, 'opted_in', 'import', null, 1);
  await r.engine.consent.optOut(SHARED, 'keyword', null);
  // Raj never opted in.
  const audiences = new AudienceService({ storage, settings: r.engine.settings, sends: r.engine.sends, businessName: () => Promise.resolve('Sunny Swim') });
  return { audiences, rivera, chen, patel, level2, swimTeam, li };
}

describe('sending to an audience', () => {
  it('never texts an opted-out phone shared by two families, through a family, class, tag or guardians-of-class audience, or pasted', async () => {
    rig = await startEngineRig(undefined, { messageOptions: { header: 'Sunny Swim', footer: 'Reply STOP to opt out.' } });
    const s = await school(rig);
    const selections: AudienceSelection[] = [
      { families: [s.rivera, s.chen, s.patel] },
      { classes: [s.level2] },
      { studentsOf: [s.level2] },
      { studentsOf: 'all' },
      { tags: [s.swimTeam] },
      { contactIds: [s.li] },
    ];
    for (const selection of selections) {
      const pre = await s.audiences.preflight({ audience: { selection, pasted: [SHARED] }, body: 'Hi {first_name}, pool closed today.' }, caller);
      const optedOut = pre.excluded.find((e) => e.reason === 'opted_out');
      expect(optedOut?.people.every((p) => p.phone === SHARED), JSON.stringify(selection)).toBe(true);
      expect(pre.previews.map((p) => p.phone)).not.toContain(SHARED);
      // Compose counts everyone left out from this, not from the listed entries.
      expect(pre.skippedCount).toBe(pre.excluded.reduce((sum, e) => sum + e.count, 0));
      if (pre.recipients > 0) await s.audiences.send({ audience: { selection, pasted: [SHARED] }, body: 'Hi {first_name}, pool closed today.', timing: { kind: 'now' } }, caller);
    }
    // The family selection names both families' guardians on the shared phone.
    const family = await s.audiences.preflight({ audience: { selection: { families: [s.rivera, s.chen] } }, body: 'Hi' }, caller);
    expect(family.excluded.find((e) => e.reason === 'opted_out')?.people.map((p) => p.name).sort()).toEqual(['Ben Rivera', 'Li Chen']);
    rig.engine.dispatcher.start();
    await rig.drained();
    const copies = copiesPerRecipient(rig.sim);
    expect(copies.get(SHARED)).toBeUndefined();
    expect(copies.get(RAJ)).toBeUndefined();
    expect(copies.get(ANA)).toBeGreaterThan(0);
  });

  it('an opt-out arriving after the send was queued cancels that text and refunds it', async () => {
    rig = await startEngineRig();
    const s = await school(rig);
    await rig.engine.storage.consent.record(SHARED, 'opted_in', 'staff', null, 2);
    const queued = await s.audiences.send({ audience: { selection: { tags: [s.swimTeam] } }, body: 'Hi {first_name}', timing: { kind: 'now' } }, caller);
    expect(queued.batch.recipients).toBe(1);
    await rig.engine.consent.optOut(SHARED, 'keyword', null);
    rig.engine.dispatcher.start();
    await rig.drained();
    expect(copiesPerRecipient(rig.sim).get(SHARED)).toBeUndefined();
    expect(await rig.engine.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT, reserved: 0 });
  });

  it('sends each phone its own text once, names filled in, households merged, and holds the sum of their parts', async () => {
    rig = await startEngineRig(undefined, { messageOptions: { header: 'Sunny Swim', footer: 'Reply STOP to opt out.' } });
    const s = await school(rig);
    await rig.engine.storage.consent.record(SHARED, 'opted_in', 'staff', null, 2);
    const long = 'x'.repeat(150);
    const body = `Hi {first_name}! {student_names} ({class_name}) {family_name}. ${long}`;
    await rig.engine.storage.consent.record(STRANGER, 'opted_in', 'staff', null, 2);
    const audience = { selection: { families: [s.rivera, s.chen] }, pasted: ['512-555-0104', '512-555-0199', 'not a number'] };
    const pre = await s.audiences.preflight({ audience, body, previewPhone: SHARED }, caller);
    expect(pre.previews[0]?.text).toBe(`Sunny Swim\nHi Li and Ben! Leo and Mia (Level 2) Chen and Rivera. ${long}\nReply STOP to opt out.`);
    expect(pre.excluded.find((e) => e.reason === 'duplicate')?.people).toEqual([{ name: 'Ben Rivera', phone: SHARED }]);
    expect(pre.excluded.find((e) => e.reason === 'invalid')?.people).toEqual([{ name: 'not a number', phone: 'not a number' }]);
    // A pasted number someone in the book has gets their name; one no one has is named with its empty fields.
    expect(pre.emptyFields.find((f) => f.field === 'first_name')?.people).toEqual([{ name: '(512) 555-0199', phone: STRANGER }]);
    expect(pre.emptyFields.find((f) => f.field === 'student_names')?.people.map((p) => p.name)).toEqual(['Kim Lee', '(512) 555-0199']);
    const queued = await s.audiences.send({ audience, body, timing: { kind: 'now' } }, caller);
    expect(queued.balance.reserved).toBe(pre.credits);
    expect(pre.histogram.reduce((sum, h) => sum + h.count * h.segments, 0)).toBe(pre.credits);
    rig.engine.dispatcher.start();
    await rig.drained();
    const r = rig;
    await until(() => r.sim.messages().filter((m) => m.direction === 'outbound-api').length === 4);
    const bodies = new Map(rig.sim.messages().map((m) => [m.to, m.body]));
    expect(bodies.get(ANA)).toBe(`Sunny Swim\nHi Ana! Mia (Level 2) Rivera. ${long}\nReply STOP to opt out.`);
    // The conversation with the family shows the text they got, name and all.
    expect((await rig.engine.storage.outbox.textsSentTo('sandbox', ANA, 5)).map((t) => t.body)).toEqual([bodies.get(ANA)]);
    expect(bodies.get(SHARED)).toContain('Hi Li and Ben!');
    expect(bodies.get(KIM)).toBe(`Sunny Swim\nHi Kim!  () Lee. ${long}\nReply STOP to opt out.`);
    expect(bodies.get(STRANGER)).toBe(`Sunny Swim\nHi !  () . ${long}\nReply STOP to opt out.`);
    expect([...copiesPerRecipient(rig.sim).values()]).toEqual([1, 1, 1, 1]);
    expect(await rig.engine.ledger.balance('sandbox')).toEqual({ mode: 'sandbox', available: SANDBOX_GRANT - pre.credits, reserved: 0 });
  });

  it('a retry of a send with merge fields sends each failed number its own text again', async () => {
    rig = await startEngineRig();
    const s = await school(rig);
    const { contacts, consent } = rig.engine.storage;
    // (500) 555-0009 is a landline in the Sandbox: every text to it is refused.
    const pat = await contacts.create({ kind: 'guardian', firstName: 'Pat', lastName: 'Rivera', familyId: s.rivera, email: null, birthday: null, phones: ['+15005550009'] }, 1);
    await consent.record('+15005550009', 'opted_in', 'import', null, 1);
    const queued = await s.audiences.send({ audience: { selection: { contactIds: [pat] } }, body: 'Hi {first_name}', timing: { kind: 'now' } }, caller);
    rig.engine.dispatcher.start();
    await rig.drained();
    const retried = await rig.engine.sends.retryFailed(queued.batch.id, undefined, caller);
    expect(retried.batch.recipients).toBe(1);
    await rig.drained();
    const texts = rig.engine.db.prepare('SELECT batch_id AS batchId, COALESCE(o.text, b.text) AS text FROM outbox o JOIN send_batches b ON b.id = o.batch_id ORDER BY o.id').all();
    expect(texts).toEqual([{ batchId: queued.batch.id, text: 'Hi Pat' }, { batchId: retried.batch.id, text: 'Hi Pat' }]);
  });

  it('refuses a message with a field it cannot fill in, and one whose text grows past the limit once names are in', async () => {
    rig = await startEngineRig(undefined, { messageOptions: { maxPartsPerMessage: 1 } });
    const s = await school(rig);
    const audience = { selection: { families: [s.rivera] } };
    await expect(s.audiences.send({ audience, body: 'Hi {frist_name}', timing: { kind: 'now' } }, caller)).rejects.toThrow(/\{frist_name\} is not a field/);
    const body = `${'x'.repeat(158)}{first_name}`;
    const pre = await s.audiences.preflight({ audience, body }, caller);
    expect(pre.tooLong).toEqual({ count: 1, people: [{ name: 'Ana Rivera', phone: ANA, segments: 2 }] });
    await expect(s.audiences.send({ audience, body, timing: { kind: 'now' } }, caller)).rejects.toThrow(/longer than 1 parts/);
    // A curly apostrophe doubles the parts; main says what the plain-character fix would cost instead.
    const curly = await s.audiences.preflight({ audience, body: `It’s ${'x'.repeat(70)} {first_name}` }, caller);
    expect({ credits: curly.credits, plainCredits: curly.plainCredits, inMessage: curly.ucs2.inMessage }).toEqual({ credits: 2, plainCredits: 1, inMessage: ['’'] });
    expect((await s.audiences.preflight({ audience, body: 'Hi {first_name}' }, caller)).plainCredits).toBeNull();
    expect(rig.engine.db.prepare('SELECT COUNT(*) AS n FROM send_batches').get()).toEqual({ n: 0 });
  });
});
