import { Suspense, useState } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { useUi } from '../../stores/ui-store';
import { settingsTabs } from './settings-tabs';

export function SettingsPage({ staff }: { staff: StaffSummary }) {
  const visible = settingsTabs.filter((tab) => !tab.adminOnly || staff.permissions.includes('adminAccess'));
  const asked = useUi((state) => state.settingsTab);
  const [selected, setSelected] = useState(asked ?? visible[0]?.id ?? '');
  const current = visible.find((tab) => tab.id === selected) ?? visible[0];

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {visible.length === 0 ? (
        <p>Settings are managed by an admin. Ask an admin if something needs changing.</p>
      ) : (
        <>
          <div role="tablist" aria-label="Settings sections" className="tabs">
            {visible.map((tab) => (
              <button
                key={tab.id}
                role="tab"
                id={`tab-${tab.id}`}
                aria-selected={tab.id === current?.id}
                aria-controls={`panel-${tab.id}`}
                tabIndex={tab.id === current?.id ? 0 : -1}
                onClick={() => setSelected(tab.id)}
                onKeyDown={(event) => {
                  const index = visible.findIndex((t) => t.id === tab.id);
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = visible[(index + step + visible.length) % visible.length];
                  if (next) {
                    setSelected(next.id);
                    document.getElementById(`tab-${next.id}`)?.focus();
                  }
                }}
              >
                {tab.label}
              </button>
            ))}
          </div>
          {current ? (
            <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
              <Suspense fallback={<p className="loading">Loading…</p>}>
                <current.Component staff={staff} />
              </Suspense>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
