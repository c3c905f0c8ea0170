import { MAX_FAILURES_LISTED, type BatchSummary } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useAppStatus } from '../../api/queries';
import { useSendFailures } from '../../api/send-queries';
import { FormError } from '../../components/form-error';
import { formatCount } from '../credits/format';
import { outboxStateLabels } from './outbox-state-labels';

/** The numbers a send did not reach, each with the carrier's reason in plain words. */
export function SendFailures({ batch }: { batch: BatchSummary }) {
  const failures = useSendFailures(batch.id);
  const country = useAppStatus().data?.country ?? 'US';
  const total = batch.counts.failed + batch.counts.undelivered + batch.counts.canceled;
  if (failures.error) return <FormError error={failures.error} />;
  if (!failures.data) return <p className="muted">Loading…</p>;
  return (
    <ul className="history" aria-label={`What did not arrive from send ${batch.id}`}>
      {failures.data.map((failure) => (
        <li key={failure.to}>
          <strong>{formatPhone(failure.to, country)}</strong> — {outboxStateLabels[failure.state]}
          {failure.reason ? `: ${failure.reason}` : '.'}
          {failure.errorCode !== null ? <span className="muted"> (carrier code {failure.errorCode})</span> : null}
        </li>
      ))}
      {total > MAX_FAILURES_LISTED ? <li>…and {formatCount(total - MAX_FAILURES_LISTED)} more.</li> : null}
    </ul>
  );
}
