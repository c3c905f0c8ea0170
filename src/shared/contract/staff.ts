import { z } from 'zod';
import { defineChannels } from './define';
import { modeSchema } from './mode';
import { permissions, permissionSchema } from './permissions';

const name = z.string().trim().min(1, 'Enter a name').max(60, 'Use at most 60 characters');
/** A PIN (4–12 digits) or a password (8–128 characters). */
export const secretSchema = z
  .string()
  .max(128, 'Use at most 128 characters')
  .refine((s) => /^\d{4,12}$/.test(s) || s.length >= 8, 'Use a PIN of 4–12 digits or a password of at least 8 characters');
/**
 * Admin Access opens everything (credentials, staff, credits), and a 4-digit PIN falls quickly to
 * anyone who copies the database, so an admin's PIN is longer: 6–12 digits, or a password.
 */
export const ADMIN_SECRET_RULE = 'Admins need a PIN of 6–12 digits or a password of at least 8 characters';
export const adminSecretSchema = z
  .string()
  .max(128, 'Use at most 128 characters')
  .refine((s) => /^\d{6,12}$/.test(s) || s.length >= 8, ADMIN_SECRET_RULE);
const staffId = z.string().min(1).max(64);
/** The shortest idle auto-lock an admin may choose; the renderer reports activity well within it. */
export const MIN_IDLE_LOCK_MINUTES = 1;

export const staffSummarySchema = z.object({
  id: staffId,
  name: z.string(),
  permissions: z.array(permissionSchema),
  active: z.boolean(),
  lockedOutUntil: z.number().int().nullable(),
  createdAt: z.number().int(),
});
export type StaffSummary = z.infer<typeof staffSummarySchema>;

export const sessionStateSchema = z.object({
  staff: staffSummarySchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  detail: z.string(),
  override: z.boolean(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const staffChannels = defineChannels({
  'app.status': {
    access: 'public',
    input: z.void(),
    // country: the business's, ISO 3166 alpha-2; numbers typed without a country code are read in it.
    output: z.object({ needsFirstAdmin: z.boolean(), mode: modeSchema, country: z.string(), version: z.string() }),
  },
  'session.current': { access: 'public', input: z.void(), output: sessionStateSchema },
  'session.createFirstAdmin': {
    access: 'public',
    input: z.object({ name, secret: adminSecretSchema }).strict(),
    output: sessionStateSchema,
  },
  'session.signIn': {
    access: 'public',
    input: z.object({ staffId, secret: z.string().min(1).max(128) }).strict(),
    output: sessionStateSchema,
  },
  'session.signOut': { access: 'public', input: z.void(), output: sessionStateSchema },
  'session.lock': { access: 'public', input: z.void(), output: sessionStateSchema },
  'session.unlock': {
    access: 'public',
    input: z.object({ secret: z.string().min(1).max(128) }).strict(),
    output: sessionStateSchema,
  },
  /** The renderer reports user activity (throttled) so main can auto-lock an idle desk. */
  'session.activity': { access: 'signedIn', input: z.void(), output: z.void() },
  'staff.directory': {
    access: 'public',
    input: z.void(),
    output: z.array(z.object({ id: staffId, name: z.string() })),
  },
  'staff.list': { access: 'adminAccess', input: z.void(), output: z.array(staffSummarySchema) },
  'staff.create': {
    access: 'adminAccess',
    audited: true,
    input: z
      .object({ name, secret: secretSchema, permissions: z.array(permissionSchema).max(permissions.length) })
      .strict()
      .refine((staff) => !staff.permissions.includes('adminAccess') || adminSecretSchema.safeParse(staff.secret).success, {
        message: ADMIN_SECRET_RULE,
        path: ['secret'],
      }),
    output: staffSummarySchema,
  },
  'staff.update': {
    access: 'adminAccess',
    audited: true,
    input: z
      .object({ id: staffId, name: name.optional(), permissions: z.array(permissionSchema).max(permissions.length).optional(), active: z.boolean().optional() })
      .strict(),
    output: staffSummarySchema,
  },
  'staff.resetSecret': {
    access: 'adminAccess',
    audited: true,
    input: z.object({ id: staffId, secret: secretSchema }).strict(),
    output: z.void(),
  },
  'security.getSettings': {
    access: 'signedIn',
    input: z.void(),
    output: z.object({ idleLockMinutes: z.number().int(), maxPinAttempts: z.number().int(), lockoutMinutes: z.number().int() }),
  },
  'security.updateSettings': {
    access: 'adminAccess',
    audited: true,
    input: z
      .object({
        idleLockMinutes: z.number().int().min(MIN_IDLE_LOCK_MINUTES).max(240),
        maxPinAttempts: z.number().int().min(3).max(20),
        lockoutMinutes: z.number().int().min(1).max(1440),
      })
      .partial()
      .strict(),
    output: z.object({ idleLockMinutes: z.number().int(), maxPinAttempts: z.number().int(), lockoutMinutes: z.number().int() }),
  },
  'audit.list': {
    access: 'adminAccess',
    input: z
      .object({
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        // Filters: one person's entries, one kind of action.
        staffId: staffId.optional(),
        action: z.string().max(100).optional(),
      })
      .strict(),
    output: z.array(auditEntrySchema),
  },
});
