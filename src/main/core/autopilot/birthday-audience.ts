import type { ConsentState } from '../../../shared/contract';
import type { BirthdayRecipients } from '../../../shared/contract/autopilot';
import type { ComposeAudience } from '../../../shared/contract/audiences';
import type { AudienceMember } from '../../../shared/contract/contacts';
import type { AudienceService } from '../audiences/audience-service';
import { resolveAudience, type ResolvedAudience } from '../audiences/households';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { BirthdayStudent } from '../ports/stores/autopilot-store';

export interface BirthdayAudienceDeps {
  storage: Storage;
  settings: SettingsStore;
  audiences: AudienceService;
}

/**
 * Who a birthday workflow texts on one local day ('mm-dd'); null when nobody's birthday counts.
 *
 * 'self': the audience's people (anyone, when it names nobody) whose own birthday it is.
 * 'guardians': the audience picks whose birthdays count — a student counts when they, or a
 * guardian of their family, are in it (anyone's student when it names nobody) — and each such
 * student's guardians get the text, with {student_names} and {class_name} naming only the
 * students whose birthday it is. A phone still gets one text: a guardian of two students born
 * the same day gets one text naming both.
 */
export async function birthdayAudience(deps: BirthdayAudienceDeps, texts: BirthdayRecipients, audience: ComposeAudience, monthDay: string): Promise<ResolvedAudience | null> {
  const chosen = audience.selection ?? {};
  const anyone = Object.keys(chosen).length === 0;
  const inAudience = anyone ? null : new Set((await deps.storage.contacts.audienceMembers(chosen)).map((m) => m.contactId));
  if (texts === 'self') {
    const ids = (await deps.storage.autopilot.birthdaysOn(monthDay)).filter((id) => inAudience === null || inAudience.has(id));
    return ids.length === 0 ? null : deps.audiences.resolve({ selection: { contactIds: ids } });
  }
  const students = (await deps.storage.autopilot.birthdayStudents(monthDay)).filter(
    (s) => inAudience === null || inAudience.has(s.id) || s.guardianIds.some((id) => inAudience.has(id)),
  );
  const guardianIds = [...new Set(students.flatMap((s) => s.guardianIds))];
  if (guardianIds.length === 0) return null;
  const guardians = (await deps.storage.contacts.audienceMembers({ contactIds: guardianIds })).map((g) => forBirthday(g, students));
  const phones = [...new Set(guardians.map((g) => g.phone))];
  const states = await deps.storage.consent.statesOf(phones);
  const consent = new Map<string, ConsentState>(phones.map((phone, i) => [phone, states[i] ?? 'never']));
  return resolveAudience({ members: guardians, pasted: [], parsed: [], country: deps.settings.read().country, consentOf: (phone) => consent.get(phone) ?? 'never' });
}

/** A guardian's merge values name only their students whose birthday it is, not every sibling. */
function forBirthday(guardian: AudienceMember, students: readonly BirthdayStudent[]): AudienceMember {
  const theirs = students.filter((s) => s.guardianIds.includes(guardian.contactId));
  return { ...guardian, studentNames: theirs.map((s) => s.firstName), classNames: [...new Set(theirs.flatMap((s) => s.classNames))].sort() };
}

