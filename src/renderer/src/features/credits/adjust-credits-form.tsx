import { useState, type FormEvent } from 'react';
import { REASON_MAX_CHARS } from '../../../../shared/contract';
import { formatCredits } from '../../../../shared/credits/credits';
import { useAdjustCredits } from '../../api/credits-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { parseAdjustment, type AdjustmentErrors } from './adjustment';

/** Corrections by an admin (a refund, a goodwill grant); main writes each one to the audit log. */
export function AdjustCreditsForm() {
  const adjust = useAdjustCredits();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  // Errors appear only after a first try, so nobody is scolded for a field they have not reached.
  const [tried, setTried] = useState(false);
  const check = parseAdjustment(amount, reason);
  const errors: AdjustmentErrors = tried && !check.ok ? check.errors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.reset();
    setTried(true);
    if (!check.ok) return;
    adjust.mutate(check.value, {
      onSuccess: () => {
        // Cleared so a second press cannot apply the same correction twice.
        setAmount('');
        setReason('');
        setTried(false);
      },
    });
  };

  return (
    <form className="stack narrow" onSubmit={submit} noValidate aria-labelledby="adjust-title">
      <h2 id="adjust-title">Adjust credits</h2>
      <TextField
        label="Credits to add or remove"
        hint="A whole number. Positive adds credits, negative removes them."
        value={amount}
        onChange={setAmount}
        error={errors.credits}
        autoComplete="off"
        required
      />
      <TextField label="Reason" hint="Saved in the audit log, e.g. “Refund for a failed send”." value={reason} onChange={setReason} error={errors.reason} maxLength={REASON_MAX_CHARS} required />
      <FormError error={adjust.error} />
      {adjust.data ? <p role="status" className="notice success">Balance is now {formatCredits(adjust.data.available)}.</p> : null}
      <div className="row">
        <button type="submit" className="primary" disabled={adjust.isPending}>
          Adjust balance
        </button>
      </div>
    </form>
  );
}
