import { useState, type FormEvent } from 'react';
import { useSecuritySettings, useUpdateSecurity } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { StartAtLoginSetting } from './start-at-login-setting';

export function SecurityTab() {
  const current = useSecuritySettings();
  return (
    <>
      {current.data ? <SecurityForm initial={current.data} /> : <FormError error={current.error} />}
      <StartAtLoginSetting />
    </>
  );
}

function SecurityForm({ initial }: { initial: { idleLockMinutes: number; maxPinAttempts: number; lockoutMinutes: number } }) {
  const [idle, setIdle] = useState(String(initial.idleLockMinutes));
  const [attempts, setAttempts] = useState(String(initial.maxPinAttempts));
  const [lockout, setLockout] = useState(String(initial.lockoutMinutes));
  const save = useUpdateSecurity();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ idleLockMinutes: Number(idle), maxPinAttempts: Number(attempts), lockoutMinutes: Number(lockout) });
  };

  return (
    <form className="stack narrow" onSubmit={submit} noValidate>
      <h2>Security</h2>
      <TextField label="Lock the desk after this many idle minutes" type="number" min={1} max={240} value={idle} onChange={setIdle} />
      <TextField label="Wrong PIN tries before a profile is locked" type="number" min={3} max={20} value={attempts} onChange={setAttempts} />
      <TextField label="Minutes a locked profile stays locked" type="number" min={1} max={1440} value={lockout} onChange={setLockout} />
      <FormError error={save.error} />
      {save.isSuccess ? <p role="status">Saved.</p> : null}
      <button type="submit" className="primary" disabled={save.isPending}>
        Save security settings
      </button>
    </form>
  );
}
