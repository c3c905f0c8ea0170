import { AppError, type ConsentState, type QueuedSend } from '../../../shared/contract';
import type { ComposeAudience, ExclusionReason, Preflight } from '../../../shared/contract/audiences';
import { PREFLIGHT_NAMES, PREVIEW_RECIPIENTS, composeAudienceSchema } from '../../../shared/contract/audiences';
import type { AudienceMember, AudienceSelection } from '../../../shared/contract/contacts';
import type { SendTiming } from '../../../shared/contract/sending';
import { toE164All } from '../../../shared/phone/e164';
import { makeGsmFriendly } from '../../../shared/sms/gsm-cheaper';
import { scanMergeFields } from '../../../shared/sms/merge-fields';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller } from '../router';
import type { SendService } from '../sending/send-service';
import { resolveAudience, type Exclusion, type Household } from './households';
import { preflight, type Preflight as Measured } from './preflight';

/** How each exclusion reads in a send's list of numbers left out. */
const REASON_SENTENCES: Record<ExclusionReason, string> = {
  opted_out: 'Opted out of texts.',
  never_opted_in: 'Has not opted in to texts yet. Opt the number in first; they get the signup message.',
  invalid: 'Not a valid phone number.',
  duplicate: 'Shares a phone with someone else in this send; that phone gets one text.',
};
/** A send's list of numbers left out stops here; the report's counts cover everyone. */
const SKIPPED_LISTED = 500;

const isEmpty = (s: AudienceSelection) =>
  !s.staff && !s.studentsOf && [s.families, s.classes, s.tags, s.contactIds].every((list) => list === undefined || list.length === 0);

export interface AudienceServiceDeps {
  storage: Storage;
  settings: SettingsStore;
  sends: SendService;
  /** The name `{business_name}` fills in. */
  businessName(): Promise<string>;
}

/**
 * Compose's audiences: people from the contact book and pasted numbers become one text per phone,
 * each with its merge fields filled in and measured as the engine bills it, and a report of who
 * is left out and why. Sending goes through `SendService`, so every rule of a mass send holds.
 */
export class AudienceService {
  constructor(private readonly deps: AudienceServiceDeps) {}

  /** `withNames`: a pasted number someone in the contact book has gets their names (the message uses merge fields). */
  async resolve(audience: ComposeAudience, withNames = false): Promise<{ households: Household[]; excluded: Exclusion[] }> {
    const { selection, pasted } = composeAudienceSchema.parse(audience);
    const members = isEmpty(selection) ? [] : await this.deps.storage.contacts.audienceMembers(selection);
    const country = this.deps.settings.read().country;
    const parsed = toE164All(pasted, country);
    const phones = [...new Set([...members.map((m) => m.phone), ...parsed.flatMap((p) => (p.ok ? [p.e164] : []))])];
    const states = await this.deps.storage.consent.statesOf(phones);
    const consent = new Map<string, ConsentState>(phones.map((phone, i) => [phone, states[i] ?? 'never']));
    const selected = new Set(members.map((m) => m.phone));
    const known = withNames ? await this.peopleOn(phones.filter((phone) => !selected.has(phone))) : undefined;
    return resolveAudience({ members, pasted, parsed, country, consentOf: (phone) => consent.get(phone) ?? 'never', ...(known ? { known } : {}) });
  }

  /** Who in the contact book uses each of these phones (pasted numbers), with their merge values. */
  private async peopleOn(phones: readonly string[]): Promise<Map<string, AudienceMember[]>> {
    const wanted = new Set(phones);
    const ids = new Set<number>();
    for (const phone of phones) for (const { id } of await this.deps.storage.contacts.byPhone(phone)) ids.add(id);
    const known = new Map<string, AudienceMember[]>();
    if (ids.size === 0) return known;
    for (const member of await this.deps.storage.contacts.audienceMembers({ contactIds: [...ids] })) {
      if (!wanted.has(member.phone)) continue;
      known.set(member.phone, [...(known.get(member.phone) ?? []), member]);
    }
    return known;
  }

  private async measure(audience: ComposeAudience, body: string): Promise<{ measured: Measured; excluded: Exclusion[]; plainCredits: number | null }> {
    const { households, excluded } = await this.resolve(audience, scanMergeFields(body).fields.length > 0);
    const options = this.deps.settings.read().messageOptions;
    const business = await this.deps.businessName();
    // What the one-click plain-character fix would save: measured only when it would change the message.
    const plain = makeGsmFriendly(body);
    const plainCredits = plain === body ? null : preflight(households, plain, options, business).credits;
    return { measured: preflight(households, body, options, business), excluded, plainCredits };
  }

  async preflight(input: { audience: ComposeAudience; body: string; previewPhone?: string | undefined }, caller: Caller): Promise<Preflight> {
    const { measured, excluded, plainCredits } = await this.measure(input.audience, input.body);
    // Balance, hours and the override come from the same place as a send of pasted numbers.
    const base = await this.deps.sends.estimateMass({ recipients: [], body: '' }, caller);
    const previews = measured.messages.slice(0, PREVIEW_RECIPIENTS);
    const asked = input.previewPhone === undefined ? undefined : measured.messages.find((m) => m.phone === input.previewPhone);
    if (asked !== undefined) previews.splice(0, previews.length, asked, ...previews.filter((m) => m !== asked).slice(0, PREVIEW_RECIPIENTS - 1));
    return {
      ...base,
      recipients: measured.messages.length,
      skipped: skippedOf(excluded),
      skippedCount: excluded.length,
      segmentsPerRecipient: Math.max(0, ...measured.messages.map((m) => m.segments)),
      credits: measured.credits,
      excluded: groupExclusions(excluded),
      histogram: measured.histogram,
      maxParts: this.deps.settings.read().messageOptions.maxPartsPerMessage,
      tooLong: measured.tooLong,
      ucs2: measured.ucs2,
      emptyFields: measured.emptyFields,
      unknownFields: measured.unknownFields,
      plainCredits,
      previews,
    };
  }

  async send(input: { audience: ComposeAudience; body: string; timing: SendTiming; overrideReason?: string | undefined }, caller: Caller): Promise<QueuedSend> {
    const { measured, excluded } = await this.measure(input.audience, input.body);
    if (measured.unknownFields.length > 0) {
      throw new AppError('INVALID_INPUT', `${measured.unknownFields.join(', ')} ${measured.unknownFields.length === 1 ? 'is not a field' : 'are not fields'} we can fill in. Pick fields from the Insert field menu, or remove the braces.`);
    }
    if (measured.messages.length === 0) throw new AppError('INVALID_INPUT', 'None of the chosen people can be texted. See who was left out and why.');
    const recipients = measured.messages.map((m) => ({ to: m.phone, text: m.text }));
    const timed = { body: input.body, timing: input.timing, ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }) };
    return this.deps.sends.queuePersonal(timed, recipients, skippedOf(excluded), caller);
  }
}

function groupExclusions(excluded: readonly Exclusion[]): Preflight['excluded'] {
  const groups = new Map<ExclusionReason, Preflight['excluded'][number]>();
  for (const e of excluded) {
    const group = groups.get(e.reason) ?? { reason: e.reason, count: 0, people: [] };
    group.count++;
    if (group.people.length < PREFLIGHT_NAMES) group.people.push({ name: e.name, phone: e.phone });
    groups.set(e.reason, group);
  }
  return [...groups.values()];
}

function skippedOf(excluded: readonly Exclusion[]): QueuedSend['skipped'] {
  return excluded.slice(0, SKIPPED_LISTED).map((e) => ({ input: e.name === e.phone ? e.phone : `${e.name} (${e.phone})`, reason: REASON_SENTENCES[e.reason] }));
}
