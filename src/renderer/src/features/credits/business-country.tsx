import { getCountries } from 'libphonenumber-js';
import { useState, type FormEvent } from 'react';
import { SELF_SIGNUP_COUNTRY, SOLD_COUNTRIES, SUPPORT_EMAIL, formatMoney, rateFor } from '../../../../shared/billing/rates';
import { useBillingOverview, useSetBillingConnection, useSetCountry } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

const names = new Intl.DisplayNames(['en'], { type: 'region' });
const nameOf = (code: string) => names.of(code) ?? code;
/** The countries credits are sold in first, then every other, by name. */
const sold = new Set<string>(SOLD_COUNTRIES);
const others = getCountries()
  .filter((code) => !sold.has(code))
  .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));

/** The seed's words: self-signup is for US businesses; others contact support. */
export function SelfSignupNote({ country }: { country: string }) {
  if (country === SELF_SIGNUP_COUNTRY) return null;
  return (
    <p className="notice">
      Self-signup for SMS is currently only available for customers in the United States. For all other countries, please contact our Support Team at{' '}
      <strong>{SUPPORT_EMAIL}</strong> for assistance.
    </p>
  );
}

/** The business's country: it picks the price of a credit (Admin only, audited). */
export function BusinessCountry() {
  const overview = useBillingOverview();
  const save = useSetCountry();
  const current = overview.data?.country ?? '';
  // What the admin picked, until it is saved; the saved country otherwise.
  const [picked, setPicked] = useState<string | null>(null);
  const country = picked ?? current;
  const rate = rateFor(country);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ country }, { onSuccess: () => setPicked(null) });
  };

  return (
    <form className="card stack narrow" aria-labelledby="country-title" onSubmit={submit}>
      <h2 id="country-title">Business country</h2>
      <div className="field">
        <label htmlFor="business-country">Country</label>
        <p className="hint" id="business-country-hint">
          Sets the price of credits and how phone numbers typed without a country code are read.
        </p>
        <select id="business-country" aria-describedby="business-country-hint" value={country} onChange={(event) => setPicked(event.target.value)}>
          <optgroup label="Credits sold online">
            {SOLD_COUNTRIES.map((code) => (
              <option key={code} value={code}>
                {nameOf(code)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Other countries">
            {others.map((code) => (
              <option key={code} value={code}>
                {nameOf(code)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <p>
        {rate ? (
          <>
            {formatMoney({ minor: rate.perCreditMinor, currency: rate.currency })} per credit
            {rate.monthlyFeeMinor !== null ? <>, plus {formatMoney({ minor: rate.monthlyFeeMinor, currency: rate.currency })} a month</> : null}.
          </>
        ) : (
          <>Credits are not sold online in this country yet: contact {SUPPORT_EMAIL} for pricing.</>
        )}
      </p>
      <SelfSignupNote country={country} />
      <FormError error={save.error} />
      {save.isSuccess && picked === null ? <p role="status" className="notice success">Saved.</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending || country === current}>
          Save country
        </button>
      </div>
    </form>
  );
}

/** Live mode: the provider's billing service and this business's billing token (kept in the keychain, never shown back). */
export function BillingConnection() {
  const overview = useBillingOverview();
  const save = useSetBillingConnection();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ url: url.trim() === '' ? null : url.trim(), token }, { onSuccess: () => setToken('') });
  };
  const sandbox = overview.data?.mode === 'sandbox';
  return (
    <form className="card stack narrow" aria-labelledby="billing-connection-title" onSubmit={submit} noValidate>
      <h2 id="billing-connection-title">Paying for credits in live mode</h2>
      {sandbox ? <p>Right now (Sandbox) credits come from a built-in test payment service and no card is ever charged. Nothing here is needed until you go live.</p> : null}
      <p>In live mode, credits are paid through SMS Desk’s billing service. Paste the billing token you were given; it is kept in this computer’s keychain and never shown again.</p>
      <TextField label="Billing service address" hint="Leave empty to keep the current one." value={url} onChange={setUrl} placeholder="https://" autoComplete="off" />
      <TextField label="Billing token" type="password" value={token} onChange={setToken} autoComplete="off" />
      <FormError error={save.error} />
      {save.data ? <p role="status" className="notice success">{save.data.billingReady ? 'Saved. Buying credits is ready in live mode.' : 'Token saved. Add the billing service address to finish.'}</p> : null}
      <div className="row">
        <button type="submit" disabled={save.isPending || token.trim() === ''}>
          Save billing token
        </button>
      </div>
    </form>
  );
}
