import { useMemo, useState, type FormEvent } from 'react';
import type { Trigger, Workflow } from '../../../../shared/contract/autopilot';
import type { AudienceSelection } from '../../../../shared/contract/contacts';
import { previewOutbound } from '../../../../shared/sms/compose';
import { defaultMessageOptions } from '../../../../shared/sms/message-options';
import { useAudiencePreflight } from '../../api/audience-queries';
import { useSaveWorkflow, useWorkflowPreview } from '../../api/autopilot-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { AudiencePicker } from '../compose/audience-picker';
import { isEmptySelection } from '../compose/audience-selection';
import { useMergeFieldBox } from '../compose/use-merge-field-box';
import { MergeFieldMenu } from '../compose/merge-field-menu';
import { MessageField } from '../compose/message-field';
import { RecipientPreview } from '../compose/recipient-preview';
import { TemplatesBar } from '../compose/templates-bar';
import { formatInZone } from './describe-trigger';
import { TriggerFields } from './trigger-fields';

interface Props {
  /** Null: a new workflow. */
  workflow: Workflow | null;
  timeZone: string;
  onDone(saved: Workflow | null): void;
}

/** Make or change a workflow with the same pieces as Compose: audience, templates, merge fields and each person's text. */
export function WorkflowEditor({ workflow, timeZone, onDone }: Props) {
  const [name, setName] = useState(workflow?.name ?? '');
  const [trigger, setTrigger] = useState<Trigger>(workflow?.trigger ?? { kind: 'weekly', days: ['mon'], time: '09:00' });
  const [selection, setSelection] = useState<AudienceSelection>(workflow?.audience.selection ?? {});
  const [body, setBody] = useState(workflow?.body ?? '');
  const [enabled, setEnabled] = useState(workflow?.enabled ?? true);
  const [previewPhone, setPreviewPhone] = useState<string | null>(null);
  const save = useSaveWorkflow();
  const options = useMessageOptions().data ?? defaultMessageOptions;

  const chooses = trigger.kind !== 'newContact';
  const audience = useMemo(() => ({ selection: chooses ? selection : {}, pasted: [] }), [chooses, selection]);
  // The people chosen and each one's text, as Compose shows them (a birthday run reaches only those whose birthday it is).
  const measurable = chooses && trigger.kind !== 'birthday' && !isEmptySelection(selection);
  const preflight = useAudiencePreflight(useMemo(() => ({ audience, body, ...(previewPhone ? { previewPhone } : {}) }), [audience, body, previewPhone]), measurable);
  const runs = useWorkflowPreview(useMemo(() => ({ trigger, audience, body }), [trigger, audience, body]), trigger.kind !== 'newContact');

  // Before a class, the class's families are who it is for, unless staff chose others.
  const chooseTrigger = (next: Trigger) => {
    const previousClass = trigger.kind === 'classSession' ? trigger.classId : null;
    const onlyThatClass = previousClass !== null && JSON.stringify(selection) === JSON.stringify({ classes: [previousClass] });
    if (next.kind === 'classSession' && next.classId > 0 && (isEmptySelection(selection) || onlyThatClass)) setSelection({ classes: [next.classId] });
    setTrigger(next);
  };

  const { messageBox, insertField } = useMergeFieldBox(body, setBody);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: workflow?.id ?? null, name, trigger, audience, body, enabled }, { onSuccess: (saved) => onDone(saved) });
  };

  return (
    <form className="card stack" aria-label={workflow ? `Change ${workflow.name}` : 'New workflow'} onSubmit={submit}>
      <h2>{workflow ? `Change “${workflow.name}”` : 'New workflow'}</h2>
      <TextField label="Name" hint="So staff know what it is, e.g. “Level 2 reminder”." value={name} onChange={setName} maxLength={80} />
      <TriggerFields trigger={trigger} onChange={chooseTrigger} timeZone={timeZone} />
      {chooses ? (
        <div className="stack">
          <h3>{trigger.kind === 'birthday' && trigger.texts === 'guardians' ? 'Whose birthdays' : 'Who gets it'}</h3>
          {trigger.kind === 'birthday' ? (
            <p className="hint">
              {trigger.texts === 'guardians'
                ? 'Tick classes, families or tags to choose the students; leave everyone unticked for every student.'
                : 'Leave everyone unticked to text anyone in Contacts on their birthday.'}
            </p>
          ) : null}
          <AudiencePicker selection={selection} onChange={setSelection} />
        </div>
      ) : null}
      <TemplatesBar body={body} onPick={setBody} />
      <MessageField
        body={body}
        onChange={setBody}
        preview={previewOutbound(body, options, 'automated')}
        maxParts={options.maxPartsPerMessage}
        savingIfPlain={0}
        textareaRef={messageBox}
        tools={<MergeFieldMenu onInsert={insertField} />}
        personal
      />
      {measurable && preflight.data ? <RecipientPreview preflight={preflight.data} chosen={previewPhone} onChoose={setPreviewPhone} /> : null}
      {trigger.kind === 'newContact' ? null : (
        <section aria-label="Next runs" className="stack">
          <h3>Next runs</h3>
          {runs.data && runs.data.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">Runs</th>
                  <th scope="col">Texts go out</th>
                  <th scope="col">People</th>
                  <th scope="col">Credits</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.map((run) => (
                  <tr key={run.at}>
                    <td>{formatInZone(run.at, timeZone)}</td>
                    <td>{run.sendsAt === null ? 'No sending hours are set' : run.sendsAt === run.at ? 'Right away' : formatInZone(run.sendsAt, timeZone)}</td>
                    <td>{run.recipients}</td>
                    <td>{run.credits.toLocaleString('en-US')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="hint">{runs.isFetching ? 'Working out the next runs…' : 'No runs in the coming year.'}</p>
          )}
        </section>
      )}
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> On: run by itself
      </label>
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save workflow'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
