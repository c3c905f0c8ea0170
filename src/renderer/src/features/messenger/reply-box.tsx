import { useState, type FormEvent } from 'react';
import { creditsForSend, formatCredits } from '../../../../shared/credits/credits';
import { previewOutbound } from '../../../../shared/sms/compose';
import { makeGsmFriendly } from '../../../../shared/sms/gsm-cheaper';
import { defaultMessageOptions } from '../../../../shared/sms/message-options';
import { useCreditBalance } from '../../api/credits-queries';
import { useMessageOptions } from '../../api/message-options-queries';
import { useReplyInThread } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { MessageField } from '../compose/message-field';
import { formatCount } from '../credits/format';

/**
 * The reply box: Compose's message field (characters, parts, the plain-character fix), the
 * credits it costs and the balance after. Main applies the consent rule and has the last word:
 * its refusal shows under the box.
 */
export function ReplyBox({ phone, refusal }: { phone: string; refusal: string | null }) {
  const [body, setBody] = useState('');
  const reply = useReplyInThread();
  const options = useMessageOptions().data ?? defaultMessageOptions;
  const available = useCreditBalance().data?.available;
  const preview = previewOutbound(body, options, 'reply');
  const plain = makeGsmFriendly(body);
  const saving = plain === body ? 0 : Math.max(0, preview.measure.segments - previewOutbound(plain, options, 'reply').measure.segments);
  const credits = creditsForSend(preview.measure.segments, 1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reply.mutate({ phone, body }, { onSuccess: () => setBody('') });
  };
  if (refusal !== null) return <p className="notice">{refusal}</p>;
  const short = available !== undefined && available < credits;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <MessageField body={body} onChange={setBody} preview={preview} maxParts={options.maxPartsPerMessage} savingIfPlain={saving} label="Reply" rows={3} previewCaption="What they receive" />
      <p className={short ? 'reply-credits field-error' : 'reply-credits muted'}>
        {formatCredits(credits)}
        {available !== undefined ? ` · ${formatCount(Math.max(0, available - credits))} left after` : ''} · goes out at once, any hour
        {short ? '. Not enough credits: buy more on the Credits screen.' : ''}
      </p>
      <FormError error={reply.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={reply.isPending || body.trim() === '' || preview.tooLong || short}>
          Send reply
        </button>
      </div>
    </form>
  );
}
