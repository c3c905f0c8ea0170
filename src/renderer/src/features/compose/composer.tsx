import { useMemo, useState, type FormEvent } from 'react';
import { REASON_MAX_CHARS, reasonSchema, type ChannelInput, type Draft, type Preflight, type QueuedSend, type SendEstimate } from '../../../../shared/contract';
import type { AudienceSelection } from '../../../../shared/contract/contacts';
import { scanMergeFields } from '../../../../shared/sms/merge-fields';
import { makeGsmFriendly } from '../../../../shared/sms/gsm-cheaper';
import { defaultMessageOptions } from '../../../../shared/sms/message-options';
import { previewOutbound } from '../../../../shared/sms/compose';
import { errorMessage } from '../../api/errors';
import { useCreditBalance } from '../../api/credits-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { useCreateSend, useDraft, useSendEstimate } from '../../api/send-queries';
import { useAudiencePreflight, useAudienceSend } from '../../api/audience-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { ConfirmSendDialog, type SendFacts } from './confirm-send-dialog';
import { AudiencePicker } from './audience-picker';
import { isEmptySelection } from './audience-selection';
import { useMergeFieldBox } from './use-merge-field-box';
import { MergeFieldMenu } from './merge-field-menu';
import { MessageField } from './message-field';
import { RecipientPreview } from './recipient-preview';
import { StaffGuidelines } from './staff-guidelines';
import { TemplatesBar } from './templates-bar';
import { splitRecipientList } from './recipients';
import { useAutosave, type AutosaveState } from './use-autosave';
import { SendSummary } from './send-summary';
import { formatTime, formatWhen, toSendTiming, type TimingChoice } from './timing';

/** Write a text, see who it reaches and what it costs, and send it now or later; the draft is kept as it is typed. */
export function Composer({ isAdmin = false }: { isAdmin?: boolean }) {
  const draft = useDraft();
  if (draft.isPending) return <p className="card">Opening your draft…</p>;
  // A draft that cannot be read must not block writing a new text.
  return <ComposerForm initial={draft.data ?? { to: '', body: '' }} restored={draft.data?.updatedAt ?? null} isAdmin={isAdmin} />;
}

/** What Review and send confirmed: one text for all pasted numbers, or each person's own. */
type SendRequest = { channel: 'sends.create'; input: ChannelInput<'sends.create'> } | { channel: 'audiences.send'; input: ChannelInput<'audiences.send'> };

function ComposerForm({ initial, restored, isAdmin }: { initial: Draft; restored: number | null; isAdmin: boolean }) {
  const [to, setTo] = useState(initial.to);
  const [body, setBody] = useState(initial.body);
  // Reopening a draft brings back who was picked from Contacts, not only the pasted numbers.
  const [selection, setSelection] = useState<AudienceSelection>(initial.selection ?? {});
  const draft = useMemo(() => ({ to, body, ...(isEmptySelection(selection) ? {} : { selection }) }), [to, body, selection]);
  const autosave = useAutosave(draft, initial, restored);
  const [choice, setChoice] = useState<TimingChoice>('now');
  const [atLocal, setAtLocal] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [confirming, setConfirming] = useState<{ facts: SendFacts; request: SendRequest } | null>(null);
  const [previewPhone, setPreviewPhone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<QueuedSend | null>(null);

  const options = useMessageOptions().data ?? defaultMessageOptions;
  const recipients = useMemo(() => splitRecipientList(to), [to]);
  const scan = useMemo(() => scanMergeFields(body), [body]);
  // People from Contacts or a {field} in the message: each recipient gets their own text, checked by main's preflight.
  const personal = !isEmptySelection(selection) || scan.fields.length > 0 || scan.unknown.length > 0;
  const estimates = useSendEstimate(useMemo(() => ({ recipients, body }), [recipients, body]), !personal);
  const audience = useMemo(() => ({ selection, pasted: recipients }), [selection, recipients]);
  const preflights = useAudiencePreflight(useMemo(() => ({ audience, body, ...(previewPhone ? { previewPhone } : {}) }), [audience, body, previewPhone]), personal);
  const estimate: SendEstimate | undefined = personal ? preflights.data : estimates.data;
  // What the same text in plain characters would cost, asked of main only when it would differ.
  const plainBody = useMemo(() => makeGsmFriendly(body), [body]);
  const plainEstimate = useSendEstimate(useMemo(() => ({ recipients, body: plainBody }), [recipients, plainBody]), plainBody !== body && !personal).data;
  const available = useCreditBalance().data?.available;
  const create = useCreateSend();
  const createPersonal = useAudienceSend();
  const pending = create.isPending || createPersonal.isPending;
  const { messageBox, insertField } = useMergeFieldBox(body, setBody);

  // The counter follows every keystroke: the same function main uses to charge for the send.
  const preview = previewOutbound(body, options, 'mass');
  // Credits are main's figures: the screen never works out a price itself.
  const credits = estimate?.credits ?? 0;
  const personalPlain = personal ? (preflights.data?.plainCredits ?? null) : null;
  const savingIfPlain = personalPlain !== null && preflights.data
    ? Math.max(0, preflights.data.credits - personalPlain)
    : !personal && plainBody !== body && estimate && plainEstimate ? Math.max(0, estimate.credits - plainEstimate.credits) : 0;
  const outside = choice === 'now' ? (estimate?.outsideHours ?? null) : null;
  const overriding = outside !== null && estimate?.canOverrideHours === true;

  /** What stops this send, judged on main's answer for exactly what is on screen. */
  const blocker = (fresh: SendEstimate | Preflight, outsideNow: SendEstimate['outsideHours']): string | null => {
    if (recipients.length === 0 && isEmptySelection(selection)) return 'Add at least one phone number, or choose people from Contacts.';
    if (body.trim().length === 0) return 'Write a message first.';
    if ('unknownFields' in fresh && fresh.unknownFields.length > 0) return `${fresh.unknownFields.join(', ')} cannot be filled in. Use Insert field, or remove the braces.`;
    if ('tooLong' in fresh && fresh.tooLong.count > 0) return 'Some texts are too long once names are filled in. See “Each person’s text”.';
    if (!personal && preview.tooLong) return 'The message is too long.';
    if (fresh.recipients === 0) return 'None of these numbers can be texted. See why under “Before you send”.';
    if (fresh.credits > fresh.balance.available) return `This needs ${formatCount(fresh.credits)} credits and ${formatCount(fresh.balance.available)} are available.`;
    if (outsideNow !== null && !fresh.canOverrideHours) return `It is outside Available SMS Hours. ${outsideNow.description} Choose “When sending hours next open”.`;
    if (outsideNow !== null) {
      // Main's own rule for a reason kept in the audit log; only the wording for "too short" is the composer's.
      const reason = reasonSchema.safeParse(overrideReason);
      if (!reason.success) return reason.error.issues[0]?.code === 'too_small' ? 'Say why this must go out outside sending hours.' : (reason.error.issues[0]?.message ?? null);
    }
    return null;
  };

  const review = async (event: FormEvent) => {
    event.preventDefault();
    create.reset();
    setDone(null);
    const timing = toSendTiming(choice, atLocal, Date.now());
    if (!timing.ok) return setProblem(timing.problem);
    let fresh: SendEstimate | Preflight;
    try {
      fresh = personal ? await preflights.current() : await estimates.current();
    } catch (error) {
      return setProblem(errorMessage(error));
    }
    const kind = timing.timing.kind;
    const outsideNow = kind === 'now' ? fresh.outsideHours : null;
    const blocked = blocker(fresh, outsideNow);
    if (blocked !== null) return setProblem(blocked);
    setProblem(null);
    const when = kind === 'at' ? `on ${formatWhen(timing.timing.at)}` : kind === 'next_opening' ? 'when sending hours next open' : outsideNow ? 'now, outside sending hours' : 'now';
    const note = kind === 'next_opening' ? (fresh.outsideHours?.description ?? 'They are open now, so it goes out at once.') : undefined;
    const override = outsideNow ? { overrideReason: overrideReason.trim() } : {};
    setConfirming({
      facts: { recipients: fresh.recipients, parts: fresh.segmentsPerRecipient, credits: fresh.credits, creditsLeft: fresh.balance.available - fresh.credits, when, note },
      // Exactly what was reviewed is what is sent.
      request: personal
        ? { channel: 'audiences.send', input: { audience, body, timing: timing.timing, ...override } }
        : { channel: 'sends.create', input: { recipients, body, timing: timing.timing, ...override } },
    });
  };

  const send = (request: SendRequest) => {
    const handlers = {
      onSuccess: (queued: QueuedSend) => {
        setDone(queued);
        setTo('');
        setBody('');
        setSelection({});
        setPreviewPhone(null);
        setOverrideReason('');
        setChoice('now');
        setConfirming(null);
      },
      onError: () => setConfirming(null),
    };
    if (request.channel === 'audiences.send') createPersonal.mutate(request.input, handlers);
    else create.mutate(request.input, handlers);
  };

  return (
    <div className="compose">
      <form className="card stack" onSubmit={(event) => void review(event)} noValidate aria-labelledby="compose-title">
        <div className="row spread">
          <h2 id="compose-title">New text</h2>
          <DraftState {...autosave} />
        </div>
        <div className="field">
          <label htmlFor="compose-to">To</label>
          <p className="hint" id="compose-to-hint">
            Phone numbers, one per line or separated by commas, and anyone you choose from Contacts below. Only numbers opted in under Contacts get it.
          </p>
          <textarea id="compose-to" rows={4} value={to} onChange={(event) => setTo(event.target.value)} aria-describedby="compose-to-hint" />
        </div>
        <AudiencePicker selection={selection} onChange={setSelection} />
        <TemplatesBar body={body} onPick={setBody} />
        <MessageField
          body={body}
          onChange={setBody}
          preview={preview}
          maxParts={options.maxPartsPerMessage}
          savingIfPlain={savingIfPlain}
          textareaRef={messageBox}
          tools={<MergeFieldMenu onInsert={insertField} />}
          personal={personal}
        />
        {personal && preflights.data ? <RecipientPreview preflight={preflights.data} chosen={previewPhone} onChoose={setPreviewPhone} /> : null}
        <fieldset>
          <legend>When should it go out?</legend>
          <label className="check">
            <input type="radio" name="when" checked={choice === 'now'} onChange={() => setChoice('now')} /> Now
          </label>
          <label className="check">
            <input type="radio" name="when" checked={choice === 'next_opening'} onChange={() => setChoice('next_opening')} /> When sending hours
            next open
          </label>
          <label className="check">
            <input type="radio" name="when" checked={choice === 'at'} onChange={() => setChoice('at')} /> At a date and time
          </label>
          {choice === 'at' ? (
            <TextField label="Date and time" hint="In this computer’s time zone." type="datetime-local" value={atLocal} onChange={setAtLocal} />
          ) : null}
        </fieldset>
        {outside !== null ? (
          <div className="notice stack" role="status">
            <p>
              It is outside Available SMS Hours. {outside.description}
            </p>
            {overriding ? (
              <TextField
                label="Send anyway: why now?"
                hint="You may send outside sending hours. The reason is kept in the audit log."
                value={overrideReason}
                maxLength={REASON_MAX_CHARS}
                onChange={setOverrideReason}
              />
            ) : null}
          </div>
        ) : null}
        <FormError error={problem ? new Error(problem) : (create.error ?? createPersonal.error)} />
        {done ? <SentNotice queued={done} /> : null}
        <div className="row">
          <button type="submit" className="primary" disabled={pending}>
            Review and send
          </button>
        </div>
      </form>
      <div className="stack compose-aside">
        <SendSummary estimate={estimate} parts={personal ? (estimate?.segmentsPerRecipient ?? 0) : preview.measure.segments} credits={credits} available={available} />
        <StaffGuidelines isAdmin={isAdmin} />
      </div>
      {confirming ? (
        <ConfirmSendDialog facts={confirming.facts} pending={pending} onConfirm={() => send(confirming.request)} onCancel={() => setConfirming(null)} />
      ) : null}
    </div>
  );
}

function SentNotice({ queued }: { queued: QueuedSend }) {
  const { recipients, notBefore, createdAt } = queued.batch;
  const skipped = queued.skipped.length;
  return (
    <p className="notice success" role="status">
      {recipients === 1 ? '1 text' : `${formatCount(recipients)} texts`}{' '}
      {notBefore !== null && notBefore > createdAt ? `will go out ${formatWhen(notBefore)}` : recipients === 1 ? 'is on its way' : 'are on their way'}.
      {skipped > 0 ? ` ${formatCount(skipped)} left out.` : ''} Progress is under Recent sends.
    </p>
  );
}

/** Quiet reassurance that nothing typed is lost. */
function DraftState({ unsaved, failed, savedAt }: AutosaveState) {
  if (failed) return <span className="field-error">The draft could not be saved.</span>;
  if (unsaved) return <span className="muted">Saving draft…</span>;
  return savedAt === null ? null : <span className="muted">Draft saved at {formatTime(savedAt)}</span>;
}
