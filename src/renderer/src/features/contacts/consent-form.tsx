import { useState, type FormEvent } from 'react';
import { formatPhone } from '../../../../shared/phone/e164';
import { useOptIn, useOptOut } from '../../api/consent-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

/** Record that a number agreed to texts (which sends the signup message), or that it wants none. */
export function ConsentForm({ country }: { country: string }) {
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const optIn = useOptIn();
  const optOut = useOptOut();
  const signup = useMessageOptions().data?.signupMessage.trim() ?? '';
  const pending = optIn.isPending || optOut.isPending;

  const submitOptIn = (event: FormEvent) => {
    event.preventDefault();
    optOut.reset();
    setDone(null);
    optIn.mutate(phone, {
      onSuccess: (result) => {
        const number = formatPhone(result.phone, country);
        setDone(result.signupQueued ? `${number} is opted in. The signup message is on its way.` : `${number} is opted in.`);
        setPhone('');
      },
    });
  };

  const submitOptOut = () => {
    optIn.reset();
    setDone(null);
    optOut.mutate(phone, {
      onSuccess: (result) => {
        setDone(`${formatPhone(result.phone, country)} is opted out. It gets no more texts, and any waiting are canceled.`);
        setPhone('');
      },
    });
  };

  return (
    <form className="card stack" onSubmit={submitOptIn} noValidate aria-labelledby="consent-form-title">
      <h2 id="consent-form-title">Opt a number in or out</h2>
      <p className="muted">
        Only opt a number in when its owner agreed to receive texts.
        {signup ? ` They are sent the signup message at once: “${signup}”` : ' No signup message is set, so nothing is sent.'}
      </p>
      <div className="narrow">
        <TextField label="Phone number" value={phone} onChange={setPhone} inputMode="tel" autoComplete="off" />
      </div>
      <FormError error={optIn.error ?? optOut.error} />
      {done ? (
        <p className="notice success" role="status">
          {done}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={pending || phone.trim() === ''}>
          Opt in
        </button>
        <button type="button" onClick={submitOptOut} disabled={pending || phone.trim() === ''}>
          Opt out
        </button>
      </div>
    </form>
  );
}
