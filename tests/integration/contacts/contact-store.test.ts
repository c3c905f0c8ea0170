import { describe, expect, it } from 'vitest';
import { CONTACT_PAGE, type ContactQuery } from '../../../src/shared/contract/contacts';
import { freshBook } from './fresh-book';

const all: ContactQuery = { search: '', archived: false };

describe('the contact store', () => {
  it('pages 20,000 contacts by name with a cursor, each once, in order', async () => {
    const { storage } = freshBook();
    const family = await storage.contacts.createFamily('Big', 1);
    await storage.transaction(async (tx) => {
      for (let i = 0; i < 20_000; i++) {
        await tx.contacts.create({ kind: 'guardian', firstName: `F${i}`, lastName: `L${String(i % 997).padStart(3, '0')}`, familyId: family, email: null, birthday: null, phones: [`+1212555${String(i % 10_000).padStart(4, '0')}`] }, 1);
      }
    });
    const seen: number[] = [];
    let cursor = null;
    let pages = 0;
    for (;;) {
      const started = performance.now();
      const page = await storage.contacts.page(all, cursor, CONTACT_PAGE);
      // Keyset paging: a late page costs what the first one does.
      expect(performance.now() - started).toBeLessThan(250);
      expect(page.total).toBe(20_000);
      seen.push(...page.rows.map((r) => r.id));
      pages++;
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(pages).toBe(100);
    expect(new Set(seen).size).toBe(20_000);
    const sorted = (await storage.contacts.page(all, null, 5)).rows.map((r) => r.lastName);
    expect(sorted).toEqual([...sorted].sort());
  });

  it('filters by kind, class, tag, consent and search, and archive hides a contact', async () => {
    const { storage } = freshBook();
    const rivera = await storage.contacts.createFamily('Rivera', 1);
    const ana = await storage.contacts.create({ kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyId: rivera, email: 'ana@example.com', birthday: null, phones: ['+12125550142'] }, 1);
    const cy = await storage.contacts.create({ kind: 'student', firstName: 'Cy', lastName: 'Rivera', familyId: rivera, email: null, birthday: '2016-05-03', phones: [] }, 1);
    const bo = await storage.contacts.create({ kind: 'staff', firstName: 'Bo', lastName: 'Li', familyId: null, email: null, birthday: null, phones: ['+12125550199'] }, 1);
    const level2 = await storage.contacts.createClass('Level 2', [{ weekday: 'tue', start: '16:30', end: '17:15' }], 1);
    await storage.contacts.enroll(level2, cy, 1);
    const team = await storage.contacts.tagId('Team', 1);
    await storage.contacts.tag(bo, team);
    await storage.consent.record('+12125550199', 'opted_out', 'keyword', null, 1);

    const ids = async (q: Partial<ContactQuery>) => (await storage.contacts.page({ ...all, ...q }, null, 50)).rows.map((r) => r.id);
    expect(await ids({ kind: 'staff' })).toEqual([bo]);
    // A class reaches its students and their guardians.
    expect((await ids({ classId: level2 })).sort()).toEqual([ana, cy].sort());
    expect(await ids({ tagId: team })).toEqual([bo]);
    expect(await ids({ consent: 'opted_out' })).toEqual([bo]);
    expect(await ids({ consent: 'never' })).toEqual([ana]);
    expect(await ids({ search: 'rivera ana' })).toEqual([ana]);
    expect(await ids({ search: '(212) 555-0199' })).toEqual([bo]);
    expect(await ids({ search: '%' })).toEqual([]);
    await storage.contacts.setArchived(ana, true, 2);
    expect(await ids({ search: 'ana' })).toEqual([]);
    expect(await ids({ archived: true })).toEqual([ana]);
    expect(await storage.contacts.listClasses()).toEqual([{ id: level2, name: 'Level 2', schedule: [{ weekday: 'tue', start: '16:30', end: '17:15' }], studentCount: 1 }]);
  });

  it('merges a duplicate: phones, classes and tags move to the kept contact, the other is archived', async () => {
    const { storage } = freshBook();
    const keep = await storage.contacts.create({ kind: 'student', firstName: 'Cy', lastName: 'Rivera', familyId: null, email: null, birthday: null, phones: ['+12125550142'] }, 1);
    const drop = await storage.contacts.create({ kind: 'student', firstName: 'Cy', lastName: 'Rivera', familyId: null, email: 'cy@example.com', birthday: '2016-05-03', phones: ['+12125550142', '+12125550143'] }, 1);
    const k = await storage.contacts.createClass('Level 2', [], 1);
    await storage.contacts.enroll(k, drop, 1);
    await storage.contacts.tag(drop, await storage.contacts.tagId('Team', 1));
    expect(await storage.contacts.merge(keep, drop, 5)).toBe(true);
    const kept = await storage.contacts.get(keep);
    expect(kept?.phones).toEqual(['+12125550142', '+12125550143']);
    expect(kept?.classes.map((c) => c.name)).toEqual(['Level 2']);
    expect(kept?.tags.map((t) => t.name)).toEqual(['Team']);
    expect(kept?.email).toBe('cy@example.com');
    const dropped = await storage.contacts.get(drop);
    expect(dropped).toMatchObject({ archived: true, mergedInto: keep, phones: [] });
    expect(await storage.contacts.merge(keep, keep, 6)).toBe(false);
  });

  it('lists audience members: one row per person and phone, with student and class names', async () => {
    const { storage } = freshBook();
    const rivera = await storage.contacts.createFamily('Rivera', 1);
    await storage.contacts.create({ kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: ['+12125550142', '+12125550143'] }, 1);
    const cy = await storage.contacts.create({ kind: 'student', firstName: 'Cy', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: [] }, 1);
    const di = await storage.contacts.create({ kind: 'student', firstName: 'Di', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: [] }, 1);
    const l2 = await storage.contacts.createClass('Level 2', [], 1);
    const l3 = await storage.contacts.createClass('Level 3', [], 1);
    await storage.contacts.enroll(l2, cy, 1);
    await storage.contacts.enroll(l3, di, 1);
    const byClass = await storage.contacts.audienceMembers({ studentsOf: [l2] });
    expect(byClass).toEqual([
      { contactId: 1, kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyName: 'Rivera', studentNames: ['Cy'], classNames: ['Level 2'], phone: '+12125550142' },
      { contactId: 1, kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyName: 'Rivera', studentNames: ['Cy'], classNames: ['Level 2'], phone: '+12125550143' },
    ]);
    const everyone = await storage.contacts.audienceMembers({ families: [rivera] });
    expect(everyone[0]).toMatchObject({ studentNames: ['Cy', 'Di'], classNames: ['Level 2', 'Level 3'] });
    expect(await storage.contacts.audienceMembers({})).toEqual([]);
  });

  it('a phone two families share is one consent record: an opt-out reaches both, and the number is listed once per person', async () => {
    const { storage, db } = freshBook();
    const shared = '+12125550142';
    const rivera = await storage.contacts.createFamily('Rivera', 1);
    const moss = await storage.contacts.createFamily('Moss', 1);
    await storage.contacts.create({ kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyId: rivera, email: null, birthday: null, phones: [shared] }, 1);
    await storage.contacts.create({ kind: 'guardian', firstName: 'Gil', lastName: 'Moss', familyId: moss, email: null, birthday: null, phones: [shared, '+12125550199'] }, 1);
    await storage.consent.record(shared, 'opted_out', 'keyword', null, 2);

    const members = await storage.contacts.audienceMembers({ families: [rivera, moss] });
    expect(members.filter((m) => m.phone === shared).map((m) => m.familyName).sort()).toEqual(['Moss', 'Rivera']);
    // What Compose checks before sending: one state for the number, whoever it is reached through.
    expect(await storage.consent.statesOf(members.map((m) => m.phone))).toEqual(members.map((m) => (m.phone === shared ? 'opted_out' : 'never')));
    expect(db.prepare('SELECT COUNT(*) AS n FROM consent WHERE phone = ?').get(shared)).toEqual({ n: 1 });
    const both = await storage.contacts.page({ search: '', archived: false, consent: 'opted_out' }, null, 10);
    expect(both.rows.map((r) => r.firstName).sort()).toEqual(['Ana', 'Gil']);
  });
});
