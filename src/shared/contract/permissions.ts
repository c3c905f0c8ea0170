import { z } from 'zod';

/** SPEC §1: the four permissions a staff profile can hold. */
export const permissions = ['adminAccess', 'sendMassSms', 'availabilityOverride', 'messengerCenter'] as const;
export type Permission = (typeof permissions)[number];
export const permissionSchema = z.enum(permissions);

export const permissionLabels: Record<Permission, string> = {
  adminAccess: 'Admin Access',
  sendMassSms: 'Send Mass SMS',
  availabilityOverride: 'Mass Text Availability Override',
  messengerCenter: 'Messenger Center',
};

/**
 * Who may call a channel: anyone with a window (`public`), any signed-in and unlocked
 * staff member (`signedIn`), or a staff member holding a specific permission.
 */
export type Access = 'public' | 'signedIn' | Permission;
