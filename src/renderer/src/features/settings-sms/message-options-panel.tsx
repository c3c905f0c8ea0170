import { useState, type FormEvent } from 'react';
import type { MessageOptions } from '../../../../shared/sms/message-options';
import { measureSms } from '../../../../shared/sms/segments';
import { useMessageOptions, useSaveMessageOptions } from '../../api/message-options-queries';
import { fieldsToFix, FormError } from '../../components/form-error';
import { TextAreaField, TextField } from '../../components/text-field';
import { HoursEditor } from './hours-editor';
import { checkMessageOptions, type OptionErrors } from './message-options-check';

const timeZones = Intl.supportedValuesOf('timeZone');

/** The guided setup shows the options and the SMS hours as two steps, each saving only its own fields. */
export type OptionsPart = 'options' | 'hours';
const partTitles: Record<OptionsPart, string> = { options: 'Message options', hours: 'SMS hours' };

export function MessageOptionsPanel({ part = 'options' }: { part?: OptionsPart }) {
  const current = useMessageOptions();
  return (
    <section className="stack" aria-label={partTitles[part]}>
      {current.data ? <MessageOptionsForm initial={current.data} latest={current.data} part={part} /> : <FormError error={current.error} />}
    </section>
  );
}

/** Options whose errors sit under their own field; anything else (the hours) is named above the Save button. */
const inlineFields = ['header', 'footer', 'signupMessage', 'maxPartsPerMessage', 'defaultValidityPeriodSeconds', 'messagesPerSecond'] as const;
type InlineField = (typeof inlineFields)[number];
const isInline = (field: string): field is InlineField => (inlineFields as readonly string[]).includes(field);

/** This part's fields over the latest saved options, so saving one step never undoes the other's save. */
function merged(part: OptionsPart, latest: MessageOptions, edited: MessageOptions): MessageOptions {
  return part === 'hours' ? { ...latest, availableHours: edited.availableHours } : { ...edited, availableHours: latest.availableHours };
}

function MessageOptionsForm({ initial, latest, part }: { initial: MessageOptions; latest: MessageOptions; part: OptionsPart }) {
  const [options, setOptions] = useState(initial);
  const [speed, setSpeed] = useState(String(initial.messagesPerSecond));
  // A field's error appears once it is left or Save is pressed, not while the first digit is typed.
  const [touched, setTouched] = useState<Partial<Record<InlineField, boolean>>>({});
  const [tried, setTried] = useState(false);
  const save = useSaveMessageOptions();
  const check = checkMessageOptions(merged(part, latest, options), part === 'hours' ? String(latest.messagesPerSecond) : speed);
  const errors: OptionErrors = check.ok ? {} : check.errors;
  const shown = (field: InlineField) => ((tried || touched[field]) && errors[field]) || null;
  const leave = (field: InlineField) => () => setTouched((t) => ({ ...t, [field]: true }));
  const inlineCount = Object.keys(errors).filter(isInline).length;
  const otherProblem = Object.entries(errors).find(([field]) => !isInline(field))?.[1];
  const problem = !tried ? null : otherProblem ?? (inlineCount > 0 ? fieldsToFix(inlineCount) : null);
  const frame = measureSms([options.header, options.footer].filter(Boolean).join('\n\n'));
  const signup = measureSms(options.signupMessage);
  const set = <K extends keyof MessageOptions>(key: K, value: MessageOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    setTried(true);
    if (check.ok) save.mutate(check.value);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {part === 'hours' ? (
        <>
          <HoursEditor schedule={options.availableHours.schedule} onChange={(schedule) => set('availableHours', { ...options.availableHours, schedule })} />
          <div className="form-grid">
            <div className="field">
              <label htmlFor="time-zone">Business time zone</label>
              <select id="time-zone" value={options.availableHours.timeZone} onChange={(e) => set('availableHours', { ...options.availableHours, timeZone: e.target.value })}>
                {timeZones.map((zone) => (
                  <option key={zone}>{zone}</option>
                ))}
              </select>
            </div>
          </div>
        </>
      ) : (
        <>
          <div className="form-grid">
            <TextField
              label="Header"
              hint={`Added before every text, e.g. your business name. ${options.header.length}/50`}
              value={options.header}
              maxLength={50}
              error={shown('header')}
              onChange={(v) => set('header', v)}
              onBlur={leave('header')}
            />
            <TextField
              label="Footer"
              hint={`Added after every text. ${options.footer.length}/50`}
              value={options.footer}
              maxLength={50}
              error={shown('footer')}
              onChange={(v) => set('footer', v)}
              onBlur={leave('footer')}
            />
          </div>
          <p className="muted" role="status">
            Header and footer use {frame.units} of the {frame.encoding === 'GSM-7' ? 160 : 70} characters in a single text.
          </p>
          <TextAreaField
            label="Signup message"
            hint={`Sent the moment a number is opted in, even outside SMS hours, without header or footer. ${options.signupMessage.length}/160 characters, ${signup.segments} ${signup.segments === 1 ? 'text' : 'texts'} long.`}
            value={options.signupMessage}
            rows={3}
            maxLength={160}
            error={shown('signupMessage')}
            onChange={(v) => set('signupMessage', v)}
            onBlur={leave('signupMessage')}
          />
          <div className="form-grid">
            <TextField
              label="Most parts per text"
              hint="Longer texts are refused before sending. Each part costs one credit per recipient."
              type="number"
              min={1}
              max={10}
              value={String(options.maxPartsPerMessage)}
              error={shown('maxPartsPerMessage')}
              onChange={(v) => set('maxPartsPerMessage', Number(v))}
              onBlur={leave('maxPartsPerMessage')}
            />
            <TextField
              label="Give up delivering after (minutes)"
              hint="So “class cancelled tonight” never arrives tomorrow. 1 to 240 minutes."
              type="number"
              min={1}
              max={240}
              value={String(Math.round(options.defaultValidityPeriodSeconds / 60))}
              error={shown('defaultValidityPeriodSeconds')}
              onChange={(v) => set('defaultValidityPeriodSeconds', Number(v) * 60)}
              onBlur={leave('defaultValidityPeriodSeconds')}
            />
          </div>
          <div className="narrow">
            <TextField
              label="Sending speed"
              hint="Your texting number’s limit: 1 per second for a regular local number, more for a toll-free number or short code. Each part of a long text counts as one."
              unit="texts per second"
              inputMode="decimal"
              autoComplete="off"
              value={speed}
              error={shown('messagesPerSecond')}
              onChange={setSpeed}
              onBlur={leave('messagesPerSecond')}
            />
          </div>
        </>
      )}
      <FormError error={problem ? new Error(problem) : save.error} />
      {save.isSuccess ? <p role="status" className="notice success">{part === 'hours' ? 'SMS hours saved.' : 'Message options saved.'}</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {part === 'hours' ? 'Save SMS hours' : 'Save message options'}
        </button>
      </div>
    </form>
  );
}
