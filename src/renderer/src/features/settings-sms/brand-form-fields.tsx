import { useId } from 'react';
import { brandFormHints, businessIndustries, businessTypes, usStates, type BrandFormInput } from '../../../../shared/registration/brand-form';
import { TextField } from '../../components/text-field';

type Field = keyof BrandFormInput;
interface Props {
  values: BrandFormInput;
  errors: Partial<Record<Field, string>>;
  onChange(field: Field, value: string): void;
  onBlur(field: Field): void;
}

const textFields: [Field, string, string?][] = [
  ['legalName', 'Legal business name', 'organization'],
  ['ein', 'Tax ID (EIN)'],
  ['websiteUrl', 'Website', 'url'],
  ['street', 'Street address', 'street-address'],
  ['city', 'City', 'address-level2'],
  ['postalCode', 'ZIP code', 'postal-code'],
  ['contactFirstName', 'Contact first name', 'given-name'],
  ['contactLastName', 'Contact last name', 'family-name'],
  ['email', 'Contact email', 'email'],
  ['phone', 'Contact phone', 'tel'],
];

function Select({ label, value, options, error, onChange }: { label: string; value: string; options: readonly (readonly [string, string])[]; error?: string; onChange(v: string): void }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} onChange={(event) => onChange(event.target.value)}>
        {value === '' ? <option value="">Choose…</option> : null}
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function BrandFormFields({ values, errors, onChange, onBlur }: Props) {
  const text = (field: Field, label: string, autoComplete?: string) => (
    <TextField
      key={field}
      label={label}
      hint={brandFormHints[field]}
      value={values[field]}
      error={errors[field] ?? null}
      onChange={(value) => onChange(field, value)}
      onBlur={() => onBlur(field)}
      autoComplete={autoComplete ?? 'off'}
      required
    />
  );
  return (
    <div className="form-grid">
      {text('legalName', 'Legal business name', 'organization')}
      <Select label="Business type" value={values.businessType} options={businessTypes.map((t) => [t.value, t.label] as const)} error={errors.businessType} onChange={(v) => onChange('businessType', v)} />
      {textFields.slice(1, 3).map(([field, label, auto]) => text(field, label, auto))}
      <Select label="Industry" value={values.industry} options={businessIndustries.map((i) => [i.value, i.label] as const)} error={errors.industry} onChange={(v) => onChange('industry', v)} />
      {textFields.slice(3, 5).map(([field, label, auto]) => text(field, label, auto))}
      <Select label="State" value={values.state} options={usStates.map((s) => [s, s] as const)} onChange={(v) => onChange('state', v)} />
      {textFields.slice(5).map(([field, label, auto]) => text(field, label, auto))}
    </div>
  );
}
