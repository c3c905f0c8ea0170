import { useSendingReadiness } from '../../api/carrier-queries';
import { useUi } from '../../stores/ui-store';

/**
 * Until the carriers have approved the business, its campaign and its number, texts cannot go out:
 * say so above the composer, with what is left (main's words) and, for an admin, the way there.
 */
export function SendingNotReady({ isAdmin }: { isAdmin: boolean }) {
  const readiness = useSendingReadiness().data;
  const openSettings = useUi((state) => state.openSettings);
  if (!readiness || readiness.ready) return null;
  return (
    <div role="status" className="notice" aria-label="Texting is not set up yet">
      <p>
        <strong>Texts cannot go out yet.</strong> {readiness.reason ?? 'Your texting registration is not finished.'}
      </p>
      {isAdmin ? (
        <button type="button" className="link" onClick={() => openSettings('sms')}>
          Open Settings → SMS
        </button>
      ) : (
        <p className="hint">An admin can finish this in Settings → SMS.</p>
      )}
    </div>
  );
}
