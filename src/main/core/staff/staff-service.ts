import { randomUUID } from 'node:crypto';
import { ADMIN_SECRET_RULE, adminSecretSchema, AppError, type Permission, type StaffSummary } from '../../../shared/contract';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { StaffStore } from '../ports/stores/staff-store';
import { hashSecret, type ScryptParams } from './password-hash';
import type { SessionService } from './session-service';
import { toSummary } from './staff-summary';

/** Admin management of staff profiles. Permission checks happen in the router. */
export class StaffService {
  constructor(
    private readonly storage: Storage,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly scrypt?: ScryptParams,
  ) {}

  async directory(): Promise<{ id: string; name: string }[]> {
    return (await this.storage.staff.list()).filter((s) => s.active).map(({ id, name }) => ({ id, name }));
  }

  async list(): Promise<StaffSummary[]> {
    return (await this.storage.staff.list()).map(toSummary);
  }

  async create(input: { name: string; secret: string; permissions: Permission[] }): Promise<StaffSummary> {
    const id = randomUUID();
    const secretHash = await hashSecret(input.secret, this.scrypt);
    await this.storage.staff.insert({ id, name: input.name, secretHash, permissions: unique(input.permissions), createdAt: this.clock.now() });
    return summary(this.storage.staff, id);
  }

  async update(input: { id: string; name?: string; permissions?: Permission[]; active?: boolean }): Promise<StaffSummary> {
    // One transaction: two admins demoting each other at once cannot leave nobody with Admin Access.
    const updated = await this.storage.transaction(async (tx) => {
      const current = await tx.staff.find(input.id);
      if (!current) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
      const staysAdmin = (input.active ?? current.active) && (input.permissions ?? current.permissions).includes('adminAccess');
      const isAdmin = current.active && current.permissions.includes('adminAccess');
      if (isAdmin && !staysAdmin && (await tx.staff.activeAdminCount()) <= 1) {
        throw new AppError('FAILED_PRECONDITION', 'SMS Desk needs at least one active admin. Give someone else Admin Access first.');
      }
      await tx.staff.update(input.id, {
        name: input.name,
        permissions: input.permissions ? unique(input.permissions) : undefined,
        active: input.active,
      });
      return summary(tx.staff, input.id);
    });
    if (input.active === false) await this.sessions.endAllFor(input.id);
    return updated;
  }

  /** A new PIN signs the person out everywhere but `bySession`, the admin window that set it. */
  async resetSecret(id: string, secret: string, bySession: string): Promise<void> {
    const member = await this.storage.staff.find(id);
    if (!member) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    // The contract checks the PIN's shape; only here is it known whether this person is an admin.
    if (member.permissions.includes('adminAccess') && !adminSecretSchema.safeParse(secret).success) {
      throw new AppError('INVALID_INPUT', `${ADMIN_SECRET_RULE}.`);
    }
    const secretHash = await hashSecret(secret, this.scrypt);
    await this.storage.transaction(async (tx) => {
      await tx.staff.update(id, { secretHash });
      await tx.staff.clearFailures(id);
    });
    await this.sessions.endAllFor(id, bySession);
  }
}

async function summary(staff: StaffStore, id: string): Promise<StaffSummary> {
  const record = await staff.find(id);
  if (!record) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
  return toSummary(record);
}

const unique = (list: Permission[]): Permission[] => [...new Set(list)];
