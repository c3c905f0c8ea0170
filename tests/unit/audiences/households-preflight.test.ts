import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAudience } from '../../../src/main/core/audiences/households';
import { preflight } from '../../../src/main/core/audiences/preflight';
import type { ConsentState } from '../../../src/shared/contract';
import type { AudienceMember } from '../../../src/shared/contract/contacts';
import { toE164All } from '../../../src/shared/phone/e164';

const member = (contactId: number, firstName: string, lastName: string, phone: string, more: Partial<AudienceMember> = {}): AudienceMember => ({
  contactId, kind: 'guardian', firstName, lastName, familyName: lastName, studentNames: [], classNames: [], phone, ...more,
});

const resolve = (members: AudienceMember[], pasted: string[], consent: Record<string, ConsentState>) =>
  resolveAudience({ members, pasted, parsed: toE164All(pasted, 'US'), country: 'US', consentOf: (phone) => consent[phone] ?? 'never' });

const options = { header: 'Sunny Swim', footer: 'Reply STOP to opt out.', maxPartsPerMessage: 2 };

describe('households', () => {
  it('gives a shared phone one text with everyone on it named, and reports who is reached through it', () => {
    const { households, excluded } = resolve(
      [
        member(1, 'Ana', 'Rivera', '+15125550101', { studentNames: ['Mia'], classNames: ['Level 2'] }),
        member(2, 'Ben', 'Rivera', '+15125550101', { studentNames: ['Mia', 'Leo'], classNames: ['Level 3'] }),
        member(1, 'Ana', 'Rivera', '+15125550101'),
      ],
      [],
      { '+15125550101': 'opted_in' },
    );
    expect(households).toEqual([
      { phone: '+15125550101', name: 'Ana and Ben Rivera', values: { first_name: 'Ana and Ben', family_name: 'Rivera', student_names: 'Mia and Leo', class_name: 'Level 2 and Level 3' } },
    ]);
    expect(excluded).toEqual([{ reason: 'duplicate', name: 'Ben Rivera', phone: '+15125550101' }]);
  });

  it('leaves out, by name, the opted out, the never opted in, invalid pasted numbers and pasted repeats', () => {
    const { households, excluded } = resolve(
      [member(1, 'Ana', 'Rivera', '+15125550101'), member(2, 'Li', 'Chen', '+15125550102'), member(3, 'Raj', 'Patel', '+15125550103')],
      ['(512) 555-0101', '12', '512 555 0104', '+1 512 555 0104'],
      { '+15125550101': 'opted_in', '+15125550102': 'opted_out', '+15125550104': 'opted_in' },
    );
    expect(households.map((h) => [h.phone, h.name])).toEqual([['+15125550101', 'Ana Rivera'], ['+15125550104', '(512) 555-0104']]);
    expect(excluded).toEqual([
      { reason: 'duplicate', name: '(512) 555-0101', phone: '+15125550101' },
      { reason: 'invalid', name: '12', phone: '12' },
      { reason: 'duplicate', name: '+1 512 555 0104', phone: '+15125550104' },
      { reason: 'opted_out', name: 'Li Chen', phone: '+15125550102' },
      { reason: 'never_opted_in', name: 'Raj Patel', phone: '+15125550103' },
    ]);
  });
});

describe('pasted numbers', () => {
  it('take the names of the people in the contact book who have them', () => {
    const kim = member(9, 'Kim', 'Lee', '+15125550104', { kind: 'staff', familyName: '' });
    const { households, excluded } = resolveAudience({
      members: [], pasted: ['512 555 0104'], parsed: toE164All(['512 555 0104'], 'US'), country: 'US',
      consentOf: () => 'opted_in', known: new Map([['+15125550104', [kim]]]),
    });
    expect(households).toEqual([{ phone: '+15125550104', name: 'Kim Lee', values: { first_name: 'Kim', family_name: 'Lee', student_names: '', class_name: '' } }]);
    expect(excluded).toEqual([]);
  });
});

describe('preflight', () => {
  const households = [
    { phone: '+15125550101', name: 'Ana Rivera', values: { first_name: 'Ana', student_names: 'Mia' } },
    { phone: '+15125550102', name: 'Zoë Chen', values: { first_name: 'Zoë', student_names: '' } },
    { phone: '+15125550103', name: '(512) 555-0103', values: {} },
  ];

  it('measures each text with header and footer, counts parts, and names the empty fields', () => {
    const result = preflight(households, 'Hi {first_name}, {student_names} swims today at {business_name}.', options, 'Sunny Swim');
    expect(result.messages[0]?.text).toBe('Sunny Swim\nHi Ana, Mia swims today at Sunny Swim.\nReply STOP to opt out.');
    expect(result.histogram).toEqual([{ segments: 1, count: 3 }]);
    expect(result.credits).toBe(3);
    expect(result.emptyFields).toEqual([
      { field: 'student_names', count: 2, people: [{ name: 'Zoë Chen', phone: '+15125550102' }, { name: '(512) 555-0103', phone: '+15125550103' }] },
      { field: 'first_name', count: 1, people: [{ name: '(512) 555-0103', phone: '+15125550103' }] },
    ]);
  });

  it('tells characters from the message (one click fixes them) from characters in names, and names texts over the limit', () => {
    const body = `It’s {first_name}’s day! ${'x'.repeat(120)}`;
    const result = preflight(households, body, { ...options, maxPartsPerMessage: 2 }, 'Sunny Swim');
    expect(result.ucs2).toEqual({ inMessage: ['’'], inNames: ['ë'], recipients: 3 });
    expect(result.tooLong.count).toBe(3);
    const plain = preflight(households, `Hi {first_name}`, options, '');
    expect(plain.ucs2).toEqual({ inMessage: [], inNames: ['ë'], recipients: 1 });
    expect(plain.histogram).toEqual([{ segments: 1, count: 3 }]);
    expect(preflight(households, 'Hi {frist_name}', options, '').unknownFields).toEqual(['{frist_name}']);
  });
});

describe('households, for any selection', () => {
  const phone = fc.integer({ min: 100, max: 130 }).map((n) => `+15125550${n}`);
  const person = fc.record({ contactId: fc.integer({ min: 1, max: 40 }), firstName: fc.constantFrom('Ana', 'Ben', 'Li', ''), phone });
  const consent = fc.dictionary(phone, fc.constantFrom<ConsentState>('opted_in', 'opted_out', 'never'));

  it('texts each phone at most once, only opted-in phones, and accounts for every person and pasted entry', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), fc.array(fc.oneof(phone, fc.constantFrom('12', 'abc', '')), { maxLength: 10 }), consent, (people, pasted, states) => {
        const members = people.map((p) => member(p.contactId, p.firstName, 'Rivera', p.phone));
        const { households, excluded } = resolve(members, pasted, states);
        const phones = households.map((h) => h.phone);
        expect(new Set(phones).size).toBe(phones.length);
        for (const p of phones) expect(states[p]).toBe('opted_in');
        for (const e of excluded.filter((x) => x.reason === 'opted_out')) expect(states[e.phone]).toBe('opted_out');
        // Each distinct person on a phone, and each pasted entry, is either the one texted or a line in the report.
        expect(households.length + excluded.length).toBe(distinctPeople(members) + pasted.length);
      }),
    );
  });
});

/** Every distinct person on a phone is one entry: the household's text or a line in the report. */
function distinctPeople(members: AudienceMember[]): number {
  const byPhone = new Map<string, Set<number>>();
  for (const m of members) byPhone.set(m.phone, (byPhone.get(m.phone) ?? new Set()).add(m.contactId));
  return [...byPhone.values()].reduce((sum, ids) => sum + ids.size, 0);
}
