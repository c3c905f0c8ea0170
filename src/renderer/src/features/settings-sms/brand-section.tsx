import { useState, type FormEvent } from 'react';
import type { RegistrationView } from '../../../../shared/contract';
import { brandFormFromSaved, brandFormSchema, type BrandFormInput } from '../../../../shared/registration/brand-form';
import { useResetBrand, useSubmitBrand } from '../../api/carrier-queries';
import { FieldsToFix, FormError } from '../../components/form-error';
import { BrandFormFields } from './brand-form-fields';
import { BrandSandboxHint } from './sandbox-hints';
import { InReviewNotice } from './in-review-notice';

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

/** A change to one field; choosing a non-profit also picks the industry Twilio requires for it. */
function withChange(current: BrandFormInput, field: Field, value: string): BrandFormInput {
  const next = { ...current, [field]: value };
  if (field === 'businessType' && value === 'Non-profit Corporation') next.industry = 'NOT_FOR_PROFIT';
  return next;
}

const dateWords = (at: number) => new Date(at).toLocaleDateString(undefined, { month: 'long', day: 'numeric' });

/** The business details step: register the brand, follow its review, and fix and resubmit it if the carriers say no. */
export function BrandSection({ view }: { view: Supported }) {
  const submit = useSubmitBrand();
  const reset = useResetBrand();
  const { brand } = view;
  const [values, setValues] = useState<BrandFormInput>(() => brandFormFromSaved(view.form));
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const errors = fieldErrors(values);
  const shown = Object.fromEntries(Object.entries(errors).filter(([field]) => submitted || touched[field as Field]));
  const fixing = brand.state === 'failed' && brand.updatesLeft !== 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length === 0) submit.mutate(brandFormSchema.parse(values));
  };

  return (
    <section className="stack" aria-label="Business details">
      {brand.state === 'failed' ? (
        <div className="stack">
          <p role="alert" className="notice error">
            The carriers did not approve your brand. {brand.message}
          </p>
          {fixing ? (
            <p>
              Correct the details below, then press Reset Brand to send them again.
              {brand.updatesLeft !== undefined ? ` You can send corrections ${brand.updatesLeft === 1 ? 'one more time' : `${brand.updatesLeft} more times`}.` : ''}
            </p>
          ) : (
            <p>This brand cannot be corrected online any more. Please contact Twilio support (help.twilio.com) to finish the registration.</p>
          )}
        </div>
      ) : null}
      {brand.state === 'none' || fixing ? (
        <form className="stack" onSubmit={onSubmit} noValidate aria-label={fixing ? 'Correct your brand' : 'Register your brand'}>
          {brand.state === 'none' ? <p className="muted">US carriers require every business that texts to register. All fields are required.</p> : null}
          <BrandSandboxHint />
          <BrandFormFields
            values={values}
            errors={shown}
            onChange={(field, value) => setValues((current) => withChange(current, field, value))}
            onBlur={(field) => setTouched((current) => ({ ...current, [field]: true }))}
          />
          {submitted ? <FieldsToFix count={Object.keys(errors).length} /> : null}
          <FormError error={submit.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={submit.isPending}>
              {fixing ? 'Reset Brand' : 'Click to Register Brand'}
            </button>
          </div>
        </form>
      ) : null}
      {brand.state === 'in_process' ? (
        <InReviewNotice>
          Your brand was sent for review{brand.submittedAt ? ` on ${dateWords(brand.submittedAt)}` : ''}. The carriers normally take a few days to answer.
        </InReviewNotice>
      ) : null}
      {brand.state === 'timed_out' ? (
        <p role="status" className="notice">
          The carriers have not answered for much longer than usual. Press Reset Brand to send your brand to them again.
        </p>
      ) : null}
      {brand.state === 'approved' ? (
        <p role="status" className="notice success">
          Your brand is registered.
        </p>
      ) : null}
      {brand.state === 'suspended' ? (
        <p role="alert" className="notice error">
          The carriers suspended your brand, so texts cannot go out. {brand.message} Only Twilio support can lift a suspension: please contact them at
          help.twilio.com.
        </p>
      ) : null}
      {view.showReset && brand.state === 'timed_out' ? (
        <div className="row">
          <button type="button" className="primary" onClick={() => reset.mutate(undefined)} disabled={reset.isPending}>
            Reset Brand
          </button>
        </div>
      ) : null}
      <FormError error={reset.error} />
    </section>
  );
}
