import { useBillingOverview } from '../../api/billing-queries';
import { useUi } from '../../stores/ui-store';

/**
 * For the Autopilot screen while a workflow is on: the seed's strong advice to turn on Auto
 * Renew Credits, since texts that go out by themselves stop when the credits run out.
 */
export function AutoRenewSuggestion({ workflowsOn, isAdmin }: { workflowsOn: boolean; isAdmin: boolean }) {
  const overview = useBillingOverview();
  const setArea = useUi((state) => state.setArea);
  const data = overview.data;
  if (!workflowsOn || !data || data.accountModel === 'own_account' || data.autoRenew.status === 'on') return null;
  return (
    <p className="notice" role="note">
      <strong>Turn on Auto Renew Credits.</strong> Autopilot texts stop when the credits run out; with Auto Renew Credits a pack is bought with a saved
      card before that happens.{' '}
      {isAdmin ? (
        <a
          href="#Credits"
          onClick={(event) => {
            event.preventDefault();
            setArea('Credits');
          }}
        >
          Set it up on the Credits screen
        </a>
      ) : (
        'Ask an admin to set it up.'
      )}
    </p>
  );
}
