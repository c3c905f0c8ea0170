import { useEffect, useRef } from 'react';
import type { StaffSummary, ThreadView } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { replyRefusal } from '../../../../shared/sms/reply-rule';
import { useConversation, useMarkRead, useViewing } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { MessageList } from './message-list';
import { Notes } from './notes';
import { ReplyBox } from './reply-box';
import { AssignControl, HandledToggle } from './thread-actions';
import { threadName } from './thread-name';

const consentLabels: Record<ThreadView['consent'], string> = {
  opted_in: 'Opted in',
  opted_out: 'Opted out: no texts until they reply START',
  never: 'Not opted in to mass texts',
};

/** How long a conversation stays open before main is told to check for replies often. */
const VIEWING_AFTER_MS = 2_000;
/** main forgets an open conversation after two minutes: say so again well before. */
const VIEWING_EVERY_MS = 60_000;

interface Props {
  phone: string;
  country: string;
  now: number;
  staff: StaffSummary;
  /** The row's unread count when the list showed it; undefined when opened from elsewhere. */
  unreadHint?: number | undefined;
}

/** One conversation: what the family and the desk said, notes between staff, and the reply box. */
export function ThreadPane({ phone, country, now, staff, unreadHint }: Props) {
  const thread = useConversation(phone);
  const { mutate: markAsRead } = useMarkRead();
  const pages = thread.data?.pages;
  const view = pages?.[0];
  const lastInbound = view?.messages.findLast((m) => m.direction === 'inbound')?.id;
  useMarkReadOnOpen(phone, lastInbound, unreadHint, markAsRead);
  useViewingWhileOpen(phone);

  if (thread.error) return <FormError error={thread.error} />;
  if (!view || !pages) return <p className="muted">Loading the conversation…</p>;
  const messages = pages.toReversed().flatMap((page) => page.messages);
  const name = threadName(view, country);
  // Only the newest page is here: an older message from them may exist, and main has the last word.
  const textedIn = view.olderCursor !== null || view.messages.some((m) => m.direction === 'inbound');
  return (
    <section className="thread-pane stack" aria-labelledby="thread-title">
      <div className="thread-head">
        <div className="stack">
          <h2 id="thread-title">{name}</h2>
          <p className="muted thread-facts">
            {view.names.length > 0 ? <span>{formatPhone(view.phone, country)}</span> : null}
            <span>{consentLabels[view.consent]}</span>
          </p>
          <AssignControl view={view} staff={staff} />
        </div>
        <HandledToggle view={view} now={now} />
      </div>
      <MessageList
        messages={messages}
        now={now}
        hasOlder={thread.hasNextPage}
        loadingOlder={thread.isFetchingNextPage}
        loadOlder={() => void thread.fetchNextPage()}
      />
      <ReplyBox phone={phone} refusal={replyRefusal(view.consent, textedIn)} />
      <Notes view={view} now={now} />
    </section>
  );
}

/**
 * Opening a conversation reads it, and a reply arriving while it is open is read too. One the
 * list showed as already read is not marked again: opening it costs main one call, not two.
 */
function useMarkReadOnOpen(phone: string, lastInbound: number | undefined, unreadHint: number | undefined, markAsRead: (phone: string) => void) {
  const readUpTo = useRef<number | null>(null);
  useEffect(() => {
    if (lastInbound === undefined || readUpTo.current === lastInbound) return;
    const first = readUpTo.current === null;
    readUpTo.current = lastInbound;
    if (first && unreadHint === 0) return;
    markAsRead(phone);
  }, [phone, lastInbound, unreadHint, markAsRead]);
}

/** Tells main a conversation is open once someone stays on it, so its replies come in quickly. */
function useViewingWhileOpen(phone: string) {
  const { mutate: viewing } = useViewing();
  useEffect(() => {
    let told = false;
    const tell = () => {
      told = true;
      viewing({ phone });
    };
    const first = setTimeout(tell, VIEWING_AFTER_MS);
    const again = setInterval(tell, VIEWING_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(again);
      if (told) viewing({ phone: null });
    };
  }, [phone, viewing]);
}
