import type { BatchSummary } from '../../../../shared/contract';
import { useState } from 'react';
import { creditsForSend } from '../../../../shared/credits/credits';
import { useCreditBalance } from '../../api/credits-queries';
import { useCancelSend, useRecentSends, useRetryFailed, useSendingStatus } from '../../api/send-queries';
import { FormError } from '../../components/form-error';
import { formatCount } from '../credits/format';
import { ConfirmSendDialog, type SendFacts } from './confirm-send-dialog';
import { SendFailures } from './send-failures';
import { SendProgressBar } from './send-progress-bar';
import { formatShortWhen, formatWhen } from './timing';
import { TableHead } from '../../components/table-head';

const kindLabels: Record<BatchSummary['kind'], string> = {
  mass: 'Text',
  reply: 'Reply',
  signup: 'Signup message',
  automated: 'Autopilot',
};

/** Where a send stands, in words a front desk reads at a glance. */
export function describeProgress(batch: BatchSummary, now: number): string {
  const c = batch.counts;
  const reached = c.accepted + c.sent + c.delivered;
  const waiting = c.queued + c.claimed;
  const parts: string[] = [];
  if (c.delivered > 0) parts.push(`${formatCount(c.delivered)} delivered`);
  if (c.accepted + c.sent > 0) parts.push(`${formatCount(c.accepted + c.sent)} with the carrier`);
  if (c.failed + c.undelivered > 0) parts.push(`${formatCount(c.failed + c.undelivered)} failed`);
  if (c.canceled > 0) parts.push(`${formatCount(c.canceled)} canceled`);
  if (waiting > 0) {
    parts.push(batch.notBefore !== null && batch.notBefore > now ? `${formatCount(waiting)} scheduled for ${formatWhen(batch.notBefore)}` : `${formatCount(waiting)} waiting`);
  }
  if (parts.length === 0) parts.push(reached === 0 ? 'Nothing sent' : 'Sent');
  return parts.join(', ');
}

/** The last sends with their progress; staff who may send can cancel what has not gone yet and retry what failed. */
export function RecentSends({ canCancel }: { canCancel: boolean }) {
  const sends = useRecentSends();
  const status = useSendingStatus().data;
  const cancel = useCancelSend();
  const retry = useRetryFailed();
  const available = useCreditBalance().data?.available ?? 0;
  const [retrying, setRetrying] = useState<BatchSummary | null>(null);
  // "Scheduled" and "today" are judged at the moment the list was read from main.
  const now = sends.dataUpdatedAt;
  const actions: RowActions | null = canCancel ? { cancel: (batch) => cancel.mutate(batch.id), retry: setRetrying, busy: cancel.isPending || retry.isPending } : null;
  return (
    <section className="card stack" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent sends</h2>
      {status?.paused ? (
        <p className="notice error" role="status">
          Texts are waiting: {status.paused.reason}
        </p>
      ) : null}
      <FormError error={sends.error ?? cancel.error ?? retry.error} />
      {retry.data ? (
        <p className="notice success" role="status">
          The retry is on its way to {retry.data.batch.recipients === 1 ? '1 number' : `${formatCount(retry.data.batch.recipients)} numbers`}.
          {retry.data.skipped.length > 0 ? ` ${formatCount(retry.data.skipped.length)} left out (opted out since).` : ''}
        </p>
      ) : null}
      {sends.data && sends.data.length === 0 ? <p className="muted">Nothing sent yet.</p> : null}
      {sends.data && sends.data.length > 0 ? (
        <table>
          <TableHead columns={actions ? ['Queued', 'Message', 'Recipients', 'Progress', 'Actions'] : ['Queued', 'Message', 'Recipients', 'Progress']} />
          <tbody>
            {sends.data.map((batch) => (
              <SendRow key={batch.id} batch={batch} now={now} actions={actions} />
            ))}
          </tbody>
        </table>
      ) : null}
      {retrying ? (
        <ConfirmSendDialog
          facts={retryFacts(retrying, available)}
          pending={retry.isPending}
          onConfirm={() => retry.mutate(retrying.id, { onSettled: () => setRetrying(null) })}
          onCancel={() => setRetrying(null)}
        />
      ) : null}
    </section>
  );
}

const failedCount = (batch: BatchSummary) => batch.counts.failed + batch.counts.undelivered;

function retryFacts(batch: BatchSummary, available: number): SendFacts {
  const credits = creditsForSend(batch.creditsPerRecipient, failedCount(batch));
  return { recipients: failedCount(batch), parts: batch.creditsPerRecipient, credits, creditsLeft: available - credits, when: 'now, as a new send' };
}

interface RowActions {
  cancel(batch: BatchSummary): void;
  retry(batch: BatchSummary): void;
  busy: boolean;
}

function SendRow({ batch, now, actions }: { batch: BatchSummary; now: number; actions: RowActions | null }) {
  const [showFailures, setShowFailures] = useState(false);
  const description = describeProgress(batch, now);
  const missed = failedCount(batch) + batch.counts.canceled;
  return (
    <tr>
      <td>{formatShortWhen(batch.createdAt, now)}</td>
      <td className="detail">
        <span className="muted">{kindLabels[batch.kind]}: </span>
        {batch.preview}
      </td>
      <td>{formatCount(batch.recipients)}</td>
      <td>
        <SendProgressBar batch={batch} description={description} /> {description}
        {missed > 0 ? (
          <div>
            <button type="button" className="link" aria-expanded={showFailures} onClick={() => setShowFailures(!showFailures)}>
              {showFailures ? 'Hide' : 'See'} what did not arrive
            </button>
            {showFailures ? <SendFailures batch={batch} /> : null}
          </div>
        ) : null}
      </td>
      {actions ? (
        <td>
          <div className="row">
            {batch.kind === 'mass' && batch.counts.queued > 0 ? (
              <button type="button" onClick={() => actions.cancel(batch)} disabled={actions.busy}>
                Cancel the rest
              </button>
            ) : null}
            {batch.kind === 'mass' && failedCount(batch) > 0 ? (
              <button type="button" onClick={() => actions.retry(batch)} disabled={actions.busy}>
                Retry the {formatCount(failedCount(batch))} failed
              </button>
            ) : null}
          </div>
        </td>
      ) : null}
    </tr>
  );
}
