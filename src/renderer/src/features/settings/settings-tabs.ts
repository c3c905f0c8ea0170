import type { ComponentType } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { lazyScreen } from '../shell/lazy-screen';

type TabProps = { staff: StaffSummary };

// Each tab's code is fetched when the tab is first opened (Settings → SMS is most of it).
const lazyTab = (load: () => Promise<ComponentType<TabProps>>) => lazyScreen<TabProps>(load);
const StaffTab = lazyTab(() => import('./staff-tab').then((m) => m.StaffTab));
const SmsSettingsTab = lazyTab(() => import('../settings-sms/sms-settings-tab').then((m) => m.SmsSettingsTab));
const CreditsSettingsTab = lazyTab(() => import('../credits/credits-settings-tab').then((m) => m.CreditsSettingsTab));
const SecurityTab = lazyTab(() => import('./security-tab').then((m) => m.SecurityTab));

export interface SettingsTab {
  id: string;
  label: string;
  adminOnly: boolean;
  Component: ComponentType<TabProps>;
}

/** Add a settings section with one line here. */
export const settingsTabs: SettingsTab[] = [
  { id: 'staff', label: 'Staff', adminOnly: true, Component: StaffTab },
  { id: 'sms', label: 'SMS', adminOnly: true, Component: SmsSettingsTab },
  { id: 'credits', label: 'Credits', adminOnly: true, Component: CreditsSettingsTab },
  { id: 'security', label: 'Security', adminOnly: true, Component: SecurityTab },
];
