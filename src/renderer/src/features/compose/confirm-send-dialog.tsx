import { Dialog, Heading, Modal } from 'react-aria-components';
import { formatCount } from '../credits/format';

export interface SendFacts {
  recipients: number;
  parts: number;
  credits: number;
  creditsLeft: number;
  /** "now", "when sending hours next open (tomorrow at 08:00)", "on Friday, November 27 at 9:00 AM". */
  when: string;
  /** More about the timing, e.g. when sending hours next open. */
  note?: string | undefined;
}

interface Props {
  facts: SendFacts;
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The last look: every number that matters, said in one place, before the texts are queued. */
export function ConfirmSendDialog({ facts, pending, onConfirm, onCancel }: Props) {
  const texts = `${formatCount(facts.recipients)} ${facts.recipients === 1 ? 'person' : 'people'}`;
  return (
    <Modal isOpen isDismissable={!pending} onOpenChange={(open) => !open && onCancel()} className="modal">
      <Dialog className="dialog" role="alertdialog">
        <Heading slot="title">Send this text to {texts}?</Heading>
        <ul className="facts">
          <li>
            It goes out {facts.when}.{facts.note ? ` ${facts.note}` : ''}
          </li>
          <li>
            {facts.parts === 1 ? 'One part' : `${facts.parts} parts`} each: {formatCount(facts.credits)} {facts.credits === 1 ? 'credit' : 'credits'} in all.
          </li>
          <li>{formatCount(facts.creditsLeft)} credits left afterwards.</li>
        </ul>
        <div className="row">
          <button type="button" className="primary" onClick={onConfirm} disabled={pending} autoFocus>
            {pending ? 'Sending…' : `Send to ${texts}`}
          </button>
          <button type="button" onClick={onCancel} disabled={pending}>
            Go back
          </button>
        </div>
      </Dialog>
    </Modal>
  );
}
