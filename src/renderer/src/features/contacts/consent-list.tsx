import { useState } from 'react';
import { CONSENT_PAGE, type ConsentEntry, type ConsentEvent } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useConsentHistory, useConsentList } from '../../api/consent-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { formatShortWhen } from '../compose/timing';
import { TableHead } from '../../components/table-head';

const stateLabels: Record<ConsentEntry['state'], string> = { opted_in: 'Opted in', opted_out: 'Opted out' };
const sourceLabels: Record<ConsentEvent['source'], string> = {
  staff: 'by staff',
  import: 'from an import',
  keyword: 'by a text reply',
  carrier: 'by the carrier (the number unsubscribed)',
};

/** Every number with a consent state, searchable, with the history of each change. */
export function ConsentList({ country }: { country: string }) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const list = useConsentList(search, offset);
  const now = list.dataUpdatedAt;
  const total = list.data?.total ?? 0;
  return (
    <section className="card stack" aria-labelledby="consent-list-title">
      <h2 id="consent-list-title">Numbers and consent</h2>
      <div className="narrow">
        <TextField
          label="Find a number"
          hint="Type any part of it."
          value={search}
          inputMode="tel"
          onChange={(value) => {
            setSearch(value);
            setOffset(0);
          }}
        />
      </div>
      <FormError error={list.error} />
      {list.data && total === 0 ? <p className="muted">{search ? 'No number matches.' : 'No number has opted in or out yet.'}</p> : null}
      {list.data && list.data.entries.length > 0 ? (
        <table>
          <TableHead columns={['Phone number', 'Consent', 'Since', 'History']} />
          <tbody>
            {list.data.entries.map((entry) => (
              <tr key={entry.phone}>
                <td>{formatPhone(entry.phone, country)}</td>
                <td>{stateLabels[entry.state]}</td>
                <td>{formatShortWhen(entry.updatedAt, now)}</td>
                <td>
                  <button type="button" aria-expanded={open === entry.phone} onClick={() => setOpen(open === entry.phone ? null : entry.phone)}>
                    {open === entry.phone ? 'Hide' : 'Show'} history
                  </button>
                  {open === entry.phone ? <History phone={entry.phone} now={now} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total > CONSENT_PAGE ? (
        <div className="row">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - CONSENT_PAGE))}>
            Previous
          </button>
          <span>
            {formatCount(offset + 1)}–{formatCount(Math.min(offset + CONSENT_PAGE, total))} of {formatCount(total)}
          </span>
          <button type="button" disabled={offset + CONSENT_PAGE >= total} onClick={() => setOffset(offset + CONSENT_PAGE)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}

function History({ phone, now }: { phone: string; now: number }) {
  const history = useConsentHistory(phone);
  if (history.error) return <FormError error={history.error} />;
  return (
    <ul className="history">
      {(history.data ?? []).map((event, index) => (
        <li key={index}>
          {stateLabels[event.state]} {event.staffName ? `by ${event.staffName}` : sourceLabels[event.source]}, {formatShortWhen(event.at, now)}
        </li>
      ))}
    </ul>
  );
}
