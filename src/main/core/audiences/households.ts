import type { ConsentState } from '../../../shared/contract';
import type { AudienceMember } from '../../../shared/contract/contacts';
import { formatPhone, type PhoneParse } from '../../../shared/phone/e164';
import { joinNames, type MergeValues } from '../../../shared/sms/merge-fields';

export type ExclusionReason = 'opted_out' | 'never_opted_in' | 'invalid' | 'duplicate';

/** Someone (or a pasted number) who gets no text of their own, and why. */
export interface Exclusion {
  reason: ExclusionReason;
  /** The person's name, or the number as it was typed. */
  name: string;
  /** E.164 when it is a number; what was typed when it is not. */
  phone: string;
}

/** One phone and everyone in the selection who uses it: they get one text between them. */
export interface Household {
  phone: string;
  /** Who reads it: "Ana Rivera", "Ana and Ben Rivera", or the number itself when no one is known. */
  name: string;
  /** The merge values of everyone on the phone put together (see `householdValues`). */
  values: MergeValues;
}

/**
 * The rule for a phone several people in the selection use (a family landline): one text, with
 * their first names joined ("Ana and Ben"), their family names, every student of theirs and every
 * class of those students, each once.
 */
export function householdValues(people: readonly AudienceMember[]): MergeValues {
  return {
    first_name: joinNames(people.map((p) => p.firstName)),
    family_name: joinNames(people.map((p) => p.familyName || p.lastName)),
    student_names: joinNames(people.flatMap((p) => p.studentNames)),
    class_name: joinNames(people.flatMap((p) => p.classNames)),
  };
}

const fullName = (p: AudienceMember) => `${p.firstName} ${p.lastName}`.trim();

function householdName(people: readonly AudienceMember[]): string {
  const lastNames = new Set(people.map((p) => p.lastName));
  if (people.length > 1 && lastNames.size === 1) return `${joinNames(people.map((p) => p.firstName))} ${people[0]?.lastName ?? ''}`.trim();
  return joinNames(people.map(fullName));
}

export interface ResolvedAudience {
  households: Household[];
  excluded: Exclusion[];
}

/**
 * A selection's people and the pasted numbers → one text per phone that may be texted, and a
 * report of everyone left out: opted out, never opted in, not a valid number, or a phone already
 * reached through someone else. `consentOf` answers for every E.164 phone asked.
 */
export function resolveAudience(input: {
  members: readonly AudienceMember[];
  /** The numbers as typed, and each one parsed (`toE164All`), in the same order. */
  pasted: readonly string[];
  parsed: readonly PhoneParse[];
  country: string;
  consentOf: (phone: string) => ConsentState;
  /** People in the contact book on pasted numbers: they give a pasted number its names. */
  known?: ReadonlyMap<string, readonly AudienceMember[]>;
}): ResolvedAudience {
  const byPhone = new Map<string, AudienceMember[]>();
  const excluded: Exclusion[] = [];
  for (const member of input.members) {
    const people = byPhone.get(member.phone);
    if (people === undefined) byPhone.set(member.phone, [member]);
    else if (!people.some((p) => p.contactId === member.contactId)) people.push(member);
  }
  const households: Household[] = [];
  const pastedOnly = new Set<string>();
  for (const [phone, people] of byPhone) households.push({ phone, name: householdName(people), values: householdValues(people) });
  for (const [i, parsed] of input.parsed.entries()) {
    const typed = input.pasted[i] ?? '';
    if (!parsed.ok) excluded.push({ reason: 'invalid', name: typed, phone: typed });
    else if (byPhone.has(parsed.e164) || pastedOnly.has(parsed.e164)) excluded.push({ reason: 'duplicate', name: typed, phone: parsed.e164 });
    else {
      pastedOnly.add(parsed.e164);
      const people = input.known?.get(parsed.e164) ?? [];
      households.push(people.length > 0
        ? { phone: parsed.e164, name: householdName(people), values: householdValues(people) }
        : { phone: parsed.e164, name: formatPhone(parsed.e164, input.country), values: {} });
    }
  }
  const texted: Household[] = [];
  for (const household of households) {
    const people = byPhone.get(household.phone) ?? input.known?.get(household.phone) ?? [];
    const names = people.length > 0 ? people.map(fullName) : [household.name];
    const consent = input.consentOf(household.phone);
    if (consent !== 'opted_in') {
      const reason = consent === 'opted_out' ? 'opted_out' : 'never_opted_in';
      excluded.push(...names.map((name) => ({ reason, name, phone: household.phone }) as const));
      continue;
    }
    texted.push(household);
    // Everyone after the first on a shared phone is reached through that one text.
    excluded.push(...names.slice(1).map((name) => ({ reason: 'duplicate', name, phone: household.phone }) as const));
  }
  return { households: texted, excluded };
}
