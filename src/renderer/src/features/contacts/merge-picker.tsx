import { useState } from 'react';
import type { ContactDetail } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useContactPages, useMergeContacts } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { fullName, kindLabels } from './labels';

/** Finds the duplicate of `keep` and merges it in: its phones, classes and tags move here, and it is archived. */
export function MergePicker({ keep, country, onDone }: { keep: ContactDetail; country: string; onDone(): void }) {
  const [search, setSearch] = useState(fullName(keep));
  const [chosen, setChosen] = useState<number | null>(null);
  const found = useContactPages({ search: search.trim(), archived: false });
  const merge = useMergeContacts();
  const others = (found.data?.pages[0]?.rows ?? []).filter((r) => r.id !== keep.id).slice(0, 8);
  return (
    <div className="card stack" role="group" aria-labelledby="merge-title">
      <h3 id="merge-title">Merge a duplicate into {fullName(keep)}</h3>
      <TextField label="Find the duplicate" value={search} onChange={setSearch} type="search" />
      {others.length === 0 ? <p className="muted">No one else matches.</p> : null}
      <fieldset className="stack plain">
        <legend className="visually-hidden">Duplicate</legend>
        {others.map((other) => (
          <label key={other.id} className="check">
            <input type="radio" name="duplicate" checked={chosen === other.id} onChange={() => setChosen(other.id)} />
            {fullName(other)} <span className="muted">({kindLabels[other.kind].toLowerCase()}{other.phones[0] ? `, ${formatPhone(other.phones[0], country)}` : ''})</span>
          </label>
        ))}
      </fieldset>
      <p className="muted">Their phone numbers, classes and tags move to {fullName(keep)}; the duplicate is archived.</p>
      <FormError error={merge.error} />
      <div className="row">
        <button type="button" className="primary" disabled={chosen === null || merge.isPending} onClick={() => chosen !== null && merge.mutate({ keepId: keep.id, dropId: chosen }, { onSuccess: onDone })}>
          Merge
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
