import { randomUUID } from 'node:crypto';
import { ADMIN_SECRET_RULE, adminSecretSchema, AppError, type Permission, type StaffSummary } from '../../../shared/contract';
import type { Clock } from '../ports/clock';
import { hashSecret, type ScryptParams } from './password-hash';
import type { SessionService } from './session-service';
import { toSummary, type StaffRepository } from './staff-repository';

/** Admin management of staff profiles. Permission checks happen in the router. */
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly scrypt?: ScryptParams,
  ) {}

  directory(): { id: string; name: string }[] {
    return this.staff
      .list()
      .filter((s) => s.active)
      .map(({ id, name }) => ({ id, name }));
  }

  list(): StaffSummary[] {
    return this.staff.list().map(toSummary);
  }

  async create(input: { name: string; secret: string; permissions: Permission[] }): Promise<StaffSummary> {
    const id = randomUUID();
    const secretHash = await hashSecret(input.secret, this.scrypt);
    this.staff.insert({ id, name: input.name, secretHash, permissions: unique(input.permissions), createdAt: this.clock.now() });
    return this.summary(id);
  }

  update(input: { id: string; name?: string; permissions?: Permission[]; active?: boolean }): StaffSummary {
    const current = this.staff.find(input.id);
    if (!current) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    const staysAdmin = (input.active ?? current.active) && (input.permissions ?? current.permissions).includes('adminAccess');
    const isAdmin = current.active && current.permissions.includes('adminAccess');
    if (isAdmin && !staysAdmin && this.staff.activeAdminCount() <= 1) {
      throw new AppError('FAILED_PRECONDITION', 'SMS Desk needs at least one active admin. Give someone else Admin Access first.');
    }
    this.staff.update(input.id, {
      name: input.name,
      permissions: input.permissions ? unique(input.permissions) : undefined,
      active: input.active,
    });
    if (input.active === false) this.sessions.endAllFor(input.id);
    return this.summary(input.id);
  }

  /** A new PIN signs the person out everywhere but `bySession`, the admin window that set it. */
  async resetSecret(id: string, secret: string, bySession: string): Promise<void> {
    const member = this.staff.find(id);
    if (!member) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    // The contract checks the PIN's shape; only here is it known whether this person is an admin.
    if (member.permissions.includes('adminAccess') && !adminSecretSchema.safeParse(secret).success) {
      throw new AppError('INVALID_INPUT', `${ADMIN_SECRET_RULE}.`);
    }
    this.staff.update(id, { secretHash: await hashSecret(secret, this.scrypt) });
    this.staff.clearFailures(id);
    this.sessions.endAllFor(id, bySession);
  }

  private summary(id: string): StaffSummary {
    const record = this.staff.find(id);
    if (!record) throw new AppError('NOT_FOUND', 'That staff member no longer exists.');
    return toSummary(record);
  }
}

const unique = (list: Permission[]): Permission[] => [...new Set(list)];
