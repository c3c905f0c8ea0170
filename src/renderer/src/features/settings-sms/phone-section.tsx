import { useState, type FormEvent } from 'react';
import type { RegistrationView } from '../../../../shared/contract';
import { useRegisterPhone } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { InReviewNotice } from './in-review-notice';
import { AreaCodeSandboxHint } from './sandbox-hints';

type Supported = Extract<RegistrationView, { supported: true }>;

/** The texting number step: a local number in the area code families recognise. */
export function PhoneSection({ view }: { view: Supported }) {
  const register = useRegisterPhone();
  const [areaCode, setAreaCode] = useState('');
  const { phone } = view;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ areaCode: areaCode.trim() });
  };

  return (
    <section className="stack" aria-label="Texting number">
      {phone.state === 'none' || phone.state === 'no_number' ? (
        <form className="stack narrow" onSubmit={submit} noValidate>
          <TextField
            label="Desired area code"
            hint="Three digits, e.g. 512. Families see this number when you text them."
            value={areaCode}
            onChange={setAreaCode}
            inputMode="numeric"
            maxLength={3}
          />
          <AreaCodeSandboxHint />
          {phone.state === 'no_number' ? (
            <p role="alert" className="notice error">
              No number is available in area code {phone.areaCode}. Please try another area code nearby.
            </p>
          ) : null}
          <FormError error={register.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={register.isPending || areaCode.length !== 3}>
              Click to Register Phone Number
            </button>
          </div>
        </form>
      ) : null}
      {phone.state === 'in_process' ? (
        <InReviewNotice>
          Your number is reserved. Families can be texted from it once the carriers approve your brand and your description of your texts.
        </InReviewNotice>
      ) : null}
      {phone.state === 'assigned' ? (
        <p role="status" className="notice success">
          Your texting number is <strong>{phone.number}</strong>.
        </p>
      ) : null}
    </section>
  );
}
