import type { ComponentType } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { SecurityTab } from './security-tab';
import { StaffTab } from './staff-tab';
import { SmsSettingsTab } from '../settings-sms/sms-settings-tab';
import { CreditsSettingsTab } from '../credits/credits-settings-tab';

export interface SettingsTab {
  id: string;
  label: string;
  adminOnly: boolean;
  Component: ComponentType<{ staff: StaffSummary }>;
}

/** Add a settings section with one line here. */
export const settingsTabs: SettingsTab[] = [
  { id: 'staff', label: 'Staff', adminOnly: true, Component: StaffTab },
  { id: 'sms', label: 'SMS', adminOnly: true, Component: SmsSettingsTab },
  { id: 'credits', label: 'Credits', adminOnly: true, Component: CreditsSettingsTab },
  { id: 'security', label: 'Security', adminOnly: true, Component: SecurityTab },
];
