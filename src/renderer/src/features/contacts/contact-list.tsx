import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { contactKinds, type ConsentState, type ContactKind, type ContactQuery, type ContactRow } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useClasses, useContactPages, useTags } from '../../api/contact-queries';
import { FormError } from '../../components/form-error';
import { TextField } from '../../components/text-field';
import { formatCount } from '../credits/format';
import { fullName, kindLabels } from './labels';
import { SelectField as Select } from './select-field';

const ROW_PX = 52;
const MAX_HEIGHT_PX = 480;

interface Props {
  country: string;
  onOpen(id: number): void;
}

/**
 * Everyone in the contact book, searchable and filtered, in one scrolling list: only the rows in
 * view are drawn and main sends 200 at a time, so 20,000 contacts scroll as smoothly as 20.
 */
export function ContactList({ country, onOpen }: Props) {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<ContactKind | ''>('');
  const [classId, setClassId] = useState('');
  const [tagId, setTagId] = useState('');
  const [consent, setConsent] = useState<ConsentState | ''>('');
  const [archived, setArchived] = useState(false);
  const query: ContactQuery = {
    search: search.trim(),
    archived,
    ...(kind ? { kind } : {}),
    ...(classId ? { classId: Number(classId) } : {}),
    ...(tagId ? { tagId: Number(tagId) } : {}),
    ...(consent ? { consent } : {}),
  };
  const pages = useContactPages(query);
  const classes = useClasses().data ?? [];
  const tags = useTags().data ?? [];
  const rows: ContactRow[] = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so nothing memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
    // The box's height before it is measured, so the first paint already has its rows.
    initialRect: { width: 0, height: MAX_HEIGHT_PX },
  });
  const items = virtual.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    // Ask for the next page while the person is still a screenful away from the end of what is here.
    if (hasNextPage && !isFetchingNextPage && lastShown >= rows.length - 30) void fetchNextPage();
  }, [lastShown, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <section className="stack" aria-labelledby="people-title">
      <h2 id="people-title" className="visually-hidden">
        People
      </h2>
      <div className="contact-filters">
        <TextField label="Find someone" hint="A name, family name, email, or part of a phone number." value={search} onChange={setSearch} type="search" />
        <Select label="Who" value={kind} onChange={(v) => setKind(v as ContactKind | '')} options={[['', 'Everyone'], ...contactKinds.map((k) => [k, `${kindLabels[k]}s`] as const)]} />
        <Select label="Class" value={classId} onChange={setClassId} options={[['', 'Any class'], ...classes.map((k) => [String(k.id), k.name] as const)]} />
        <Select label="Tag" value={tagId} onChange={setTagId} options={[['', 'Any tag'], ...tags.map((t) => [String(t.id), t.name] as const)]} />
        <Select
          label="Texting consent"
          value={consent}
          onChange={(v) => setConsent(v as ConsentState | '')}
          options={[['', 'Any'], ['opted_in', 'Opted in'], ['never', 'Not asked yet'], ['opted_out', 'Opted out']]}
        />
        <label className="check">
          <input type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} /> Show archived instead
        </label>
      </div>
      <FormError error={pages.error} />
      <p className="muted" aria-live="polite">
        {pages.isPending ? 'Loading…' : total === 0 ? (query.search || kind || classId || tagId || consent ? 'No one matches. Try fewer filters.' : 'No contacts yet. Add one, or import a spreadsheet.') : `${formatCount(total)} ${total === 1 ? 'contact' : 'contacts'}`}
      </p>
      {total > 0 ? (
        <div
          ref={scroller}
          className="contact-scroller"
          role="table"
          aria-label="Contacts"
          aria-rowcount={total + 1}
          // As tall as its rows, up to a screenful; then it scrolls.
          style={{ height: Math.min(MAX_HEIGHT_PX, (total + 1) * ROW_PX + 2) }}
        >
          <div role="rowgroup" className="contact-head-group">
            <div role="row" aria-rowindex={1} className="contact-row contact-head">
              <span role="columnheader">Name</span>
              <span role="columnheader">Who</span>
              <span role="columnheader">Family</span>
              <span role="columnheader">Phone</span>
            </div>
          </div>
          <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="contact-row"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_PX, transform: `translateY(${item.start}px)` }}
                >
                  {row ? (
                    <>
                      <span role="cell">
                        <button type="button" className="link" onClick={() => onOpen(row.id)}>
                          {fullName(row) || '(no name)'}
                        </button>
                      </span>
                      <span role="cell">{kindLabels[row.kind]}</span>
                      <span role="cell">{row.familyName ?? ''}</span>
                      <span role="cell">{row.phones.map((p) => formatPhone(p, country)).join(', ')}</span>
                    </>
                  ) : (
                    <span role="cell" className="muted">
                      Loading…
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      ) : null}
    </section>
  );
}
