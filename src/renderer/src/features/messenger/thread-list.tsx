import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ThreadSummary } from '../../../../shared/contract';
import { formatWhen } from '../compose/timing';
import { rowWhen, threadName } from './thread-name';

interface Props {
  threads: ThreadSummary[];
  /** Every conversation the filter matches, loaded or not: the list's size for screen readers. */
  total: number;
  selected: string | null;
  onSelect(phone: string): void;
  country: string;
  now: number;
  /** More pages to load: asked for as the person scrolls near the end. */
  hasMore: boolean;
  loadMore(): void;
}

const ROW_HEIGHT = 76;
/** The box's size before it is measured (its CSS height), so the first paint already has its rows. */
const FIRST_PAINT = { width: 0, height: 448 };
/** Rows from the end of what is loaded at which the next page is asked for. */
const LOAD_AHEAD = 15;

/** Conversations, latest reply first. Only the rows in view are drawn and pages load as you scroll, so 20,000 stay smooth. */
export function ThreadList({ threads, total, selected, onSelect, country, now, hasMore, loadMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so nothing memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: threads.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: FIRST_PAINT });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= threads.length - LOAD_AHEAD) loadMore();
  }, [hasMore, lastShown, threads.length, loadMore]);
  return (
    <div ref={scroller} className="thread-list" role="list" aria-label="Conversations" tabIndex={0}>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const thread = threads[row.index];
          if (thread === undefined) return null;
          const name = threadName(thread, country);
          return (
            <div
              key={thread.phone}
              role="listitem"
              aria-setsize={Math.max(total, threads.length)}
              aria-posinset={row.index + 1}
              className="thread-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <button
                type="button"
                className={thread.phone === selected ? 'thread-button selected' : 'thread-button'}
                aria-current={thread.phone === selected ? 'true' : undefined}
                onClick={() => onSelect(thread.phone)}
              >
                <span className="thread-top">
                  <strong className="thread-name" title={name}>
                    {name}
                  </strong>
                  <span className="thread-time muted" title={formatWhen(thread.lastAt)}>
                    {rowWhen(thread.lastAt, now)}
                  </span>
                </span>
                <span className="thread-bottom">
                  <span className="thread-preview" title={thread.lastBody}>
                    {thread.lastBody}
                  </span>
                  <RowStatus thread={thread} />
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Unread count, else Handled, else who it is given to: always whole, never pushed out by the preview. */
function RowStatus({ thread }: { thread: ThreadSummary }) {
  if (thread.unread > 0) {
    return (
      <span className="thread-status badge">
        {thread.unread}
        <span className="visually-hidden"> unread</span>
      </span>
    );
  }
  if (thread.handled) return <span className="thread-status muted">Handled ✓</span>;
  if (thread.assignedTo) return <span className="thread-status muted">{thread.assignedTo.name}</span>;
  return null;
}
