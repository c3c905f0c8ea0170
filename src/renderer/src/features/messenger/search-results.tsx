import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SearchHit } from '../../../../shared/contract';
import { formatWhen } from '../compose/timing';
import { rowWhen, threadName } from './thread-name';

interface Props {
  hits: SearchHit[];
  selected: string | null;
  onSelect(phone: string): void;
  country: string;
  now: number;
  hasMore: boolean;
  loadMore(): void;
}

const ROW_HEIGHT = 76;
/** The box's size before it is measured (its CSS height), so the first paint already has its rows. */
const FIRST_PAINT = { width: 0, height: 448 };
const LOAD_AHEAD = 10;

/** Messages matching the search, best first, with the matching words marked. */
export function SearchResults({ hits, selected, onSelect, country, now, hasMore, loadMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: hits.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: FIRST_PAINT });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= hits.length - LOAD_AHEAD) loadMore();
  }, [hasMore, lastShown, hits.length, loadMore]);
  return (
    <div ref={scroller} className="thread-list" role="list" aria-label="Messages found" tabIndex={0}>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const hit = hits[row.index];
          if (hit === undefined) return null;
          const name = threadName(hit, country);
          return (
            <div
              key={`${hit.phone}-${hit.direction ?? 'number'}-${hit.messageId ?? row.index}`}
              role="listitem"
              aria-setsize={hasMore ? -1 : hits.length}
              aria-posinset={row.index + 1}
              className="thread-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <button type="button" className={hit.phone === selected ? 'thread-button selected' : 'thread-button'} onClick={() => onSelect(hit.phone)}>
                <span className="thread-top">
                  <strong className="thread-name" title={name}>
                    {name}
                  </strong>
                  <span className="thread-time muted" title={formatWhen(hit.at)}>
                    {rowWhen(hit.at, now)}
                  </span>
                </span>
                <span className="thread-bottom">
                  <span className="thread-preview">
                    {hit.direction === 'outbound' ? <span className="visually-hidden">You sent: </span> : null}
                    {hit.snippet.map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
                  </span>
                  {hit.direction === 'outbound' ? <span className="thread-status muted">Sent</span> : null}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
