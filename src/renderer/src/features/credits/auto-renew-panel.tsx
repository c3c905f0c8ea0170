import { useState, type FormEvent } from 'react';
import { MAX_PURCHASE_CREDITS } from '../../../../shared/billing/rates';
import type { BillingOverview } from '../../../../shared/contract';
import { formatCredits } from '../../../../shared/credits/credits';
import { openPaymentPage, useClearAutoRenew, useRefreshAutoRenew, useSetAutoRenew } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';

const STATE_WORDS = {
  off: 'Off.',
  needs_card: 'Waiting for a card: finish saving it on the page that opened in your browser, then press “Check card”.',
  on: 'On.',
  disabled: 'Off because the last renewal failed.',
} as const;

/** Auto Renew Credits: threshold, pack, a saved card (set up on a payment page), and turning it off. */
export function AutoRenewPanel({ overview, canManage }: { overview: BillingOverview; canManage: boolean }) {
  const state = overview.autoRenew;
  const [threshold, setThreshold] = useState(String(state.thresholdCredits ?? 200));
  const [pack, setPack] = useState(String(state.packCredits ?? overview.packs[1] ?? overview.packs[0] ?? 1000));
  const [tried, setTried] = useState(false);
  const set = useSetAutoRenew();
  const refresh = useRefreshAutoRenew();
  const clear = useClearAutoRenew();
  const thresholdNumber = /^\d+$/.test(threshold.replace(/,/g, '')) ? Number(threshold.replace(/,/g, '')) : null;
  const thresholdError = thresholdNumber === null || thresholdNumber > MAX_PURCHASE_CREDITS ? 'Enter a whole number of credits, e.g. 200.' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (thresholdNumber === null || thresholdError) return;
    set.mutate({ thresholdCredits: thresholdNumber, packCredits: Number(pack) }, { onSuccess: (answer) => openPaymentPage(answer.setupUrl) });
  };

  return (
    <section className="card stack" aria-labelledby="renew-title">
      <h2 id="renew-title">Auto Renew Credits</h2>
      {state.status === 'off' ? (
        <p className="notice">
          <strong>Recommended, especially for Autopilot messages:</strong> buy a pack automatically with a saved card when the balance runs low, so texts never stop for lack of credits.
        </p>
      ) : null}
      <p role="status">
        <strong>Status:</strong> {STATE_WORDS[state.status]}
        {state.status === 'on' && state.thresholdCredits !== null && state.packCredits !== null ? (
          <> When fewer than {formatCredits(state.thresholdCredits)} are left, {formatCredits(state.packCredits)} are bought{state.card ? <> with the {state.card}</> : null}.</>
        ) : null}
      </p>
      {state.status === 'disabled' && state.reason ? <p className="notice error">{state.reason} Save a card again to turn it back on.</p> : null}
      {canManage ? (
        <form className="stack narrow" onSubmit={submit} noValidate>
          <TextField
            label="Renew when the balance falls below"
            unit="credits"
            value={threshold}
            onChange={setThreshold}
            error={tried ? thresholdError : null}
            inputMode="numeric"
            autoComplete="off"
          />
          <div className="field">
            <label htmlFor="renew-pack">Credits to buy each time</label>
            <select id="renew-pack" value={pack} onChange={(event) => setPack(event.target.value)}>
              {overview.packs.map((p) => (
                <option key={p} value={String(p)}>
                  {formatCredits(p)}
                </option>
              ))}
            </select>
          </div>
          <FormError error={set.error ?? refresh.error ?? clear.error} />
          <div className="row">
            <button type="submit" className="primary" disabled={set.isPending}>
              {state.status === 'on' ? 'Save and change card' : 'Save a card'}
            </button>
            {state.status === 'needs_card' ? (
              <button type="button" onClick={() => refresh.mutate(undefined)} disabled={refresh.isPending}>
                Check card
              </button>
            ) : null}
            {state.status !== 'off' ? (
              <button type="button" onClick={() => clear.mutate(undefined)} disabled={clear.isPending}>
                Turn off
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="muted">An admin can change Auto Renew Credits.</p>
      )}
    </section>
  );
}
