import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ThreadMessage } from '../../../../shared/contract';
import { outboxStateLabels } from '../compose/outbox-state-labels';
import { formatShortWhen, formatWhen } from '../compose/timing';

const keywordLabels = { opt_out: 'Opted out with this reply', opt_in: 'Opted back in with this reply', help: 'Asked for help' } as const;
const kindLabels = { mass: 'Mass text', signup: 'Signup message', automated: 'Autopilot', reply: 'Reply' } as const;

interface Props {
  /** Oldest first. */
  messages: ThreadMessage[];
  now: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
}

function meta(message: ThreadMessage, now: number): string {
  const when = formatShortWhen(message.at, now);
  if (message.direction === 'inbound') return message.keyword ? `${when} · ${keywordLabels[message.keyword]}` : when;
  const who = message.kind === 'reply' && message.staffName ? `Reply by ${message.staffName}` : kindLabels[message.kind];
  return [when, who, outboxStateLabels[message.state], message.problem].filter(Boolean).join(' · ');
}

/**
 * A conversation's messages, newest at the bottom. Only those in view are drawn (a busy year of
 * texts stays smooth); earlier pages are fetched when asked for.
 */
export function MessageList({ messages, now, hasOlder, loadingOlder, loadOlder }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: messages.length, getScrollElement: () => scroller.current, estimateSize: () => 72, overscan: 6, initialRect: { width: 0, height: 448 } });
  const newest = messages.at(-1);
  const newestKey = newest ? `${newest.direction}-${newest.id}` : '';
  // A newly opened conversation, or a new message, shows the latest at the bottom.
  useEffect(() => {
    if (messages.length > 0) rows.scrollToIndex(messages.length - 1, { align: 'end' });
    // Only a change of the newest message scrolls; loading older ones keeps the place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newestKey]);
  return (
    <div className="stack">
      {hasOlder ? (
        <div className="row">
          <button type="button" onClick={loadOlder} disabled={loadingOlder}>
            {loadingOlder ? 'Loading earlier messages…' : 'Show earlier messages'}
          </button>
        </div>
      ) : null}
      <div ref={scroller} className="message-list" role="list" aria-label="Messages" tabIndex={0}>
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((row) => {
            const message = messages[row.index];
            if (message === undefined) return null;
            return (
              <div
                key={`${message.direction}-${message.id}`}
                ref={rows.measureElement}
                data-index={row.index}
                role="listitem"
                aria-setsize={hasOlder ? -1 : messages.length}
                aria-posinset={hasOlder ? undefined : row.index + 1}
                className="message-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
              >
                <div className={`bubble ${message.direction}`}>
                  <p>{message.body}</p>
                  <p className="meta" title={formatWhen(message.at)}>
                    {meta(message, now)}
                  </p>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
