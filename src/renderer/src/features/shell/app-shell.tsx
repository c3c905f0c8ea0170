import { useQueryClient } from '@tanstack/react-query';
import type { StaffSummary } from '../../../../shared/contract';
import { areas, useUi, type Area } from '../../stores/ui-store';
import { AuditLogView } from '../reports/audit-log-view';
import { SettingsPage } from '../settings/settings-page';
import { ComingSoon } from './coming-soon';
import { TopBar } from './top-bar';
import { SandboxBanner } from '../../components/sandbox-banner';
import { useActivityReporter } from './use-activity-reporter';
import { CreditIndicator } from '../credits/credit-indicator';
import { CreditsPage } from '../credits/credits-page';
import { ComposePage } from '../compose/compose-page';
import { ContactsPage } from '../contacts/contacts-page';
import { MessengerPage } from '../messenger/messenger-page';
import { useUnreadReplies } from '../../api/messenger-queries';
import { ScreenErrorBoundary } from './screen-error-boundary';

function AreaView({ area, staff }: { area: Area; staff: StaffSummary }) {
  if (area === 'Settings') return <SettingsPage staff={staff} />;
  if (area === 'Reports') return <AuditLogView staff={staff} />;
  if (area === 'Credits') return <CreditsPage staff={staff} />;
  if (area === 'Compose') return <ComposePage staff={staff} />;
  if (area === 'Contacts') return <ContactsPage staff={staff} />;
  if (area === 'Messenger Center') return <MessengerPage staff={staff} />;
  return <ComingSoon area={area} />;
}

export function AppShell({ staff }: { staff: StaffSummary }) {
  const { area, setArea } = useUi();
  const queryClient = useQueryClient();
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
            <AreaView area={area} staff={staff} />
          </ScreenErrorBoundary>
        </main>
      </div>
    </div>
  );
}
