import type { BatchSummary } from '../../../../shared/contract';
import './send-progress-bar.css';

/** The bar's parts in order, each drawn in the colour of how those texts ended. */
const outcomes = [
  { name: 'reached', count: (c: BatchSummary['counts']) => c.accepted + c.sent + c.delivered },
  { name: 'failed', count: (c: BatchSummary['counts']) => c.failed + c.undelivered },
  { name: 'canceled', count: (c: BatchSummary['counts']) => c.canceled },
] as const;

/**
 * A send's progress by outcome: a send whose texts all failed shows a red bar, not a full blue
 * one. The words beside it say the same in numbers, so colour is never the only signal.
 */
export function SendProgressBar({ batch, description }: { batch: BatchSummary; description: string }) {
  const total = Math.max(1, batch.recipients);
  const done = batch.recipients - batch.counts.queued - batch.counts.claimed;
  return (
    <span
      className="send-bar"
      role="progressbar"
      aria-label={`Send ${batch.id} progress`}
      aria-valuemin={0}
      aria-valuemax={batch.recipients}
      aria-valuenow={done}
      aria-valuetext={description}
    >
      {outcomes.map(({ name, count }) => {
        const share = Math.min(100, (count(batch.counts) / total) * 100);
        return share > 0 ? <span key={name} className={`send-bar-part ${name}`} data-outcome={name} style={{ width: `${share}%` }} /> : null;
      })}
    </span>
  );
}
