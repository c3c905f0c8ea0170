import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { formatWhen } from '../compose/timing';
import { rowWhen } from './thread-name';

const ROW_HEIGHT = 76;
/** The box's size before it is measured (its CSS height), so the first paint already has its rows. */
const FIRST_PAINT = { width: 0, height: 448 };

interface ListProps<T> {
  items: T[];
  label: string;
  /** The list's size for screen readers; -1 when not yet known. */
  setSize: number;
  /** More pages to load: asked for as the person scrolls near the end. */
  hasMore: boolean;
  loadMore(): void;
  /** Rows from the end of what is loaded at which the next page is asked for. */
  loadAhead: number;
  rowKey(item: T, index: number): string;
  renderRow(item: T): ReactNode;
}

/** The messenger's left-hand list: only the rows in view are drawn and pages load as you scroll, so 20,000 stay smooth. */
export function ThreadRows<T>({ items, label, setSize, hasMore, loadMore, loadAhead, rowKey, renderRow }: ListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so nothing memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: FIRST_PAINT });
  const shown = rows.getVirtualItems();
  const lastShown = shown.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= items.length - loadAhead) loadMore();
  }, [hasMore, lastShown, items.length, loadAhead, loadMore]);
  return (
    <div ref={scroller} className="thread-list" role="list" aria-label={label} tabIndex={0}>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {shown.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={rowKey(item, row.index)}
              role="listitem"
              aria-setsize={setSize}
              aria-posinset={row.index + 1}
              className="thread-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              {renderRow(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  name: string;
  at: number;
  now: number;
  selected: boolean;
  onSelect(): void;
  preview: ReactNode;
  previewTitle?: string;
  status: ReactNode;
}

/** One row: who, when, a line of the text and its status, all one button. */
export function ThreadRowButton({ name, at, now, selected, onSelect, preview, previewTitle, status }: RowProps) {
  return (
    <button type="button" className={selected ? 'thread-button selected' : 'thread-button'} aria-current={selected ? 'true' : undefined} onClick={onSelect}>
      <span className="thread-top">
        <strong className="thread-name" title={name}>
          {name}
        </strong>
        <span className="thread-time muted" title={formatWhen(at)}>
          {rowWhen(at, now)}
        </span>
      </span>
      <span className="thread-bottom">
        <span className="thread-preview" title={previewTitle}>
          {preview}
        </span>
        {status}
      </span>
    </button>
  );
}
