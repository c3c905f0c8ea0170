import { useState, type FormEvent } from 'react';
import { MAX_PURCHASE_CREDITS, MIN_PURCHASE_CREDITS, formatMoney } from '../../../../shared/billing/rates';
import type { BillingOverview } from '../../../../shared/contract';
import { formatCredits } from '../../../../shared/credits/credits';
import { openPaymentPage, useCreatePurchase, useQuote } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from './format';

const CUSTOM = 'custom';

/** A custom amount as typed, or why it cannot be bought. */
export function parseCustomCredits(raw: string): { ok: true; credits: number } | { ok: false; error: string } {
  const text = raw.replace(/[,\s]/g, '');
  if (text === '') return { ok: false, error: 'Enter how many credits to buy.' };
  if (!/^\d+$/.test(text)) return { ok: false, error: 'Whole credits only, e.g. 1500.' };
  const credits = Number(text);
  if (credits < MIN_PURCHASE_CREDITS) return { ok: false, error: `Buy at least ${formatCount(MIN_PURCHASE_CREDITS)} credits.` };
  if (credits > MAX_PURCHASE_CREDITS) return { ok: false, error: `Buy at most ${formatCount(MAX_PURCHASE_CREDITS)} credits at a time.` };
  return { ok: true, credits };
}

/** Packs and a custom amount, the total before paying, and Buy: the checkout opens in the browser. */
export function BuyCredits({ overview, onStarted }: { overview: BillingOverview; onStarted(purchaseId: string): void }) {
  const [choice, setChoice] = useState<string>(String(overview.packs[1] ?? overview.packs[0] ?? MIN_PURCHASE_CREDITS));
  const [custom, setCustom] = useState('');
  const [tried, setTried] = useState(false);
  const create = useCreatePurchase();
  const parsed = choice === CUSTOM ? parseCustomCredits(custom) : { ok: true as const, credits: Number(choice) };
  const credits = parsed.ok ? parsed.credits : null;
  const quote = useQuote(credits);
  const q = quote.data?.kind === 'priced' && credits !== null && quote.data.credits === credits ? quote.data : null;

  if (overview.rate.kind === 'contactSupport') {
    return (
      <section className="card stack" aria-labelledby="buy-title">
        <h2 id="buy-title">Buy credits</h2>
        <p>
          Credits are not sold online for your country yet. Please contact <strong>{overview.rate.supportEmail}</strong> and we will set it up with you.
        </p>
      </section>
    );
  }
  const rate = overview.rate;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (credits === null) return;
    create.mutate({ credits }, {
      onSuccess: (purchase) => {
        onStarted(purchase.purchaseId);
        if (purchase.checkoutUrl) openPaymentPage(purchase.checkoutUrl);
      },
    });
  };

  return (
    <form className="card stack" aria-labelledby="buy-title" onSubmit={submit} noValidate>
      <h2 id="buy-title">Buy credits</h2>
      <p className="muted">
        {formatMoney(rate.perCredit)} per credit
        {rate.monthlyFee ? <>, plus a monthly fee of {formatMoney(rate.monthlyFee)}</> : null}. You pay on a secure page that opens in your web browser.
      </p>
      {overview.mode === 'sandbox' ? <p className="muted">Sandbox: the payment page is a test page and no card is ever charged.</p> : null}
      <fieldset className="packs">
        <legend>How many credits?</legend>
        {overview.packs.map((pack) => (
          <label key={pack} className="pack">
            <input type="radio" name="pack" value={String(pack)} checked={choice === String(pack)} onChange={() => setChoice(String(pack))} />
            <span>{formatCredits(pack)}</span>
          </label>
        ))}
        <label className="pack">
          <input type="radio" name="pack" value={CUSTOM} checked={choice === CUSTOM} onChange={() => setChoice(CUSTOM)} />
          <span>Another amount</span>
        </label>
      </fieldset>
      {choice === CUSTOM ? (
        <TextField
          label="Credits to buy"
          hint={`From ${formatCount(MIN_PURCHASE_CREDITS)} to ${formatCount(MAX_PURCHASE_CREDITS)}.`}
          value={custom}
          onChange={setCustom}
          error={tried && !parsed.ok ? parsed.error : null}
          inputMode="numeric"
          autoComplete="off"
        />
      ) : null}
      <dl className="quote" aria-live="polite">
        {q ? (
          <>
            <div><dt>{formatCredits(q.credits)}</dt><dd>{formatMoney(q.creditsCost)}</dd></div>
            {q.monthlyFee ? <div><dt>Monthly fee</dt><dd>{formatMoney(q.monthlyFee)}</dd></div> : null}
            <div className="total"><dt>Total to pay</dt><dd>{formatMoney(q.total)}</dd></div>
          </>
        ) : (
          <div><dt>Total to pay</dt><dd>—</dd></div>
        )}
      </dl>
      <FormError error={create.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending || (tried && credits === null)}>
          {q ? `Buy ${formatCredits(q.credits)} for ${formatMoney(q.total)}` : 'Buy credits'}
        </button>
      </div>
    </form>
  );
}
