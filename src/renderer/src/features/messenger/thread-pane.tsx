import { useEffect, useState, type FormEvent } from 'react';
import type { ThreadView } from '../../../../shared/contract';
import { creditsForSend, formatCredits } from '../../../../shared/credits/credits';
import { formatPhone } from '../../../../shared/phone/e164';
import { previewOutbound } from '../../../../shared/sms/compose';
import { defaultMessageOptions } from '../../../../shared/sms/message-options';
import { replyRefusal } from '../../../../shared/sms/reply-rule';
import { useMessageOptions } from '../../api/message-options-queries';
import { useAddNote, useMarkRead, useReplyInThread, useSetHandled, useThread } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { outboxStateLabels } from '../compose/outbox-state-labels';
import { formatShortWhen } from '../compose/timing';

const consentLabels: Record<ThreadView['consent'], string> = {
  opted_in: 'Opted in',
  opted_out: 'Opted out: no texts until they reply START',
  never: 'Not opted in to mass texts',
};

const keywordLabels = { opt_out: 'Opted out with this reply', opt_in: 'Opted back in with this reply', help: 'Asked for help' } as const;

/** One conversation: what the family and the desk said, notes between staff, and the reply box. */
export function ThreadPane({ phone, country, now }: { phone: string; country: string; now: number }) {
  const thread = useThread(phone);
  const markRead = useMarkRead();
  const { mutate: markAsRead } = markRead;
  const view = thread.data;
  const lastInbound = view?.messages.findLast((m) => m.direction === 'inbound')?.id;
  // Opening a conversation reads it; a reply arriving while it is open is read too.
  useEffect(() => {
    if (lastInbound !== undefined) markAsRead(phone);
  }, [phone, lastInbound, markAsRead]);

  if (thread.error) return <FormError error={thread.error} />;
  if (!view) return <p className="muted">Loading the conversation…</p>;
  return (
    <section className="thread-pane stack" aria-labelledby="thread-title">
      <div className="row spread">
        <div>
          <h2 id="thread-title">{formatPhone(view.phone, country)}</h2>
          <p className="muted">{consentLabels[view.consent]}</p>
        </div>
        <HandledToggle view={view} now={now} />
      </div>
      <ol className="messages" aria-label="Messages">
        {view.messages.map((message) => (
          <li key={`${message.direction}-${message.id}`} className={`bubble ${message.direction}`}>
            <p>{message.body}</p>
            <p className="meta">
              {formatShortWhen(message.at, now)}
              {message.direction === 'inbound' && message.keyword ? ` · ${keywordLabels[message.keyword]}` : ''}
              {message.direction === 'outbound' ? ` · ${message.kind === 'reply' ? `Reply${message.staffName ? ` by ${message.staffName}` : ''}` : message.kind === 'signup' ? 'Signup message' : 'Mass text'} · ${outboxStateLabels[message.state]}` : ''}
              {message.direction === 'outbound' && message.problem ? ` · ${message.problem}` : ''}
            </p>
          </li>
        ))}
      </ol>
      <ReplyBox phone={phone} refusal={replyRefusal(view.consent, view.messages.some((m) => m.direction === 'inbound'))} />
      <Notes view={view} now={now} />
    </section>
  );
}

function HandledToggle({ view, now }: { view: ThreadView; now: number }) {
  const setHandled = useSetHandled();
  return (
    <div className="stack handled">
      <button type="button" onClick={() => setHandled.mutate({ phone: view.phone, handled: !view.handled })} disabled={setHandled.isPending} aria-pressed={view.handled}>
        {view.handled ? 'Handled ✓' : 'Mark handled'}
      </button>
      {view.handled && view.handledAt !== null ? (
        <span className="muted">
          by {view.handledBy ?? 'someone'}, {formatShortWhen(view.handledAt, now)}
        </span>
      ) : null}
      <FormError error={setHandled.error} />
    </div>
  );
}

/** Main applies the same rule and has the last word: its refusal shows under the box. */
function ReplyBox({ phone, refusal }: { phone: string; refusal: string | null }) {
  const [body, setBody] = useState('');
  const reply = useReplyInThread();
  const options = useMessageOptions().data ?? defaultMessageOptions;
  const preview = previewOutbound(body, options, 'reply');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reply.mutate({ phone, body }, { onSuccess: () => setBody('') });
  };
  if (refusal !== null) return <p className="notice">{refusal}</p>;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="reply-body">Reply</label>
        <textarea id="reply-body" rows={3} value={body} maxLength={1600} onChange={(event) => setBody(event.target.value)} aria-describedby="reply-count" />
        <p className="hint" id="reply-count">
          {preview.measure.segments === 1 ? '1 part' : `${preview.measure.segments} parts`} · {formatCredits(creditsForSend(preview.measure.segments, 1))} · header
          and footer included · goes out at once, any hour
        </p>
      </div>
      <FormError error={reply.error ?? (preview.tooLong ? new Error(`Too long: ${preview.measure.segments} parts, the limit is ${options.maxPartsPerMessage}.`) : null)} />
      <div className="row">
        <button type="submit" className="primary" disabled={reply.isPending || body.trim() === '' || preview.tooLong}>
          Send reply
        </button>
      </div>
    </form>
  );
}

function Notes({ view, now }: { view: ThreadView; now: number }) {
  const [body, setBody] = useState('');
  const addNote = useAddNote();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    addNote.mutate({ phone: view.phone, body }, { onSuccess: () => setBody('') });
  };
  return (
    <section className="stack" aria-labelledby="notes-title">
      <h3 id="notes-title">Notes for staff</h3>
      {view.notes.length === 0 ? <p className="muted">No notes yet. The family never sees them.</p> : null}
      <ul className="history">
        {view.notes.map((note) => (
          <li key={note.id}>
            {note.body} <span className="muted">— {note.staffName ?? 'someone'}, {formatShortWhen(note.at, now)}</span>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={submit} noValidate>
        <label htmlFor="note-body" className="visually-hidden">
          New note
        </label>
        <input id="note-body" value={body} maxLength={1000} onChange={(event) => setBody(event.target.value)} placeholder="e.g. Called mom back, all sorted" />
        <button type="submit" disabled={addNote.isPending || body.trim() === ''}>
          Add note
        </button>
      </form>
      <FormError error={addNote.error} />
    </section>
  );
}
