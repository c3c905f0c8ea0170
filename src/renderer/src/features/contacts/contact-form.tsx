import { useState, type FormEvent } from 'react';
import { contactKinds, MAX_PHONES_PER_CONTACT, type ContactDetail, type ContactKind } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useClasses, useFamilies, useSaveContact } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { kindLabels } from './labels';
import { SelectField } from './select-field';

interface Props {
  country: string;
  /** The contact being edited, or null for a new one. */
  contact: ContactDetail | null;
  onDone(id: number | null): void;
}

const NEW_FAMILY = 'new';

/** Add or change one person: name, who they are, family, phones, email, birthday, classes and tags. */
export function ContactForm({ country, contact, onDone }: Props) {
  const [kind, setKind] = useState<ContactKind>(contact?.kind ?? 'guardian');
  const [firstName, setFirstName] = useState(contact?.firstName ?? '');
  const [lastName, setLastName] = useState(contact?.lastName ?? '');
  const [family, setFamily] = useState(contact?.familyId ? String(contact.familyId) : NEW_FAMILY);
  const [familyName, setFamilyName] = useState('');
  const [phones, setPhones] = useState<string[]>(contact ? contact.phones.map((p) => formatPhone(p, country)) : ['']);
  const [email, setEmail] = useState(contact?.email ?? '');
  const [birthday, setBirthday] = useState(contact?.birthday ?? '');
  const [classIds, setClassIds] = useState<number[]>(contact?.classes.map((k) => k.id) ?? []);
  const [tags, setTags] = useState(contact?.tags.map((t) => t.name).join(', ') ?? '');
  const families = useFamilies().data ?? [];
  const classes = useClasses().data ?? [];
  const save = useSaveContact();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: contact?.id ?? null,
        contact: {
          kind,
          firstName,
          lastName,
          familyId: kind === 'staff' || family === NEW_FAMILY ? null : Number(family),
          familyName: kind === 'staff' ? '' : familyName,
          email,
          birthday,
          phones: phones.filter((p) => p.trim() !== ''),
          classIds: kind === 'student' ? classIds : [],
          tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
        },
      },
      { onSuccess: ({ id }) => onDone(id) },
    );
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="contact-form-title">
      <h2 id="contact-form-title">{contact ? `Change ${contact.firstName || contact.lastName}` : 'Add a contact'}</h2>
      <div className="form-grid">
        <SelectField label="Who is this?" value={kind} onChange={(v) => setKind(v as ContactKind)} options={contactKinds.map((k) => [k, kindLabels[k]] as const)} />
        <TextField label="First name" value={firstName} onChange={setFirstName} autoComplete="off" />
        <TextField label="Last name" value={lastName} onChange={setLastName} autoComplete="off" />
        {kind === 'staff' ? null : (
          <SelectField
            label="Family"
            hint="Guardians and students in one family share texts to the family."
            value={family}
            onChange={setFamily}
            options={[[NEW_FAMILY, 'A new family'], ...families.map((f) => [String(f.id), `${f.name} (${f.memberCount})`] as const)]}
          />
        )}
        {kind !== 'staff' && family === NEW_FAMILY ? (
          <TextField label="Family name" hint="Leave empty to use the last name." value={familyName} onChange={setFamilyName} />
        ) : null}
        <TextField label="Email" type="email" value={email} onChange={setEmail} />
        {kind === 'student' ? <TextField label="Birthday" type="date" value={birthday} onChange={setBirthday} /> : null}
      </div>
      <fieldset className="stack plain narrow">
        <legend>Phone numbers</legend>
        {phones.map((phone, index) => (
          <TextField
            key={index}
            label={`Phone ${index + 1}`}
            inputMode="tel"
            value={phone}
            onChange={(value) => setPhones(phones.map((p, i) => (i === index ? value : p)))}
          />
        ))}
        {phones.length < MAX_PHONES_PER_CONTACT ? (
          <button type="button" className="link" onClick={() => setPhones([...phones, ''])}>
            Add another number
          </button>
        ) : null}
      </fieldset>
      {kind === 'student' && classes.length > 0 ? (
        <fieldset className="kinds">
          <legend>Classes</legend>
          {classes.map((k) => (
            <label key={k.id} className="check">
              <input type="checkbox" checked={classIds.includes(k.id)} onChange={(event) => setClassIds(event.target.checked ? [...classIds, k.id] : classIds.filter((c) => c !== k.id))} />
              {k.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="narrow">
        <TextField label="Tags" hint="Words to group people by, separated by commas (Team, Carpool)." value={tags} onChange={setTags} />
      </div>
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {contact ? 'Save changes' : 'Add contact'}
        </button>
        <button type="button" onClick={() => onDone(contact?.id ?? null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
