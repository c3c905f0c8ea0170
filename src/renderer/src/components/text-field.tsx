import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FrameProps {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  /** Shown after a short input, e.g. "texts per second", and read out with it. */
  unit?: string | undefined;
  /** The control, given its id and what describes it. */
  children(control: { id: string; describedBy: string | undefined; invalid: true | undefined }): ReactNode;
}

/** A labelled control with its hint, unit and error, each tied to it for screen readers. */
export function FieldFrame({ label, hint, error, unit, children }: FrameProps) {
  const id = useId();
  const describedBy = [unit ? `${id}-unit` : null, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = children({ id, describedBy, invalid: error ? true : undefined });
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
          {control}
          <span id={`${id}-unit`}>{unit}</span>
        </span>
      ) : (
        control
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  hint?: string;
  error?: string | null;
  unit?: string;
  value: string;
  onChange(value: string): void;
}

export function TextField({ label, hint, error, unit, value, onChange, ...input }: Props) {
  return (
    <FieldFrame label={label} hint={hint} error={error} unit={unit}>
      {({ id, describedBy, invalid }) => (
        <input id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={invalid} aria-describedby={describedBy} {...input} />
      )}
    </FieldFrame>
  );
}

/** A few lines of text (a description, a reply), with the same label, hint and error as a TextField. */
export function TextAreaField({
  label, hint, error, rows = 3, value, onChange, maxLength, onBlur,
}: { label: string; hint?: string; error?: string | null; rows?: number; value: string; onChange(value: string): void; maxLength?: number; onBlur?(): void }) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} rows={rows} value={value} maxLength={maxLength} aria-invalid={invalid} aria-describedby={describedBy} onChange={(event) => onChange(event.target.value)} onBlur={onBlur} />
      )}
    </FieldFrame>
  );
}
