import { AppError, type ContactDetail, type ContactForm } from '../../../shared/contract';
import { contactFormSchema } from '../../../shared/contract/contacts';
import { toCsv } from '../../../shared/csv/write-csv';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { ContactInput } from '../ports/stores/contact-store';
import { normalizePhone } from './phone';

const EXPORT_PAGE = 1000;

/** Create, edit, archive and merge people; the contact page; exports. Phones are E.164 in the business's country. */
export class ContactService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly country: () => string,
  ) {}

  async detail(id: number): Promise<ContactDetail> {
    const contact = await this.storage.contacts.get(id);
    if (contact === null) throw new AppError('NOT_FOUND', 'This contact is not in the contact book.');
    const phoneDetails = await Promise.all(contact.phones.map(async (phone) => ({
      phone,
      consent: await this.storage.consent.stateOf(phone),
      history: await this.storage.consent.history(phone),
      importStatements: await this.storage.contacts.importStatements(phone),
      sharedWith: (await this.storage.contacts.byPhone(phone)).filter((other) => other.id !== id),
    })));
    const family = contact.familyId === null ? [] : (await this.storage.contacts.familyMembers(contact.familyId)).filter((m) => m.id !== id);
    return { ...contact, phoneDetails, family };
  }

  async save(id: number | null, form: ContactForm): Promise<{ id: number }> {
    const input = contactFormSchema.parse(form);
    const phones: string[] = [];
    for (const raw of input.phones.filter((p) => p.trim() !== '')) {
      const parsed = normalizePhone(raw, this.country());
      if (!parsed.ok) throw new AppError('INVALID_INPUT', `${raw.trim()} is not a phone number we can text. Check the digits.`, { field: 'phones' });
      if (!phones.includes(parsed.e164)) phones.push(parsed.e164);
    }
    const at = this.clock.now();
    return this.storage.transaction(async (tx) => {
      let familyId: number | null = null;
      if (input.kind !== 'staff') {
        familyId = input.familyId ?? (input.familyName !== '' || input.lastName !== '' ? await tx.contacts.createFamily(input.familyName || input.lastName, at) : null);
      }
      const contact: ContactInput = { kind: input.kind, firstName: input.firstName, lastName: input.lastName, familyId, email: input.email || null, birthday: input.birthday || null, phones };
      let saved = id;
      if (saved === null) {
        saved = await tx.contacts.create(contact, at);
      } else {
        const existing = await tx.contacts.get(saved);
        if (existing === null) throw new AppError('NOT_FOUND', 'This contact is not in the contact book.');
        await tx.contacts.update(saved, contact, at);
        for (const k of existing.classes) if (!input.classIds.includes(k.id)) await tx.contacts.unenroll(k.id, saved);
        for (const t of existing.tags) await tx.contacts.untag(saved, t.id);
      }
      if (input.kind === 'student') for (const classId of input.classIds) await tx.contacts.enroll(classId, saved, at);
      for (const tag of input.tags) await tx.contacts.tag(saved, await tx.contacts.tagId(tag, at));
      return { id: saved };
    });
  }

  async archive(id: number, archived: boolean): Promise<{ id: number }> {
    if ((await this.storage.contacts.get(id)) === null) throw new AppError('NOT_FOUND', 'This contact is not in the contact book.');
    await this.storage.contacts.setArchived(id, archived, this.clock.now());
    return { id };
  }

  async merge(keepId: number, dropId: number): Promise<{ id: number }> {
    if (keepId === dropId) throw new AppError('INVALID_INPUT', 'Choose two different contacts to merge.');
    if (!(await this.storage.contacts.merge(keepId, dropId, this.clock.now()))) throw new AppError('NOT_FOUND', 'One of these contacts is no longer in the contact book.');
    return { id: keepId };
  }

  /** Every current contact, one row each, formula cells escaped. */
  async exportContacts(): Promise<string> {
    const rows: Array<Array<string | null>> = [['Type', 'First name', 'Last name', 'Family', 'Phone 1', 'Phone 2', 'Email', 'Birthday', 'Classes', 'Tags']];
    for (let after = 0; ;) {
      const page = await this.storage.contacts.exportPage(after, EXPORT_PAGE);
      for (const c of page) {
        rows.push([c.kind, c.firstName, c.lastName, c.familyName, c.phones[0] ?? '', c.phones.slice(1).join('; '), c.email, c.birthday,
          c.classes.map((k) => k.name).join('; '), c.tags.map((t) => t.name).join('; ')]);
      }
      if (page.length < EXPORT_PAGE) break;
      after = page.at(-1)!.id;
    }
    return toCsv(rows);
  }

  /** Every consent change of every number: the evidence a carrier or regulator asks for. */
  async exportConsent(): Promise<string> {
    const rows: Array<Array<string | null>> = [['Phone', 'Consent', 'When (UTC)', 'How', 'Staff member', 'Source stated at import']];
    for (let offset = 0; ;) {
      const { entries, total } = await this.storage.consent.list('', offset);
      for (const entry of entries) {
        const statements = await this.storage.contacts.importStatements(entry.phone);
        for (const event of await this.storage.consent.history(entry.phone)) {
          const stated = event.source === 'import' ? (statements.find((s) => s.at === event.at)?.statement ?? '') : '';
          rows.push([entry.phone, event.state === 'opted_in' ? 'opted in' : 'opted out', new Date(event.at).toISOString(), event.source, event.staffName, stated]);
        }
      }
      offset += entries.length;
      if (entries.length === 0 || offset >= total) break;
    }
    return toCsv(rows);
  }
}
