import type { SearchHit } from '../../../../shared/contract';
import { threadName } from './thread-name';
import { ThreadRowButton, ThreadRows } from './thread-rows';

interface Props {
  hits: SearchHit[];
  selected: string | null;
  onSelect(phone: string): void;
  country: string;
  now: number;
  hasMore: boolean;
  loadMore(): void;
}

/** Messages matching the search, best first, with the matching words marked. */
export function SearchResults({ hits, selected, onSelect, country, now, hasMore, loadMore }: Props) {
  return (
    <ThreadRows
      items={hits}
      label="Messages found"
      setSize={hasMore ? -1 : hits.length}
      hasMore={hasMore}
      loadMore={loadMore}
      loadAhead={10}
      rowKey={(hit, index) => `${hit.phone}-${hit.direction ?? 'number'}-${hit.messageId ?? index}`}
      renderRow={(hit) => (
        <ThreadRowButton
          name={threadName(hit, country)}
          at={hit.at}
          now={now}
          selected={hit.phone === selected}
          onSelect={() => onSelect(hit.phone)}
          preview={
            <>
              {hit.direction === 'outbound' ? <span className="visually-hidden">You sent: </span> : null}
              {hit.snippet.map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
            </>
          }
          status={hit.direction === 'outbound' ? <span className="thread-status muted">Sent</span> : null}
        />
      )}
    />
  );
}
