import { useState, type FormEvent } from 'react';
import { weekdays, type ClassMeeting, type ClassSummary } from '../../../../shared/contract';
import { useClasses, useEnroll, useRoster, useSaveClass } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';
import { TableHead } from '../../components/table-head';
import { TextField } from '../../components/text-field';
import { fullName } from './labels';
import { SelectField } from './select-field';

const dayNames: Record<ClassMeeting['weekday'], string> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };
export const describeSchedule = (schedule: readonly ClassMeeting[]) =>
  schedule.map((m) => `${dayNames[m.weekday]} ${m.start}–${m.end}`).join(', ') || 'No times set';

/** Classes and programs with their weekly times and enrolled students. */
export function ClassesPanel({ onOpen }: { onOpen(id: number): void }) {
  const classes = useClasses();
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<ClassSummary | 'new' | null>(null);
  return (
    <section className="stack" aria-labelledby="classes-title">
      <div className="row spread">
        <h2 id="classes-title">Classes</h2>
        <button type="button" onClick={() => setEditing('new')}>
          Add a class
        </button>
      </div>
      {editing ? <ClassForm existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      <FormError error={classes.error} />
      {classes.data?.length === 0 ? <p className="muted">No classes yet. Add one, or import a spreadsheet after adding them.</p> : null}
      {classes.data && classes.data.length > 0 ? (
        <table>
          <TableHead columns={['Class', 'When', 'Students', '']} />
          <tbody>
            {classes.data.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>{describeSchedule(k.schedule)}</td>
                <td>
                  <button type="button" className="link" aria-expanded={open === k.id} onClick={() => setOpen(open === k.id ? null : k.id)}>
                    {k.studentCount} {k.studentCount === 1 ? 'student' : 'students'}
                  </button>
                  {open === k.id ? <Roster classId={k.id} onOpen={onOpen} /> : null}
                </td>
                <td>
                  <button type="button" onClick={() => setEditing(k)} aria-label={`Change ${k.name}`}>
                    Change
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Roster({ classId, onOpen }: { classId: number; onOpen(id: number): void }) {
  const roster = useRoster(classId);
  const enroll = useEnroll();
  return (
    <ul className="history">
      {(roster.data ?? []).map((s) => (
        <li key={s.id}>
          <button type="button" className="link" onClick={() => onOpen(s.id)}>
            {fullName(s)}
          </button>{' '}
          <button type="button" className="link" onClick={() => enroll.mutate({ classId, contactId: s.id, enrolled: false })}>
            (take out of class)
          </button>
        </li>
      ))}
      <FormError error={roster.error ?? enroll.error} />
    </ul>
  );
}

function ClassForm({ existing, onDone }: { existing: ClassSummary | null; onDone(): void }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [schedule, setSchedule] = useState<ClassMeeting[]>(existing?.schedule ?? [{ weekday: 'tue', start: '16:30', end: '17:15' }]);
  const save = useSaveClass();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: existing?.id ?? null, name, schedule }, { onSuccess: onDone });
  };
  const change = (index: number, patch: Partial<ClassMeeting>) => setSchedule(schedule.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <form className="card stack" onSubmit={submit} aria-label={existing ? `Change ${existing.name}` : 'Add a class'}>
      <TextField label="Class name" value={name} onChange={setName} hint="As staff say it, like “Level 2 Tuesday”." />
      {schedule.map((meeting, index) => (
        <div key={index} className="row">
          <SelectField label="Day" value={meeting.weekday} onChange={(v) => change(index, { weekday: v as ClassMeeting['weekday'] })} options={weekdays.map((d) => [d, dayNames[d]] as const)} />
          <TextField label="Starts" type="time" value={meeting.start} onChange={(v) => change(index, { start: v })} />
          <TextField label="Ends" type="time" value={meeting.end} onChange={(v) => change(index, { end: v })} />
          <button type="button" className="link" onClick={() => setSchedule(schedule.filter((_, i) => i !== index))}>
            Remove this time
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => setSchedule([...schedule, { weekday: 'mon', start: '16:00', end: '17:00' }])}>
        Add a weekly time
      </button>
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save class
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
