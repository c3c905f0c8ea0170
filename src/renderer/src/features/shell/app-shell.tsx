import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { areas, useUi, type Area } from '../../stores/ui-store';
import { ComingSoon } from './coming-soon';
import { TopBar } from './top-bar';
import { SandboxBanner } from '../../components/sandbox-banner';
import { useActivityReporter } from './use-activity-reporter';
import { CreditIndicator } from '../credits/credit-indicator';
import { LowBalanceWarning } from '../credits/low-balance-warning';
import { ComposePage } from '../compose/compose-page';
import { useUnreadReplies } from '../../api/messenger-queries';
import { ScreenErrorBoundary } from './screen-error-boundary';
import { lazyScreen } from './lazy-screen';

// Compose is the first screen and comes with the app; every other area is fetched when first opened.
const SettingsPage = lazyScreen(() => import('../settings/settings-page').then((m) => m.SettingsPage));
const ReportsPage = lazyScreen(() => import('../reports/reports-page').then((m) => m.ReportsPage));
const CreditsPage = lazyScreen(() => import('../credits/credits-page').then((m) => m.CreditsPage));
const ContactsPage = lazyScreen(() => import('../contacts/contacts-page').then((m) => m.ContactsPage));
const MessengerPage = lazyScreen(() => import('../messenger/messenger-page').then((m) => m.MessengerPage));
const AutopilotPage = lazyScreen(() => import('../autopilot/autopilot-page').then((m) => m.AutopilotPage));

function AreaView({ area, staff }: { area: Area; staff: StaffSummary }) {
  if (area === 'Settings') return <SettingsPage staff={staff} />;
  if (area === 'Reports') return <ReportsPage staff={staff} />;
  if (area === 'Credits') return <CreditsPage staff={staff} />;
  if (area === 'Compose') return <ComposePage staff={staff} />;
  if (area === 'Contacts') return <ContactsPage staff={staff} />;
  if (area === 'Messenger Center') return <MessengerPage staff={staff} />;
  if (area === 'Autopilot') return <AutopilotPage staff={staff} />;
  return <ComingSoon area={area} />;
}

export function AppShell({ staff }: { staff: StaffSummary }) {
  const { area, setArea } = useUi();
  const queryClient = useQueryClient();
  // The same count as the title's (features/attention), kept current by main's events.
  const unread = useUnreadReplies(staff.permissions.includes('messengerCenter')).data?.unread ?? 0;
  useActivityReporter();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar name={staff.name}>
        <CreditIndicator />
      </TopBar>
      <SandboxBanner />
      {/* Compose shows the same warning beside the message, where the credits are spent. */}
      {area === 'Compose' ? null : <LowBalanceWarning canBuy={staff.permissions.includes('adminAccess')} />}
      <div className="body">
        <nav aria-label="Main">
          <ul>
            {areas.map((name) => (
              <li key={name}>
                <a
                  href={`#${name}`}
                  aria-current={name === area ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    setArea(name);
                  }}
                >
                  {name}
                  {name === 'Messenger Center' && unread > 0 ? (
                    <span className="badge">
                      {unread}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {/* Keyed by area: going to another screen and back starts that screen afresh. */}
          <ScreenErrorBoundary key={area} what="This screen" onRetry={() => void queryClient.invalidateQueries()}>
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <AreaView area={area} staff={staff} />
            </Suspense>
          </ScreenErrorBoundary>
        </main>
      </div>
    </div>
  );
}
