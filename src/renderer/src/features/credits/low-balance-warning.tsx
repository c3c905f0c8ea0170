import { formatCredits } from '../../../../shared/credits/credits';
import { useBillingNotices, useBillingOverview, useDismissNotice } from '../../api/billing-queries';
import { useUi } from '../../stores/ui-store';

/**
 * Shown in the app frame and in Compose while the available balance is under the warning level
 * (the auto-renew threshold, or 100 credits). The numbers are always spelled out; admins get a
 * link to buy, everyone else is told whom to ask.
 */
export function LowBalanceWarning({ canBuy }: { canBuy: boolean }) {
  const overview = useBillingOverview();
  const setArea = useUi((state) => state.setArea);
  const area = useUi((state) => state.area);
  const data = overview.data;
  if (!data || !data.lowBalance.low || data.accountModel === 'own_account') return null;
  const renewing = data.autoRenew.status === 'on';
  return (
    <p className="low-balance" role="status">
      <strong>Credits are running low:</strong> {formatCredits(data.available)} left (warning below {formatCredits(data.lowBalance.threshold)}).{' '}
      {renewing ? 'Auto Renew Credits will buy more. ' : null}
      {canBuy ? (
        area === 'Credits' ? null : (
          <a
            href="#Credits"
            onClick={(event) => {
              event.preventDefault();
              setArea('Credits');
            }}
          >
            Buy credits
          </a>
        )
      ) : (
        'Ask an admin to buy more.'
      )}
    </p>
  );
}

/** Renewal results for admins: they stay until an admin dismisses them. */
export function BillingNotices({ isAdmin }: { isAdmin: boolean }) {
  const notices = useBillingNotices(isAdmin);
  const dismiss = useDismissNotice();
  if (!isAdmin || !notices.data || notices.data.length === 0) return null;
  return (
    <div className="billing-notices">
      {notices.data.map((notice) => (
        <p key={notice.id} className={`notice ${notice.tone === 'problem' ? 'error' : 'success'} row spread`} role={notice.tone === 'problem' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" onClick={() => dismiss.mutate({ id: notice.id })} disabled={dismiss.isPending}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
