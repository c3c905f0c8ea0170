import { useState, type FormEvent } from 'react';
import { campaignFormSchema, type CampaignFormInput, type RegistrationView, type UseCase } from '../../../../shared/contract';
import { defaultUseCase } from '../../../../shared/registration/twilio-values';
import { useCampaignDefaults, useSubmitCampaign, useUseCases } from '../../api/carrier-queries';
import { FieldsToFix, FormError } from '../../components/form-error';
import { CampaignFormFields } from './campaign-form-fields';
import { InReviewNotice } from './in-review-notice';

type Supported = Extract<RegistrationView, { supported: true }>;

/** Each problem under the field it belongs to; a sample's under that sample (`messageSamples.1`). */
export function campaignErrors(values: CampaignFormInput): Record<string, string> {
  const parsed = campaignFormSchema.safeParse(values);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] === 'messageSamples' && typeof issue.path[1] === 'number' ? `messageSamples.${issue.path[1]}` : String(issue.path[0] ?? '');
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** Mixed when Twilio offers it for this brand, else the first use case Twilio offers. */
function withUseCase(form: CampaignFormInput, useCases: UseCase[]): CampaignFormInput {
  if (useCases.length === 0 || useCases.some((u) => u.code === form.useCase)) return form;
  const fallback = useCases.find((u) => u.code === defaultUseCase) ?? useCases[0];
  return fallback ? { ...form, useCase: fallback.code } : form;
}

function CampaignForm({ initial, useCases, resubmit }: { initial: CampaignFormInput; useCases: UseCase[]; resubmit: boolean }) {
  const submit = useSubmitCampaign();
  const [values, setValues] = useState(() => withUseCase(initial, useCases));
  const [submitted, setSubmitted] = useState(false);
  const errors = campaignErrors(values);
  const count = Object.keys(errors).length;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (count === 0) submit.mutate(campaignFormSchema.parse(values));
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Register your campaign">
      <CampaignFormFields values={values} useCases={useCases} errors={submitted ? errors : {}} onChange={setValues} />
      {submitted ? <FieldsToFix count={count} /> : null}
      <FormError error={submit.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={submit.isPending}>
          {resubmit ? 'Send Corrected Campaign' : 'Click to Register Campaign'}
        </button>
      </div>
    </form>
  );
}

/** The campaign step: after the brand is approved, tell the carriers what the texts are for (the A2P campaign). */
export function CampaignSection({ view }: { view: Supported }) {
  const { campaign } = view;
  const brandApproved = view.brand.state === 'approved';
  const editing = brandApproved && (campaign.state === 'none' || campaign.state === 'failed');
  const useCases = useUseCases(editing);
  const defaults = useCampaignDefaults(editing && !campaign.form);
  const initial = campaign.form ?? defaults.data;

  return (
    <section className="stack" aria-label="How you text families">
      {!brandApproved && campaign.state === 'none' ? <p className="muted">This step opens once your brand is approved.</p> : null}
      {campaign.state === 'failed' ? (
        <p role="alert" className="notice error">
          The carriers did not approve this description of your texts. {campaign.message ?? ''} Correct it below and send it again.
        </p>
      ) : null}
      {editing ? (
        <>
          {campaign.state === 'none' ? (
            <p className="muted">
              The carriers want to know what you text families about and how families agree to it. We filled in answers from your own messages: read them
              and change anything that is not right.
            </p>
          ) : null}
          {initial && useCases.data ? (
            <CampaignForm initial={initial} useCases={useCases.data.useCases} resubmit={campaign.state === 'failed'} />
          ) : (
            <p role="status">Loading your answers…</p>
          )}
          <FormError error={useCases.error ?? defaults.error} />
        </>
      ) : null}
      {campaign.state === 'in_process' ? (
        <InReviewNotice>Your description was sent for review. This normally takes a few days. {campaign.message ?? ''}</InReviewNotice>
      ) : null}
      {campaign.state === 'verified' ? (
        <p role="status" className="notice success">
          The carriers approved how you text families.
        </p>
      ) : null}
    </section>
  );
}
