import { useId } from 'react';
import type { AccountModel, RegistrationView } from '../../../../shared/contract';
import { useSetAccountModel } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { ExistingRegistrationFinder } from './existing-registration-finder';

type Supported = Extract<RegistrationView, { supported: true }>;

const choices: { value: AccountModel; label: string; help: string }[] = [
  {
    value: 'provider',
    label: 'SMS Desk registers us',
    help: 'You have no Twilio account of your own, or one with nothing registered yet. Fill in the steps below and SMS Desk registers your business with the carriers for you.',
  },
  {
    value: 'own_account',
    label: 'We already registered in our own Twilio account',
    help: 'You set up texting in the Twilio Console before (brand, campaign and number). SMS Desk finds that registration and uses it.',
  },
];

/** How the business meets Twilio: registered through SMS Desk, or its own Twilio account as it already is. */
export function AccountModelSection({ view }: { view: Supported }) {
  const setModel = useSetAccountModel();
  const name = useId();
  return (
    <section className="stack" aria-labelledby="account-model-title">
      <h3 id="account-model-title">How your business is registered</h3>
      <fieldset className="stack">
        <legend className="muted">Choose the one that fits. You can change it later.</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={view.accountModel === choice.value}
              disabled={setModel.isPending}
              onChange={() => setModel.mutate({ accountModel: choice.value })}
            />
            <span>
              <strong>{choice.label}</strong>
              <br />
              <span className="hint">{choice.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {view.accountNotice ? (
        <p role="status" className="notice">
          {view.accountNotice}
        </p>
      ) : null}
      <FormError error={setModel.error} />
      {view.accountModel === 'own_account' ? <ExistingRegistrationFinder /> : null}
    </section>
  );
}
