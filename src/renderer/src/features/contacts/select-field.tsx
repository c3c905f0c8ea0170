import { FieldFrame } from '../../components/text-field';

/** A labelled drop-down: value/label pairs, the label and hint tied to the control. */
export function SelectField({ label, value, onChange, options, hint }: { label: string; value: string; onChange(value: string): void; options: ReadonlyArray<readonly [string, string]>; hint?: string }) {
  return (
    <FieldFrame label={label} hint={hint}>
      {({ id, describedBy }) => (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={describedBy}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
