import { useState, type FormEvent } from 'react';
import { formatPhone } from '../../../../shared/phone/e164';
import { useOptIn, useOptOut } from '../../api/consent-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { FamilyPolicyNote } from '../policy/family-policy-note';

/**
 * Record that a number agreed to texts (which sends the signup message), or that it wants none.
 * Opting in sends a text, so it needs Send Mass SMS; anyone may record an opt-out.
 */
export function ConsentForm({ country, canOptIn }: { country: string; canOptIn: boolean }) {
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const optIn = useOptIn();
  const optOut = useOptOut();
  const signup = useMessageOptions().data?.signupMessage.trim() ?? '';
  const pending = optIn.isPending || optOut.isPending;

  const submitOptIn = (event: FormEvent) => {
    event.preventDefault();
    if (!canOptIn) return;
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
      <h2 id="consent-form-title">{canOptIn ? 'Opt a number in or out' : 'Opt a number out'}</h2>
      {canOptIn ? (
        <p className="muted">
          Only opt a number in when its owner agreed to receive texts.
          {signup ? ` They are sent the signup message at once: “${signup}”` : ' No signup message is set, so nothing is sent.'}
        </p>
      ) : (
        <p className="muted">Opting a number in sends it a text, so it needs the Send Mass SMS permission. Ask an admin if you need it.</p>
      )}
      {canOptIn ? <FamilyPolicyNote /> : null}
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
        {canOptIn ? (
          <button type="submit" className="primary" disabled={pending || phone.trim() === ''}>
            Opt in
          </button>
        ) : null}
        <button type="button" onClick={submitOptOut} disabled={pending || phone.trim() === ''}>
          Opt out
        </button>
      </div>
    </form>
  );
}
