import { useCallback, useState, type FormEvent } from 'react';
import { useUi } from '../../stores/ui-store';
import { threadFilters, type StaffSummary, type ThreadFilter } from '../../../../shared/contract';
import { useCheckNow, useSearch, useSimulateReply, useThreadPages } from '../../api/messenger-queries';
import { useAppStatus } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { ScreenErrorBoundary } from '../shell/screen-error-boundary';
import { AttentionSettings } from './attention-settings';
import { SearchResults } from './search-results';
import { ThreadList } from './thread-list';
import { ThreadPane } from './thread-pane';
import './messenger.css';

const filterLabels: Record<ThreadFilter, string> = {
  all: 'All',
  unread: 'Unread',
  needs_reply: 'Needs reply',
  assigned_to_me: 'Assigned to me',
  handled: 'Handled',
};

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** The Messenger Center: every conversation on the left, the open one on the right. */
export function MessengerPage({ staff }: { staff: StaffSummary }) {
  const status = useAppStatus().data;
  const country = status?.country ?? 'US';
  const [filter, setFilter] = useState<ThreadFilter>('all');
  const [search, setSearch] = useState('');
  // A contact's page or a notification asks for a conversation, also while this screen is open.
  const requested = useUi((state) => state.threadPhone);
  const [selected, setSelected] = useState<string | null>(requested);
  const [lastRequested, setLastRequested] = useState(requested);
  if (requested !== lastRequested) {
    setLastRequested(requested);
    if (requested !== null) setSelected(requested);
  }
  const allowed = staff.permissions.includes('messengerCenter');
  const searching = search.trim() !== '';
  const threads = useThreadPages(filter);
  const found = useSearch(allowed ? search : '');
  const checkNow = useCheckNow();
  const now = Math.max(threads.dataUpdatedAt, found.dataUpdatedAt);
  const { hasNextPage: moreThreads, isFetchingNextPage: fetchingThreads, fetchNextPage: nextThreads } = threads;
  const loadMoreThreads = useCallback(() => {
    if (moreThreads && !fetchingThreads) void nextThreads();
  }, [moreThreads, fetchingThreads, nextThreads]);
  const { hasNextPage: moreHits, isFetchingNextPage: fetchingHits, fetchNextPage: nextHits } = found;
  const loadMoreHits = useCallback(() => {
    if (moreHits && !fetchingHits) void nextHits();
  }, [moreHits, fetchingHits, nextHits]);

  if (!allowed) {
    return (
      <section className="stack panel" aria-labelledby="area-title">
        <h1 id="area-title">Messenger Center</h1>
        <p className="notice">Reading and answering replies needs the Messenger Center permission. An admin can give it in Settings → Staff.</p>
      </section>
    );
  }
  const list = threads.data?.pages.flatMap((page) => page.threads) ?? [];
  const total = threads.data?.pages[0]?.total ?? 0;
  const hits = found.data?.pages.flatMap((page) => page.hits) ?? [];
  const selectedRow = list.find((thread) => thread.phone === selected);
  let summary: string;
  if (searching) summary = found.data && !found.isPlaceholderData ? `${plural(hits.length, 'message', 'messages')}${moreHits ? '+' : ''} found` : 'Searching…';
  else summary = threads.data ? plural(total, 'conversation', 'conversations') : 'Loading…';
  return (
    <section className="stack" aria-labelledby="area-title">
      <div className="row spread">
        <h1 id="area-title">Messenger Center</h1>
        <div className="messenger-tools">
          <AttentionSettings />
          <button type="button" onClick={() => checkNow.mutate()} disabled={checkNow.isPending}>
            {checkNow.isPending ? 'Checking…' : 'Check for replies'}
          </button>
        </div>
      </div>
      <FormError error={threads.error ?? found.error ?? checkNow.error} />
      <div className="messenger">
        <div className="card stack thread-column">
          <div className="row filters" role="group" aria-label="Show">
            {threadFilters.map((name) => (
              <button key={name} type="button" aria-pressed={!searching && filter === name} onClick={() => { setFilter(name); setSearch(''); }}>
                {filterLabels[name]}
              </button>
            ))}
          </div>
          <TextField label="Search" hint="Words from any message, or digits of a number." value={search} onChange={setSearch} />
          <p className="muted" role="status">
            {summary}
          </p>
          {searching ? (
            hits.length > 0 ? <SearchResults hits={hits} selected={selected} onSelect={setSelected} country={country} now={now} hasMore={moreHits} loadMore={loadMoreHits} /> : null
          ) : list.length > 0 ? (
            <ThreadList threads={list} total={total} selected={selected} onSelect={setSelected} country={country} now={now} hasMore={moreThreads} loadMore={loadMoreThreads} />
          ) : threads.data ? (
            <p className="muted">{filter === 'all' ? 'No replies yet. When a family texts your number, the conversation shows here.' : 'No conversations here right now.'}</p>
          ) : null}
        </div>
        <div className="card">
          {selected ? (
            // One conversation that cannot be drawn leaves the list and the others usable.
            <ScreenErrorBoundary key={selected} what="This conversation" hint="You can try again, or open another conversation.">
              <ThreadPane phone={selected} country={country} now={now} staff={staff} unreadHint={selectedRow?.unread} />
            </ScreenErrorBoundary>
          ) : (
            <p className="muted">Choose a conversation to read and answer it.</p>
          )}
        </div>
      </div>
      {status?.mode === 'sandbox' ? <SimulateReply /> : null}
    </section>
  );
}

/** Sandbox only: play a family texting in, to try the Messenger Center without a phone. */
function SimulateReply() {
  const [from, setFrom] = useState('');
  const [body, setBody] = useState('');
  const simulate = useSimulateReply();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    simulate.mutate({ from, body }, { onSuccess: () => setBody('') });
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="simulate-title">
      <h2 id="simulate-title">Try it: a family texts you (Sandbox)</h2>
      <p className="muted">Nothing leaves this computer. Try STOP, START or HELP too.</p>
      <div className="form-grid">
        <TextField label="From number" value={from} onChange={setFrom} inputMode="tel" />
        <TextField label="Their message" value={body} onChange={setBody} maxLength={1600} />
      </div>
      <FormError error={simulate.error} />
      <div className="row">
        <button type="submit" disabled={simulate.isPending || from.trim() === '' || body.trim() === ''}>
          Receive this text
        </button>
      </div>
    </form>
  );
}
