import { useCreditBalance } from '../../api/credits-queries';
import { FormError } from '../../components/form-error';
import { AdjustCreditsForm } from './adjust-credits-form';
import { BillingConnection, BusinessCountry } from './business-country';
import { formatCount, heldExplanation } from './format';

/** Settings → Credits (Admin only): the business's country, the live billing connection, the balance and adjustments. */
export function CreditsSettingsTab() {
  return (
    <div className="stack">
      <BusinessCountry />
      <BillingConnection />
      <CreditsOverview canAdjust />
    </div>
  );
}

/** The balance for everyone; the adjustment form only where the viewer may adjust (Admin Access). */
export function CreditsOverview({ canAdjust }: { canAdjust: boolean }) {
  return (
    <div className="stack">
      <BalanceCard />
      {canAdjust && (
        <section className="card">
          <AdjustCreditsForm />
        </section>
      )}
    </div>
  );
}

/** Available and held credits, with what a credit is. */
export function BalanceCard() {
  const balance = useCreditBalance();
  const data = balance.data;
  return (
      <section className="card stack" aria-labelledby="balance-title">
        <h2 id="balance-title">Credit balance</h2>
        <p>
          One credit pays for one text segment to one person. Credits are held when a send is queued and refunded if the carrier rejects the message.
        </p>
        {data ? (
          <dl className="credit-figures">
            <div>
              <dt>Available</dt>
              <dd>{formatCount(data.available)}</dd>
            </div>
            <div>
              <dt>Held</dt>
              <dd title={data.reserved > 0 ? heldExplanation(data.reserved) : undefined}>{formatCount(data.reserved)}</dd>
            </div>
          </dl>
        ) : (
          <FormError error={balance.error} />
        )}
      </section>
  );
}
