import { formatMoney } from '../../../../shared/billing/rates';
import type { PurchaseView } from '../../../../shared/contract';
import { formatCredits } from '../../../../shared/credits/credits';
import { openPaymentPage, usePurchase } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';

/** The billing service's reason, saying once that nothing was charged. */
const withNothingCharged = (reason: string): string => (/nothing was charged/i.test(reason) ? reason : `${reason} Nothing was charged.`);

/** The sentence for a purchase's state, as a front-desk worker reads it. */
export function purchaseSentence(p: PurchaseView): { tone: 'waiting' | 'success' | 'error'; text: string } {
  if (p.status === 'paid') {
    return p.granted
      ? { tone: 'success', text: `Paid: ${formatCredits(p.credits)} added to your balance.` }
      : { tone: 'waiting', text: `Paid: adding ${formatCredits(p.credits)}…` };
  }
  if (p.status === 'declined') {
    const again = p.checkoutUrl ? ' You can try another card on the same payment page.' : '';
    return { tone: 'error', text: `${withNothingCharged(p.failure ?? 'The card was declined.')} No credits were added.${again}` };
  }
  if (p.status === 'expired') return { tone: 'error', text: 'The payment page was closed or timed out before paying. Nothing was charged.' };
  return { tone: 'waiting', text: `Waiting for payment of ${formatMoney(p.total)} for ${formatCredits(p.credits)}… Finish paying on the page that opened in your browser.` };
}

/** Follows one purchase until it is paid, declined or expired (main asks the billing service). */
export function PurchaseStatus({ purchaseId, onDone }: { purchaseId: string; onDone(): void }) {
  const purchase = usePurchase(purchaseId);
  const p = purchase.data;
  if (!p) return <FormError error={purchase.error} />;
  const { tone, text } = purchaseSentence(p);
  return (
    <section className="card stack" aria-labelledby="purchase-title">
      <h2 id="purchase-title">Your purchase</h2>
      <p role="status" className={`notice ${tone === 'success' ? 'success' : tone === 'error' ? 'error' : ''}`}>
        {text}
      </p>
      <FormError error={purchase.error} />
      <div className="row">
        {(p.status === 'open' || p.status === 'declined') && p.checkoutUrl ? (
          <button type="button" onClick={() => openPaymentPage(p.checkoutUrl!)}>
            Open the payment page again
          </button>
        ) : null}
        {p.status === 'open' ? (
          <>
            <button type="button" onClick={() => void purchase.refetch()} disabled={purchase.isFetching}>
              Check now
            </button>
            {/* A page closed without paying: nothing is charged, and the purchase expires by itself. */}
            <button type="button" onClick={onDone}>
              Stop waiting
            </button>
          </>
        ) : (
          <button type="button" onClick={onDone}>
            Done
          </button>
        )}
      </div>
    </section>
  );
}
