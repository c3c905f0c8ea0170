import { SKIPPED_SHOWN, type SendEstimate } from '../../../../shared/contract';
import { formatCount } from '../credits/format';

interface Props {
  estimate: SendEstimate | undefined;
  /** Parts each person gets, from the live preview (the estimate may lag typing by a moment). */
  parts: number;
  credits: number;
  available: number | undefined;
}

/** The numbers to see before anything is sent: who, how many parts, how many credits. */
export function SendSummary({ estimate, parts, credits, available }: Props) {
  const recipients = estimate?.recipients ?? 0;
  const after = available === undefined ? undefined : available - credits;
  return (
    <section className="card stack summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Before you send</h2>
      <dl className="figures">
        <div>
          <dt>Recipients</dt>
          <dd>{formatCount(recipients)}</dd>
        </div>
        <div>
          <dt>Parts per text</dt>
          <dd>{parts}</dd>
        </div>
        <div>
          <dt>Credits needed</dt>
          <dd>{formatCount(credits)}</dd>
        </div>
        <div>
          <dt>Credits left after</dt>
          <dd className={after !== undefined && after < 0 ? 'danger' : undefined}>{after === undefined ? '…' : formatCount(after)}</dd>
        </div>
      </dl>
      <p className="muted">One credit per part for each recipient.</p>
      {estimate && estimate.skippedCount > 0 ? <LeftOut skipped={estimate.skipped} count={estimate.skippedCount} /> : null}
    </section>
  );
}

/** Numbers that will not get the text, each with the reason, so nobody wonders why a family was missed; `count` is all of them, `skipped` the first. */
function LeftOut({ skipped, count }: { skipped: SendEstimate['skipped']; count: number }) {
  const shown = skipped.slice(0, SKIPPED_SHOWN);
  return (
    <details>
      <summary>
        {formatCount(count)} {count === 1 ? 'entry' : 'entries'} left out — see why
      </summary>
      <ul className="left-out" tabIndex={0} aria-label="Entries left out">
        {shown.map((entry, index) => (
          <li key={index}>
            <strong>{entry.input || '(blank)'}</strong>: {entry.reason}
          </li>
        ))}
        {count > shown.length ? <li>…and {formatCount(count - shown.length)} more.</li> : null}
      </ul>
    </details>
  );
}
