import { useId } from 'react';

/** A labelled drop-down: value/label pairs, the label tied to the control. */
export function SelectField({ label, value, onChange, options, hint }: { label: string; value: string; onChange(value: string): void; options: ReadonlyArray<readonly [string, string]>; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-hint` : undefined}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
