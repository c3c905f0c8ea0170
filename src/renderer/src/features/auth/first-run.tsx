import { useState, type FormEvent } from 'react';
import { useCreateFirstAdmin } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { adminSecretSchema } from '../../../../shared/contract';
import { AuthScreen } from './auth-screen';

/** First start: the person setting up SMS Desk becomes its first admin. */
export function FirstRun() {
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateFirstAdmin();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = adminSecretSchema.safeParse(secret);
    if (!name.trim()) return setProblem('Enter your name.');
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? 'Choose a PIN or password.');
    if (secret !== confirm) return setProblem('The two PINs or passwords do not match.');
    setProblem(null);
    create.mutate({ name: name.trim(), secret });
  };

  return (
    <AuthScreen>
      <form className="auth-card" onSubmit={submit} noValidate>
        <h1>Welcome to SMS Desk</h1>
        <p className="lead">Set up the first admin. You can add the rest of your team afterwards.</p>
        <TextField label="Your name" value={name} onChange={setName} autoComplete="name" autoFocus required />
        <TextField
          label="PIN or password"
          hint="As the admin, use a PIN of 6–12 digits, or a password of at least 8 characters."
          type="password"
          value={secret}
          onChange={setSecret}
          autoComplete="new-password"
          required
        />
        <TextField label="Confirm PIN or password" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" required />
        <FormError error={problem ? new Error(problem) : create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create admin
        </button>
      </form>
    </AuthScreen>
  );
}
