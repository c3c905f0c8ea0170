import { useId, type InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  hint?: string;
  error?: string | null;
  /** Shown after a short input, e.g. "texts per second", and read out with it. */
  unit?: string;
  value: string;
  onChange(value: string): void;
}

export function TextField({ label, hint, error, unit, value, onChange, ...input }: Props) {
  const id = useId();
  const described = [unit ? `${id}-unit` : null, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const field = (
    <input
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={described}
      {...input}
    />
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {unit ? (
        <span className="with-unit">
          {field}
          <span id={`${id}-unit`}>{unit}</span>
        </span>
      ) : (
        field
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
