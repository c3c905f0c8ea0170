import { useState } from 'react';
import type { ContactDetail, StaffSummary } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useArchiveContact, useContact, useRefreshContacts } from '../../api/contact-queries';
import { useOptIn, useOptOut } from '../../api/consent-queries';
import { FormError } from '../../components/form-error';
import { useUi } from '../../stores/ui-store';
import { formatShortWhen } from '../compose/timing';
import { FamilyPolicyNote } from '../policy/family-policy-note';
import { ContactForm } from './contact-form';
import { consentLabels, fullName, kindLabels } from './labels';
import { MergePicker } from './merge-picker';
import { PhoneMessages } from './phone-messages';

interface Props {
  id: number;
  staff: StaffSummary;
  country: string;
  onBack(): void;
  onOpen(id: number): void;
}

const sourceWords = { staff: 'by staff', import: 'from an import', keyword: 'by a text reply', carrier: 'by the carrier' } as const;

/** One person: phones with their consent and its history, family, classes, tags, and the texts to and from their phones. */
export function ContactPage({ id, staff, country, onBack, onOpen }: Props) {
  const contact = useContact(id);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const archive = useArchiveContact();
  const data = contact.data;
  const now = contact.dataUpdatedAt;
  return (
    <section className="stack" aria-labelledby="contact-title">
      <button type="button" className="link back-link" onClick={onBack}>
        ← All contacts
      </button>
      <FormError error={contact.error ?? archive.error} />
      {data ? (
        <>
          <div className="row spread">
            <h2 id="contact-title">
              {fullName(data) || '(no name)'} <span className="muted">· {kindLabels[data.kind]}{data.familyName ? ` · ${data.familyName} family` : ''}</span>
            </h2>
            <div className="row">
              <button type="button" onClick={() => setEditing(true)} disabled={data.archived}>
                Change
              </button>
              <button type="button" onClick={() => setMerging(!merging)} disabled={data.archived}>
                Merge a duplicate…
              </button>
              <button type="button" onClick={() => archive.mutate({ id, archived: !data.archived })} disabled={archive.isPending}>
                {data.archived ? 'Bring back' : 'Archive'}
              </button>
            </div>
          </div>
          {data.archived ? (
            <p className="notice">
              {data.mergedInto ? 'This contact was merged into another one. ' : 'This contact is archived: no texts go to them through a class, tag or family. '}
              {data.mergedInto ? (
                <button type="button" className="link" onClick={() => onOpen(data.mergedInto!)}>
                  Open the contact it was merged into
                </button>
              ) : null}
            </p>
          ) : null}
          {merging ? <MergePicker keep={data} country={country} onDone={() => setMerging(false)} /> : null}
          {editing ? <ContactForm country={country} contact={data} onDone={() => setEditing(false)} /> : <Facts contact={data} onOpen={onOpen} />}
          <h3>Phone numbers</h3>
          {data.phoneDetails.length === 0 ? <p className="muted">No phone number. {data.kind === 'student' ? 'Texts for this student go to their guardians.' : ''}</p> : null}
          {data.phoneDetails.map((p) => (
            <PhoneCard key={p.phone} detail={p} staff={staff} country={country} now={now} onOpen={onOpen} />
          ))}
        </>
      ) : contact.isPending ? (
        <p className="loading">Loading…</p>
      ) : null}
    </section>
  );
}

function Facts({ contact, onOpen }: { contact: ContactDetail; onOpen(id: number): void }) {
  return (
    <dl className="contact-facts">
      <dt>Email</dt>
      <dd>{contact.email ?? '—'}</dd>
      {contact.kind === 'student' ? (
        <>
          <dt>Birthday</dt>
          <dd>{contact.birthday ?? '—'}</dd>
        </>
      ) : null}
      <dt>Classes</dt>
      <dd>{contact.classes.map((k) => k.name).join(', ') || '—'}</dd>
      <dt>Tags</dt>
      <dd>{contact.tags.map((t) => t.name).join(', ') || '—'}</dd>
      {contact.family.length > 0 ? (
        <>
          <dt>Family</dt>
          <dd>
            <ul className="inline-list">
              {contact.family.map((m) => (
                <li key={m.id}>
                  <button type="button" className="link" onClick={() => onOpen(m.id)}>
                    {m.name}
                  </button>{' '}
                  <span className="muted">({kindLabels[m.kind].toLowerCase()})</span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function PhoneCard({ detail, staff, country, now, onOpen }: { detail: ContactDetail['phoneDetails'][number]; staff: StaffSummary; country: string; now: number; onOpen(id: number): void }) {
  const optIn = useOptIn();
  const optOut = useOptOut();
  const [confirming, setConfirming] = useState(false);
  const openThread = useUi((state) => state.openThread);
  const refresh = useRefreshContacts();
  const canOptIn = staff.permissions.includes('sendMassSms');
  const canRead = staff.permissions.includes('messengerCenter');
  const stated = (at: number) => detail.importStatements.find((s) => s.at === at)?.statement;
  return (
    <article className="card stack" aria-label={`Phone ${formatPhone(detail.phone, country)}`}>
      <div className="row spread">
        <strong>{formatPhone(detail.phone, country)}</strong>
        <span className={`consent-state ${detail.consent}`}>{consentLabels[detail.consent]}</span>
      </div>
      {detail.sharedWith.length > 0 ? (
        <p className="muted">
          Shared with{' '}
          {detail.sharedWith.map((other, i) => (
            <span key={other.id}>
              {i > 0 ? ', ' : ''}
              <button type="button" className="link" onClick={() => onOpen(other.id)}>
                {other.name}
              </button>
            </span>
          ))}
          . Consent is kept per number, so it is the same for everyone on it.
        </p>
      ) : null}
      {detail.history.length > 0 ? (
        <ul className="history" aria-label="Consent history">
          {detail.history.map((event, index) => (
            <li key={index}>
              {consentLabels[event.state]} {event.source === 'import' ? `from an import${event.staffName ? ` by ${event.staffName}` : ''}` : event.staffName ? `by ${event.staffName}` : sourceWords[event.source]}
              {event.source === 'import' && stated(event.at) ? ` (${stated(event.at)})` : ''}, {formatShortWhen(event.at, now)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        {detail.consent !== 'opted_in' && canOptIn ? (
          <button type="button" onClick={() => setConfirming(true)}>
            Opt in…
          </button>
        ) : null}
        {detail.consent === 'opted_in' ? (
          <button type="button" onClick={() => optOut.mutate(detail.phone, { onSuccess: refresh })} disabled={optOut.isPending}>
            Opt out
          </button>
        ) : null}
        {canRead ? (
          <button type="button" className="link" onClick={() => openThread(detail.phone)}>
            Open the conversation in Messenger Center
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="notice stack" role="group" aria-label="Opt this number in">
          <FamilyPolicyNote />
          <p>Only opt a number in when the person agreed to get texts from you. They get your signup message right away.</p>
          <div className="row">
            <button type="button" className="primary" disabled={optIn.isPending} onClick={() => optIn.mutate(detail.phone, { onSuccess: () => (setConfirming(false), refresh()) })}>
              They agreed: opt in
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <FormError error={optIn.error ?? optOut.error} />
      {canRead ? <PhoneMessages phone={detail.phone} now={now} /> : null}
    </article>
  );
}
