import { useState, type FormEvent } from 'react';
import type { RegistrationView } from '../../../../shared/contract';
import { brandFormSchema, emptyBrandForm, type BrandFormInput } from '../../../../shared/registration/brand-form';
import { useRefreshRegistration, useResetBrand, useSubmitBrand } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { BrandFormFields } from './brand-form-fields';
import { BrandSandboxHint } from './sandbox-hints';

type Supported = Extract<RegistrationView, { supported: true }>;
type Field = keyof BrandFormInput;

function fieldErrors(values: BrandFormInput): Partial<Record<Field, string>> {
  const parsed = brandFormSchema.safeParse(values);
  if (parsed.success) return {};
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** Step 1: register the brand, then follow its review. */
export function BrandSection({ view }: { view: Supported }) {
  const submit = useSubmitBrand();
  const refresh = useRefreshRegistration();
  const reset = useResetBrand();
  const [values, setValues] = useState<BrandFormInput>(emptyBrandForm);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = fieldErrors(values);
  const shown = Object.fromEntries(Object.entries(errors).filter(([field]) => submitted || touched[field as Field]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length === 0) submit.mutate(brandFormSchema.parse(values));
  };
  const { brand } = view;
  const clearForm = () => {
    setValues(emptyBrandForm);
    setTouched({});
    setSubmitted(false);
  };

  return (
    <section className="card stack" aria-labelledby="brand-title">
      <h2 id="brand-title">1. Register your brand</h2>
      {brand.state === 'none' ? (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <p className="muted">US carriers require every business that texts to register. All fields are required.</p>
          <BrandSandboxHint />
          <BrandFormFields
            values={values}
            errors={shown}
            onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
            onBlur={(field) => setTouched((current) => ({ ...current, [field]: true }))}
          />
          {submitted && Object.keys(errors).length > 0 ? (
            <p className="form-error" role="alert">
              Please fix the {Object.keys(errors).length === 1 ? 'field' : `${Object.keys(errors).length} fields`} marked above.
            </p>
          ) : null}
          <FormError error={submit.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={submit.isPending}>
              Click to Register Brand
            </button>
          </div>
        </form>
      ) : null}
      {brand.state === 'in_process' ? (
        <div className="stack">
          <p role="status" className="notice">
            Your brand was submitted. Registration is in process — the carriers usually answer within a few days.
          </p>
          <div className="row">
            <button type="button" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
              Refresh
            </button>
          </div>
        </div>
      ) : null}
      {brand.state === 'approved' ? (
        <p role="status" className="notice success">
          Your brand is registered.
        </p>
      ) : null}
      {brand.state === 'failed' ? (
        <p role="alert" className="notice error">
          {brand.message}
        </p>
      ) : null}
      {view.showReset ? (
        <div className="row">
          <button type="button" className="primary" onClick={() => reset.mutate(undefined, { onSuccess: clearForm })} disabled={reset.isPending}>
            Reset Brand
          </button>
        </div>
      ) : null}
      <FormError error={refresh.error ?? reset.error} />
    </section>
  );
}
