import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import type { Workflow } from '../../../../shared/contract/autopilot';
import { useAudienceChoices } from '../../api/audience-queries';
import { useRemoveWorkflow, useSetWorkflowEnabled, useWorkflows } from '../../api/autopilot-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { defaultMessageOptions } from '../../../../shared/sms/message-options';
import { useUi } from '../../stores/ui-store';
import { AutoRenewSuggestion } from '../credits/auto-renew-suggestion';
import { describeTrigger, formatInZone } from './describe-trigger';
import { RunLog } from './run-log';
import { WorkflowEditor } from './workflow-editor';

type Open = { kind: 'list' } | { kind: 'edit'; workflow: Workflow | null } | { kind: 'log'; workflow: Workflow };

/** Autopilot: texts that go out by themselves, always within Available SMS Hours. */
export function AutopilotPage({ staff }: { staff: StaffSummary }) {
  const [open, setOpen] = useState<Open>({ kind: 'list' });
  const timeZone = (useMessageOptions().data ?? defaultMessageOptions).availableHours.timeZone;
  const canEdit = staff.permissions.includes('sendMassSms');
  const workflowsOn = (useWorkflows().data ?? []).some((w) => w.enabled);
  if (open.kind === 'edit') return <WorkflowEditor workflow={open.workflow} timeZone={timeZone} onDone={() => setOpen({ kind: 'list' })} />;
  return (
    <div className="stack">
      <div className="row spread">
        <h1>Autopilot</h1>
        {canEdit ? (
          <button type="button" className="primary" onClick={() => setOpen({ kind: 'edit', workflow: null })}>
            New workflow
          </button>
        ) : null}
      </div>
      <p className="hint">
        Texts that go out by themselves while SMS Desk is running (the window may be closed). They always wait for Available SMS Hours, and never go to
        numbers that opted out.
      </p>
      <AutoRenewSuggestion workflowsOn={workflowsOn} isAdmin={staff.permissions.includes('adminAccess')} />
      <WorkflowList timeZone={timeZone} canEdit={canEdit} isAdmin={staff.permissions.includes('adminAccess')} onEdit={(workflow) => setOpen({ kind: 'edit', workflow })} onLog={(workflow) => setOpen({ kind: 'log', workflow })} />
      {open.kind === 'log' ? (
        <section className="card stack" aria-label={`Run log of ${open.workflow.name}`}>
          <div className="row spread">
            <h2>Run log: {open.workflow.name}</h2>
            <button type="button" onClick={() => setOpen({ kind: 'list' })}>
              Close
            </button>
          </div>
          <RunLog workflowId={open.workflow.id} timeZone={timeZone} />
        </section>
      ) : null}
    </div>
  );
}

interface ListProps {
  timeZone: string;
  canEdit: boolean;
  isAdmin: boolean;
  onEdit(workflow: Workflow): void;
  onLog(workflow: Workflow): void;
}

function WorkflowList({ timeZone, canEdit, isAdmin, onEdit, onLog }: ListProps) {
  const workflows = useWorkflows();
  const classes = useAudienceChoices().data?.classes ?? [];
  const setEnabled = useSetWorkflowEnabled();
  const remove = useRemoveWorkflow();
  const setArea = useUi((state) => state.setArea);
  if (workflows.isPending) return <p>Reading workflows…</p>;
  if (!workflows.data || workflows.data.length === 0) return <p className="card">No workflows yet. {canEdit ? 'Make one with New workflow.' : ''}</p>;
  return (
    <>
      <table aria-label="Workflows">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">When</th>
            <th scope="col">Next run</th>
            <th scope="col">On</th>
            <th scope="col">Made and changed by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {workflows.data.map((w) => (
            <tr key={w.id}>
              <th scope="row">{w.name}</th>
              <td>{describeTrigger(w.trigger, classes)}</td>
              <td>
                {w.pausedReason === 'credits' ? (
                  <span className="stack">
                    <strong>Paused: not enough credits.</strong>
                    {isAdmin ? (
                      <a
                        href="#Credits"
                        onClick={(event) => {
                          event.preventDefault();
                          setArea('Credits');
                        }}
                      >
                        Buy credits or turn on Auto Renew Credits
                      </a>
                    ) : (
                      <span>Ask an admin to buy credits.</span>
                    )}
                  </span>
                ) : w.nextRun !== null ? (
                  formatInZone(w.nextRun, timeZone)
                ) : w.enabled && w.trigger.kind === 'newContact' ? (
                  'When someone is added'
                ) : (
                  '—'
                )}
              </td>
              <td>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={w.enabled && w.pausedReason === null}
                    disabled={!canEdit || setEnabled.isPending}
                    onChange={(event) => setEnabled.mutate({ id: w.id, enabled: event.target.checked })}
                  />
                  <span className="visually-hidden">Run {w.name} by itself</span>
                </label>
              </td>
              <td>
                {w.createdBy ?? 'Someone no longer here'}
                {w.updatedAt !== w.createdAt ? `; changed by ${w.updatedBy ?? 'someone no longer here'} ${formatInZone(w.updatedAt, timeZone)}` : ''}
              </td>
              <td>
                <div className="row">
                  <button type="button" onClick={() => onLog(w)}>
                    Run log
                  </button>
                  {canEdit ? (
                    <>
                      <button type="button" onClick={() => onEdit(w)}>
                        Change
                      </button>
                      <button type="button" onClick={() => window.confirm(`Delete “${w.name}”? It stops for good and its run log goes too.`) && remove.mutate({ id: w.id })} disabled={remove.isPending}>
                        Delete
                      </button>
                    </>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError error={setEnabled.error ?? remove.error} />
    </>
  );
}
