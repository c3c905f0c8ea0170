import { z } from 'zod';

/** SPEC §1: the permissions a staff profile can hold (View Reports added with the Reports screen). */
export const permissions = ['adminAccess', 'sendMassSms', 'availabilityOverride', 'messengerCenter', 'viewReports'] as const;
export type Permission = (typeof permissions)[number];
export const permissionSchema = z.enum(permissions);

export const permissionLabels: Record<Permission, string> = {
  adminAccess: 'Admin Access',
  sendMassSms: 'Send Mass SMS',
  availabilityOverride: 'Mass Text Availability Override',
  messengerCenter: 'Messenger Center',
  viewReports: 'View Reports',
};

/** Admins see the reports whether or not View Reports was ticked (profiles made before it existed too). */
export function withImpliedPermissions(held: readonly Permission[]): Permission[] {
  return held.includes('adminAccess') && !held.includes('viewReports') ? [...held, 'viewReports'] : [...held];
}

/**
 * Who may call a channel: anyone with a window (`public`), any signed-in and unlocked
 * staff member (`signedIn`), or a staff member holding a specific permission.
 */
export type Access = 'public' | 'signedIn' | Permission;
