import { useState, type FormEvent } from 'react';
import { useUi } from '../../stores/ui-store';
import { threadFilters, type StaffSummary, type ThreadFilter } from '../../../../shared/contract';
import { useCheckNow, useSimulateReply, useThreads } from '../../api/messenger-queries';
import { useAppStatus } from '../../api/queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { ScreenErrorBoundary } from '../shell/screen-error-boundary';
import { ThreadList } from './thread-list';
import { ThreadPane } from './thread-pane';

const filterLabels: Record<ThreadFilter, string> = { all: 'All', unread: 'Unread', needs_reply: 'Needs reply', handled: 'Handled' };

/** The Messenger Center: every conversation on the left, the open one on the right. */
export function MessengerPage({ staff }: { staff: StaffSummary }) {
  const status = useAppStatus().data;
  const country = status?.country ?? 'US';
  const [filter, setFilter] = useState<ThreadFilter>('all');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(useUi.getState().threadPhone);
  const threads = useThreads(filter, search);
  const checkNow = useCheckNow();
  const now = threads.dataUpdatedAt;

  if (!staff.permissions.includes('messengerCenter')) {
    return (
      <section className="stack panel" aria-labelledby="area-title">
        <h1 id="area-title">Messenger Center</h1>
        <p className="notice">Reading and answering replies needs the Messenger Center permission. An admin can give it in Settings → Staff.</p>
      </section>
    );
  }
  const list = threads.data?.threads ?? [];
  return (
    <section className="stack" aria-labelledby="area-title">
      <div className="row spread">
        <h1 id="area-title">Messenger Center</h1>
        <button type="button" onClick={() => checkNow.mutate()} disabled={checkNow.isPending}>
          {checkNow.isPending ? 'Checking…' : 'Check for replies'}
        </button>
      </div>
      <FormError error={threads.error ?? checkNow.error} />
      <div className="messenger">
        <div className="card stack thread-column">
          <div className="row filters" role="group" aria-label="Show">
            {threadFilters.map((name) => (
              <button key={name} type="button" aria-pressed={filter === name} onClick={() => setFilter(name)}>
                {filterLabels[name]}
              </button>
            ))}
          </div>
          <TextField label="Search" hint="A number, or words from a message." value={search} onChange={setSearch} />
          <p className="muted" role="status">
            {threads.data ? `${formatCount(threads.data.total)} ${threads.data.total === 1 ? 'conversation' : 'conversations'}` : 'Loading…'}
          </p>
          {list.length > 0 ? <ThreadList threads={list} selected={selected} onSelect={setSelected} country={country} now={now} /> : null}
        </div>
        <div className="card">
          {selected ? (
            // One conversation that cannot be drawn leaves the list and the others usable.
            <ScreenErrorBoundary key={selected} what="This conversation" hint="You can try again, or open another conversation.">
              <ThreadPane phone={selected} country={country} now={now} />
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
