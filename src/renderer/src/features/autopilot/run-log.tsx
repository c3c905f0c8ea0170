import { useWorkflowRuns } from '../../api/autopilot-queries';
import { formatInZone } from './describe-trigger';

const outcomeWords = { queued: 'Sent', skipped: 'Skipped', failed: 'Not sent' } as const;

/** Every run of one workflow, newest first: when, how many texts, credits, who was left out, and why a run was skipped. */
export function RunLog({ workflowId, timeZone }: { workflowId: number; timeZone: string }) {
  const runs = useWorkflowRuns(workflowId);
  if (runs.isPending) return <p>Reading the run log…</p>;
  if (!runs.data || runs.data.length === 0) return <p className="hint">No runs yet.</p>;
  return (
    <table aria-label="Run log">
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Result</th>
          <th scope="col">Texts</th>
          <th scope="col">Credits</th>
          <th scope="col">Left out</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {runs.data.map((run) => (
          <tr key={run.id}>
            <td>{formatInZone(run.occurrenceAt, timeZone)}</td>
            <td>{outcomeWords[run.outcome]}</td>
            <td>{run.texts}</td>
            <td>{run.credits.toLocaleString('en-US')}</td>
            <td>{run.leftOut}</td>
            <td>{run.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
