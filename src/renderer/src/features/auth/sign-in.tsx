import { useState, type FormEvent } from 'react';
import { useSignIn, useStaffDirectory } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { AuthScreen } from './auth-screen';

/** The shared-desk sign-in: pick your name, type your PIN. */
export function SignIn() {
  const directory = useStaffDirectory();
  const [staffId, setStaffId] = useState('');
  const [secret, setSecret] = useState('');
  const signIn = useSignIn();
  const chosen = staffId || directory.data?.[0]?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !secret) return;
    signIn.mutate({ staffId: chosen, secret }, { onError: () => setSecret('') });
  };

  return (
    <AuthScreen>
      <form className="auth-card" onSubmit={submit} noValidate>
        <h1>Sign in to SMS Desk</h1>
        <div className="field">
          <label htmlFor="who">Who is signing in?</label>
          <select id="who" value={chosen} onChange={(event) => setStaffId(event.target.value)}>
            {(directory.data ?? []).map((staff) => (
              <option key={staff.id} value={staff.id}>
                {staff.name}
              </option>
            ))}
          </select>
        </div>
        <TextField label="PIN or password" type="password" value={secret} onChange={setSecret} autoComplete="current-password" autoFocus required />
        <FormError error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending || !secret}>
          Sign in
        </button>
      </form>
    </AuthScreen>
  );
}
