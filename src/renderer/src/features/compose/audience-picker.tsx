import { useMemo, useState } from 'react';
import type { AudienceSelection } from '../../../../shared/contract/contacts';
import { errorMessage } from '../../api/errors';
import { useAudienceChoices, useSaveAudience } from '../../api/audience-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { isEmptySelection, setFlag, toggleIn } from './audience-selection';

/** Families shown at once in the family list; the search finds the rest. */
const FAMILIES_SHOWN = 40;

interface Props {
  selection: AudienceSelection;
  onChange(selection: AudienceSelection): void;
}

/** Who gets the text from the contact book: classes, tags, families, staff, or a saved audience. */
export function AudiencePicker({ selection, onChange }: Props) {
  const choices = useAudienceChoices();
  const [familySearch, setFamilySearch] = useState('');
  const families = useMemo(() => {
    const words = familySearch.trim().toLowerCase();
    const all = choices.data?.families ?? [];
    return (words === '' ? all : all.filter((f) => f.name.toLowerCase().includes(words))).slice(0, FAMILIES_SHOWN);
  }, [choices.data, familySearch]);
  if (choices.isPending) return <p className="muted">Loading classes and families…</p>;
  if (choices.isError) return <p className="muted">Classes and families could not be loaded: {errorMessage(choices.error)}</p>;
  const { classes, tags, saved } = choices.data;
  const has = (part: 'families' | 'classes' | 'tags', id: number) => selection[part]?.includes(id) ?? false;
  return (
    <fieldset className="stack audience-picker">
      <legend>Choose from Contacts</legend>
      <p className="hint">
        Everyone chosen gets the text on each phone they have. People who share a phone get one text between them, with their first names
        together (“Ana and Ben”).
      </p>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={selection.studentsOf === 'all'} onChange={(e) => onChange(setFlag(selection, 'studentsOf', e.target.checked))} /> Every
          family (guardians of all students)
        </label>
        <label className="check">
          <input type="checkbox" checked={selection.staff === true} onChange={(e) => onChange(setFlag(selection, 'staff', e.target.checked))} /> All staff
        </label>
      </div>
      {classes.length > 0 ? (
        <fieldset className="choice-list">
          <legend>Classes (students and their guardians)</legend>
          {classes.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={has('classes', c.id)} onChange={(e) => onChange(toggleIn(selection, 'classes', c.id, e.target.checked))} /> {c.name}{' '}
              <span className="muted">({formatCount(c.studentCount)} students)</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">No classes yet. Add them under Contacts.</p>
      )}
      {tags.length > 0 ? (
        <fieldset className="choice-list">
          <legend>Tags</legend>
          {tags.map((t) => (
            <label key={t.id} className="check">
              <input type="checkbox" checked={has('tags', t.id)} onChange={(e) => onChange(toggleIn(selection, 'tags', t.id, e.target.checked))} /> {t.name}{' '}
              <span className="muted">({formatCount(t.contactCount)})</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {(choices.data.families.length ?? 0) > 0 ? (
        <fieldset className="choice-list">
          <legend>Families</legend>
          <TextField label="Find a family" value={familySearch} onChange={setFamilySearch} />
          {families.map((f) => (
            <label key={f.id} className="check">
              <input type="checkbox" checked={has('families', f.id)} onChange={(e) => onChange(toggleIn(selection, 'families', f.id, e.target.checked))} /> {f.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <SavedAudiences saved={saved} selection={selection} onChange={onChange} />
    </fieldset>
  );
}

function SavedAudiences({ saved, selection, onChange }: { saved: Array<{ id: number; name: string; selection: AudienceSelection }> } & Props) {
  const save = useSaveAudience();
  const [name, setName] = useState('');
  return (
    <div className="stack">
      {saved.length > 0 ? (
        <div className="row" role="group" aria-label="Saved audiences">
          <span>Saved:</span>
          {saved.map((a) => (
            <button key={a.id} type="button" onClick={() => onChange(a.selection)}>
              {a.name}
            </button>
          ))}
        </div>
      ) : null}
      {!isEmptySelection(selection) ? (
        <div className="row">
          <TextField label="Save this choice as" hint="For example “Level 2 Tuesday families”." value={name} maxLength={80} onChange={setName} />
          <button type="button" disabled={save.isPending || name.trim() === ''} onClick={() => save.mutate({ name: name.trim(), selection }, { onSuccess: () => setName('') })}>
            Save audience
          </button>
        </div>
      ) : null}
      {save.error ? <FormError error={save.error} /> : null}
    </div>
  );
}
