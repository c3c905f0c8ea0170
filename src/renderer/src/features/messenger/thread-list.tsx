import type { ThreadSummary } from '../../../../shared/contract';
import { threadName } from './thread-name';
import { ThreadRowButton, ThreadRows } from './thread-rows';

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

/** Conversations, latest reply first, drawn and loaded as you scroll. */
export function ThreadList({ threads, total, selected, onSelect, country, now, hasMore, loadMore }: Props) {
  return (
    <ThreadRows
      items={threads}
      label="Conversations"
      setSize={Math.max(total, threads.length)}
      hasMore={hasMore}
      loadMore={loadMore}
      loadAhead={15}
      rowKey={(thread) => thread.phone}
      renderRow={(thread) => (
        <ThreadRowButton
          name={threadName(thread, country)}
          at={thread.lastAt}
          now={now}
          selected={thread.phone === selected}
          onSelect={() => onSelect(thread.phone)}
          preview={thread.lastBody}
          previewTitle={thread.lastBody}
          status={<RowStatus thread={thread} />}
        />
      )}
    />
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
