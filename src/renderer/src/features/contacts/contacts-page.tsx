import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { useAppStatus } from '../../api/queries';
import { ClassesPanel } from './classes-panel';
import { ConsentForm } from './consent-form';
import { ConsentList } from './consent-list';
import { ContactForm } from './contact-form';
import { ContactList } from './contact-list';
import { ContactPage } from './contact-page';
import { ExportButtons } from './export-buttons';
import { ImportPanel } from './import-panel';
import { TagsPanel } from './tags-panel';
import './contacts.css';

const tabs = [
  { id: 'people', label: 'People' },
  { id: 'classes', label: 'Classes and tags' },
  { id: 'import', label: 'Import' },
  { id: 'numbers', label: 'Numbers and consent' },
] as const;
type Tab = (typeof tabs)[number]['id'];

/** The contact book: families, students and staff; classes; spreadsheet import; every number's consent. */
export function ContactsPage({ staff }: { staff: StaffSummary }) {
  const country = useAppStatus().data?.country ?? 'US';
  const [tab, setTab] = useState<Tab>('people');
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const open = (id: number) => {
    setTab('people');
    setAdding(false);
    setOpenId(id);
  };
  return (
    <section className="stack contacts" aria-labelledby="area-title">
      <div className="row spread">
        <h1 id="area-title">Contacts</h1>
        {staff.permissions.includes('adminAccess') ? <ExportButtons /> : null}
      </div>
      <div role="tablist" aria-label="Contacts sections" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === tab ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = tabs[(tabs.findIndex((x) => x.id === t.id) + step + tabs.length) % tabs.length]!;
              setTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="stack">
        {tab === 'people' ? (
          openId !== null ? (
            <ContactPage key={openId} id={openId} staff={staff} country={country} onBack={() => setOpenId(null)} onOpen={open} />
          ) : adding ? (
            <ContactForm country={country} contact={null} onDone={(id) => (id === null ? setAdding(false) : open(id))} />
          ) : (
            <>
              <div className="row">
                <button type="button" className="primary" onClick={() => setAdding(true)}>
                  Add a contact
                </button>
              </div>
              <ContactList country={country} onOpen={open} />
            </>
          )
        ) : null}
        {tab === 'classes' ? (
          <>
            <ClassesPanel onOpen={open} />
            <TagsPanel />
          </>
        ) : null}
        {tab === 'import' ? <ImportPanel canImport={staff.permissions.includes('sendMassSms')} /> : null}
        {tab === 'numbers' ? (
          <>
            <ConsentForm country={country} canOptIn={staff.permissions.includes('sendMassSms')} />
            <ConsentList country={country} />
          </>
        ) : null}
      </div>
    </section>
  );
}
