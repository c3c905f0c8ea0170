import type { BirthdayRecipients, Trigger, TriggerKind } from '../../../../shared/contract/autopilot';
import { weekdays } from '../../../../shared/contract/contacts';
import { useAudienceChoices } from '../../api/audience-queries';
import { TextField } from '../../components/text-field';

const kinds: Array<{ kind: TriggerKind; label: string }> = [
  { kind: 'weekly', label: 'Every week' },
  { kind: 'once', label: 'Once' },
  { kind: 'classSession', label: 'Before a class' },
  { kind: 'birthday', label: 'On birthdays' },
  { kind: 'newContact', label: 'When someone is added' },
];
const birthdayChoices: Array<{ texts: BirthdayRecipients; label: string }> = [
  { texts: 'guardians', label: 'The student’s guardians' },
  { texts: 'self', label: 'The person themselves' },
];
const dayLabels = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' } as const;

/** A sensible starting trigger of each kind. */
export function startTrigger(kind: TriggerKind, classId: number | null): Trigger {
  switch (kind) {
    case 'weekly':
      return { kind, days: ['mon'], time: '09:00' };
    case 'once':
      return { kind, at: `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T09:00` };
    case 'classSession':
      return { kind, classId: classId ?? 0, minutesBefore: 120 };
    case 'birthday':
      // The usual case: "Happy birthday {student_names}!" to the student's guardians.
      return { kind, time: '09:00', texts: 'guardians' };
    case 'newContact':
      return { kind };
  }
}

/** When the workflow runs: the kind, then the few fields that kind needs. Times are the business's. */
export function TriggerFields({ trigger, onChange, timeZone }: { trigger: Trigger; onChange(trigger: Trigger): void; timeZone: string }) {
  const classes = useAudienceChoices().data?.classes ?? [];
  return (
    <fieldset>
      <legend>When does it run?</legend>
      <p className="hint">Times are in the business’s time zone ({timeZone}). Texts always wait for Available SMS Hours.</p>
      <div className="row wrap">
        {kinds.map(({ kind, label }) => (
          <label key={kind} className="check">
            <input type="radio" name="trigger-kind" checked={trigger.kind === kind} onChange={() => onChange(startTrigger(kind, classes[0]?.id ?? null))} /> {label}
          </label>
        ))}
      </div>
      {trigger.kind === 'weekly' ? (
        <>
          <fieldset className="row wrap">
            <legend>On these days</legend>
            {weekdays.map((day) => (
              <label key={day} className="check">
                <input
                  type="checkbox"
                  checked={trigger.days.includes(day)}
                  onChange={(event) => onChange({ ...trigger, days: event.target.checked ? [...trigger.days, day] : trigger.days.filter((d) => d !== day) })}
                />{' '}
                {dayLabels[day]}
              </label>
            ))}
          </fieldset>
          <TextField label="At" type="time" value={trigger.time} onChange={(time) => onChange({ ...trigger, time })} />
        </>
      ) : null}
      {trigger.kind === 'once' ? <TextField label="Date and time" type="datetime-local" value={trigger.at} onChange={(at) => onChange({ ...trigger, at })} /> : null}
      {trigger.kind === 'birthday' ? (
        <>
          <fieldset className="row wrap">
            <legend>Text</legend>
            {birthdayChoices.map(({ texts, label }) => (
              <label key={texts} className="check">
                <input type="radio" name="birthday-texts" checked={trigger.texts === texts} onChange={() => onChange({ ...trigger, texts })} /> {label}
              </label>
            ))}
          </fieldset>
          <TextField
            label="At"
            hint={
              trigger.texts === 'guardians'
                ? 'On a student’s birthday, their guardians get one text. Insert the Student names field to greet the birthday child by name. Students with no birthday in Contacts are skipped.'
                : 'Each person whose birthday it is gets a text; people without a birthday in Contacts never do.'
            }
            type="time"
            value={trigger.time}
            onChange={(time) => onChange({ ...trigger, time })}
          />
        </>
      ) : null}
      {trigger.kind === 'classSession' ? (
        classes.length === 0 ? (
          <p className="notice">Add a class with its weekly times in Contacts → Classes first.</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="autopilot-class">Class</label>
              <select id="autopilot-class" value={trigger.classId} onChange={(event) => onChange({ ...trigger, classId: Number(event.target.value) })}>
                {classes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              label="How long before"
              unit="hours"
              type="number"
              min={0}
              max={168}
              value={String(trigger.minutesBefore / 60)}
              onChange={(hours) => onChange({ ...trigger, minutesBefore: Math.max(0, Math.round(Number(hours) * 60) || 0) })}
            />
          </>
        )
      ) : null}
      {trigger.kind === 'newContact' ? <p className="hint">Each person added to Contacts from now on (by hand or by import) gets this once, if their number is opted in.</p> : null}
    </fieldset>
  );
}
