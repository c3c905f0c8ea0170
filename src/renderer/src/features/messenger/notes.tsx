import { useState, type FormEvent } from 'react';
import { MAX_NOTE_CHARS, type ThreadView } from '../../../../shared/contract';
import { useAddNote } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { formatShortWhen } from '../compose/timing';

/** Notes between staff about a conversation; the family never sees them. */
export function Notes({ view, now }: { view: ThreadView; now: number }) {
  const [body, setBody] = useState('');
  const addNote = useAddNote();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    addNote.mutate({ phone: view.phone, body }, { onSuccess: () => setBody('') });
  };
  return (
    <section className="stack" aria-labelledby="notes-title">
      <h3 id="notes-title">Notes for staff</h3>
      {view.notes.length === 0 ? <p className="muted">No notes yet. The family never sees them.</p> : null}
      <ul className="history">
        {view.notes.map((note) => (
          <li key={note.id}>
            {note.body} <span className="muted">— {note.staffName ?? 'someone'}, {formatShortWhen(note.at, now)}</span>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={submit} noValidate>
        <label htmlFor="note-body" className="visually-hidden">
          New note
        </label>
        <input id="note-body" value={body} maxLength={MAX_NOTE_CHARS} onChange={(event) => setBody(event.target.value)} placeholder="e.g. Called mom back, all sorted" />
        <button type="submit" disabled={addNote.isPending || body.trim() === ''}>
          Add note
        </button>
      </form>
      <FormError error={addNote.error} />
    </section>
  );
}
