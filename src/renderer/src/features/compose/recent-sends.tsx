import type { BatchSummary } from '../../../../shared/contract';
import { useCancelSend, useRecentSends, useSendingStatus } from '../../api/send-queries';
import { FormError } from '../../components/form-error';
import { formatCount } from '../credits/format';
import { formatShortWhen, formatWhen } from './timing';

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

/** The last sends with their progress; staff who may send can cancel what has not gone yet. */
export function RecentSends({ canCancel }: { canCancel: boolean }) {
  const sends = useRecentSends();
  const status = useSendingStatus().data;
  const cancel = useCancelSend();
  // "Scheduled" and "today" are judged at the moment the list was read from main.
  const now = sends.dataUpdatedAt;
  return (
    <section className="card stack" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent sends</h2>
      {status?.paused ? (
        <p className="notice error" role="status">
          Texts are waiting: {status.paused.reason}
        </p>
      ) : null}
      <FormError error={sends.error ?? cancel.error} />
      {sends.data && sends.data.length === 0 ? <p className="muted">Nothing sent yet.</p> : null}
      {sends.data && sends.data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Message</th>
              <th scope="col">Recipients</th>
              <th scope="col">Progress</th>
              {canCancel ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {sends.data.map((batch) => {
              const done = batch.recipients - batch.counts.queued - batch.counts.claimed;
              const cancelable = batch.kind === 'mass' && batch.counts.queued > 0;
              return (
                <tr key={batch.id}>
                  <td>{formatShortWhen(batch.createdAt, now)}</td>
                  <td className="detail">
                    <span className="muted">{kindLabels[batch.kind]}: </span>
                    {batch.preview}
                  </td>
                  <td>{formatCount(batch.recipients)}</td>
                  <td>
                    <progress max={batch.recipients} value={done} aria-label={`Send ${batch.id} progress`} /> {describeProgress(batch, now)}
                  </td>
                  {canCancel ? (
                    <td>
                      {cancelable ? (
                        <button type="button" onClick={() => cancel.mutate(batch.id)} disabled={cancel.isPending}>
                          Cancel the rest
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
