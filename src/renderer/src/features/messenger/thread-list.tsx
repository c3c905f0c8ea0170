import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { ThreadSummary } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { formatShortWhen } from '../compose/timing';

interface Props {
  threads: ThreadSummary[];
  selected: string | null;
  onSelect(phone: string): void;
  country: string;
  now: number;
}

const ROW_HEIGHT = 76;

/** Conversations, newest first. Only the rows in view are rendered, so thousands stay fast. */
export function ThreadList({ threads, selected, onSelect, country, now }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so nothing memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: threads.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <div ref={scroller} className="thread-list" role="list" aria-label="Conversations" tabIndex={0}>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map((row) => {
          const thread = threads[row.index];
          if (thread === undefined) return null;
          const name = formatPhone(thread.phone, country);
          return (
            <div key={thread.phone} role="listitem" className="thread-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}>
              <button
                type="button"
                className={thread.phone === selected ? 'thread-button selected' : 'thread-button'}
                aria-current={thread.phone === selected ? 'true' : undefined}
                onClick={() => onSelect(thread.phone)}
              >
                <span className="thread-top">
                  <strong>{name}</strong>
                  <span className="muted">{formatShortWhen(thread.lastAt, now)}</span>
                </span>
                <span className="thread-bottom">
                  <span className="thread-preview">{thread.lastBody}</span>
                  {thread.unread > 0 ? (
                    <span className="badge">
                      {thread.unread}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  ) : thread.handled ? (
                    <span className="muted">Handled</span>
                  ) : null}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
