import type { ComponentType } from 'react';
import type { StaffSummary } from '../../../../shared/contract';
import { SecurityTab } from './security-tab';
import { StaffTab } from './staff-tab';

export interface SettingsTab {
  id: string;
  label: string;
  adminOnly: boolean;
  Component: ComponentType<{ staff: StaffSummary }>;
}

/** Add a settings section with one line here. */
export const settingsTabs: SettingsTab[] = [
  { id: 'staff', label: 'Staff', adminOnly: true, Component: StaffTab },
  { id: 'security', label: 'Security', adminOnly: true, Component: SecurityTab },
];
