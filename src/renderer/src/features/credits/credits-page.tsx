import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { useBillingOverview, useRecentPurchases, useTwilioBalance } from '../../api/billing-queries';
import { FormError } from '../../components/form-error';
import { AutoRenewPanel } from './auto-renew-panel';
import { BuyCredits } from './buy-credits';
import { AdjustCreditsForm } from './adjust-credits-form';
import { BalanceCard } from './credits-settings-tab';
import { LedgerHistory } from './ledger-history';
import { BillingNotices } from './low-balance-warning';
import { PurchaseStatus } from './purchase-status';

/** The Credits area: balance for everyone; buying and auto-renew for admins; the history for everyone. */
export function CreditsPage({ staff }: { staff: StaffSummary }) {
  const isAdmin = staff.permissions.includes('adminAccess');
  const overview = useBillingOverview();
  const recent = useRecentPurchases(isAdmin);
  const [started, setStarted] = useState<string | null>(null);
  const [setAside, setSetAside] = useState<readonly string[]>([]);
  // A purchase still open (this visit's, or one left open before) is followed until it ends or the
  // person stops waiting for it.
  const recentOpen = recent.data?.find((p) => p.status === 'open' && !setAside.includes(p.purchaseId));
  const open = started ?? recentOpen?.purchaseId ?? null;
  const done = (purchaseId: string) => {
    setStarted(null);
    setSetAside((ids) => [...ids, purchaseId]);
  };
  const data = overview.data;
  const ownAccount = data?.accountModel === 'own_account';

  return (
    <section className="panel stack" aria-labelledby="area-title">
      <h1 id="area-title">Credits</h1>
      <BillingNotices isAdmin={isAdmin} />
      <BalanceCard />
      <FormError error={overview.error} />
      {data && ownAccount ? <TwilioBalance /> : null}
      {data && !ownAccount && isAdmin ? (
        <>
          {open ? <PurchaseStatus purchaseId={open} onDone={() => done(open)} key={open} /> : null}
          {data.billingReady ? (
            <BuyCredits overview={data} onStarted={setStarted} />
          ) : (
            <p className="notice">Buying credits is not set up on this computer yet. An admin can connect it in Settings → Credits.</p>
          )}
          <AutoRenewPanel overview={data} canManage={data.billingReady} />
        </>
      ) : null}
      {data && !ownAccount && !isAdmin ? <p className="muted">Only staff with Admin Access can buy credits. Ask an admin when the balance runs low.</p> : null}
      <LedgerHistory />
      {isAdmin ? (
        <section className="card">
          <AdjustCreditsForm />
        </section>
      ) : null}
    </section>
  );
}

/** Own Twilio account: the business pays Twilio, so the screen shows Twilio's balance instead of a purchase form. */
function TwilioBalance() {
  const balance = useTwilioBalance(true);
  const amount = balance.data ? Number(balance.data.amount) : null;
  const shown =
    balance.data && amount !== null && Number.isFinite(amount) && /^[A-Z]{3}$/.test(balance.data.currency)
      ? new Intl.NumberFormat(undefined, { style: 'currency', currency: balance.data.currency }).format(amount)
      : (balance.data ? `${balance.data.amount} ${balance.data.currency}` : null);
  return (
    <section className="card stack" aria-labelledby="own-title">
      <h2 id="own-title">Paid through your own Twilio account</h2>
      <p>Your business pays Twilio directly for texts, so credits are not bought here. Usage and invoices are in the Twilio Console.</p>
      {shown !== null ? (
        <dl className="credit-figures">
          <div>
            <dt>Twilio balance</dt>
            <dd>{shown}</dd>
          </div>
        </dl>
      ) : (
        <FormError error={balance.error} />
      )}
    </section>
  );
}
