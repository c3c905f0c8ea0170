import { useState, type FormEvent } from 'react';
import { useSignOut, useUnlock } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { AuthScreen } from './auth-screen';

/** The desk locked itself (idle) or was locked: the same person unlocks, anyone else switches. */
export function LockScreen({ name }: { name: string }) {
  const [secret, setSecret] = useState('');
  const unlock = useUnlock();
  const signOut = useSignOut();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (secret) unlock.mutate({ secret }, { onError: () => setSecret('') });
  };

  return (
    <AuthScreen>
      <form className="auth-card" onSubmit={submit} noValidate>
        <h1>SMS Desk is locked</h1>
        <p className="lead">Locked for {name}. Enter your PIN or password to carry on.</p>
        <TextField label="PIN or password" type="password" value={secret} onChange={setSecret} autoComplete="current-password" autoFocus required />
        <FormError error={unlock.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={unlock.isPending || !secret}>
            Unlock
          </button>
          <button type="button" onClick={() => signOut.mutate(undefined)}>
            Switch user
          </button>
        </div>
      </form>
    </AuthScreen>
  );
}
