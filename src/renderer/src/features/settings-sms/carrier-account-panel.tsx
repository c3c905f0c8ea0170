import { useState, type FormEvent } from 'react';
import { useCarrierStatus, useClearCredentials, useSetCredentials, useSetMode, useTestConnection } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { LandlineSandboxHint } from './sandbox-hints';

/** Sandbox or live, and the Twilio credentials (write-only: they are never shown again). */
export function CarrierAccountPanel() {
  const status = useCarrierStatus();
  const save = useSetCredentials();
  const clear = useClearCredentials();
  const test = useTestConnection();
  const setMode = useSetMode();
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ accountSid: accountSid.trim(), authToken: authToken.trim() }, { onSuccess: () => setAuthToken('') });
  };
  const data = status.data;

  return (
    <section className="stack" aria-label="Texting account">
      {data ? (
        <p>
          {data.mode === 'sandbox'
            ? 'You are in Sandbox mode: everything works, but texts go to a built-in test carrier and nobody receives them.'
            : 'You are live: texts go to real phones through your Twilio account and use credits.'}
        </p>
      ) : null}
      <LandlineSandboxHint />
      <form className="stack narrow" onSubmit={submit} noValidate>
        <TextField label="Twilio Account SID" hint="Starts with AC. Find it on your Twilio console's home page." value={accountSid} onChange={setAccountSid} autoComplete="off" />
        <TextField label="Twilio Auth Token" type="password" value={authToken} onChange={setAuthToken} autoComplete="off" />
        {data?.liveCredentialsSaved ? <p role="status">Credentials are saved in this computer's keychain.</p> : null}
        <FormError error={save.error ?? clear.error ?? setMode.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending || !accountSid || !authToken}>
            Save credentials
          </button>
          {data?.liveCredentialsSaved ? (
            <>
              <button type="button" onClick={() => test.mutate(undefined)} disabled={test.isPending}>
                Test connection
              </button>
              <button type="button" onClick={() => clear.mutate(undefined)}>
                Remove credentials
              </button>
            </>
          ) : null}
        </div>
        {test.data ? <p role="status">{test.data.message}</p> : null}
      </form>
      {data ? (
        <div className="row">
          {data.mode === 'sandbox' ? (
            <button type="button" onClick={() => setMode.mutate({ mode: 'live' })} disabled={!data.liveConnectionTested}>
              Switch to live
            </button>
          ) : (
            <button type="button" onClick={() => setMode.mutate({ mode: 'sandbox' })}>
              Switch to Sandbox
            </button>
          )}
          {data.mode === 'sandbox' && !data.liveConnectionTested ? <span className="muted">Save and test your credentials first.</span> : null}
        </div>
      ) : null}
    </section>
  );
}
