import { useState, type FormEvent } from 'react';
import { messageOptionsSchema, type MessageOptions } from '../../../../shared/sms/message-options';
import { measureSms } from '../../../../shared/sms/segments';
import { useMessageOptions, useSaveMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { HoursEditor } from './hours-editor';

const timeZones = Intl.supportedValuesOf('timeZone');

export function MessageOptionsPanel() {
  const current = useMessageOptions();
  return (
    <section className="card stack" aria-labelledby="options-title">
      <h2 id="options-title">Message options</h2>
      {current.data ? <MessageOptionsForm initial={current.data} /> : <FormError error={current.error} />}
    </section>
  );
}

function MessageOptionsForm({ initial }: { initial: MessageOptions }) {
  const [options, setOptions] = useState(initial);
  const save = useSaveMessageOptions();
  const parsed = messageOptionsSchema.safeParse(options);
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the fields above.');
  const frame = measureSms([options.header, options.footer].filter(Boolean).join('\n\n'));
  const set = <K extends keyof MessageOptions>(key: K, value: MessageOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.success) save.mutate(parsed.data);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="form-grid">
        <TextField label="Header" hint={`Added before every text, e.g. your business name. ${options.header.length}/50`} value={options.header} maxLength={50} onChange={(v) => set('header', v)} />
        <TextField label="Footer" hint={`Added after every text. ${options.footer.length}/50`} value={options.footer} maxLength={50} onChange={(v) => set('footer', v)} />
      </div>
      <p className="muted" role="status">
        Header and footer use {frame.units} of the {frame.encoding === 'GSM-7' ? 160 : 70} characters in a single text.
      </p>
      <TextField
        label="Signup message"
        hint={`Sent the moment a number is opted in, even outside SMS hours, without header or footer. ${options.signupMessage.length}/160`}
        value={options.signupMessage}
        maxLength={160}
        onChange={(v) => set('signupMessage', v)}
      />
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
        <TextField
          label="Most parts per text"
          hint="Longer texts are refused before sending. Each part costs one credit per recipient."
          type="number"
          min={1}
          max={10}
          value={String(options.maxPartsPerMessage)}
          onChange={(v) => set('maxPartsPerMessage', Number(v))}
        />
        <TextField
          label="Give up delivering after (minutes)"
          hint="So “class cancelled tonight” never arrives tomorrow. 1 to 240 minutes."
          type="number"
          min={1}
          max={240}
          value={String(Math.round(options.defaultValidityPeriodSeconds / 60))}
          onChange={(v) => set('defaultValidityPeriodSeconds', Number(v) * 60)}
        />
      </div>
      <FormError error={problem ? new Error(problem) : save.error} />
      {save.isSuccess ? <p role="status">Message options saved.</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending || !parsed.success}>
          Save message options
        </button>
      </div>
    </form>
  );
}
