import { randomUUID } from 'node:crypto';
import { AppError, permissions as allPermissions, withImpliedPermissions, type SessionState } from '../../../shared/contract';
import type { Caller } from '../router';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { StaffRecord } from '../ports/stores/staff-store';
import type { AuditLog } from './audit-log';
import { hashSecret, verifySecret, type ScryptParams } from './password-hash';
import { toSummary } from './staff-summary';

interface Session {
  staffId: string;
  lastActivity: number;
  locked: boolean;
}

export interface SessionDeps {
  storage: Storage;
  audit: AuditLog;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  scrypt?: ScryptParams;
}

/** Who is signed in at each window, with auto-lock, lock-out and quick switch. */
export class SessionService {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: SessionDeps) {}

  private get staff() {
    return this.deps.storage.staff;
  }

  /** Every window or tab with someone signed in (locked or not): who a notice may go to. */
  signedInSessions(): string[] {
    return [...this.sessions.keys()];
  }

  /** The caller for a session; marks it locked first if the desk sat idle too long. */
  async callerFor(sessionId: string): Promise<Caller | null> {
    const session = this.sessions.get(sessionId);
    if (!session) return null;
    const staff = await this.staff.find(session.staffId);
    if (!staff || !staff.active) {
      // Only if it is still the session that was looked up (not signed in afresh meanwhile).
      if (this.sessions.get(sessionId) === session) this.sessions.delete(sessionId);
      return null;
    }
    const idleMs = this.deps.settings.read().idleLockMinutes * 60_000;
    if (!session.locked && this.deps.clock.now() - session.lastActivity > idleMs) {
      session.locked = true;
      await this.emit(sessionId);
    }
    return { staffId: staff.id, name: staff.name, permissions: withImpliedPermissions(staff.permissions), locked: session.locked };
  }

  async state(sessionId: string): Promise<SessionState> {
    const caller = await this.callerFor(sessionId);
    const staff = caller ? await this.staff.find(caller.staffId) : null;
    return {
      staff: staff ? toSummary(staff) : null,
      locked: caller?.locked ?? false,
      idleLockMinutes: this.deps.settings.read().idleLockMinutes,
    };
  }

  touch(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (session && !session.locked) session.lastActivity = this.deps.clock.now();
  }

  async createFirstAdmin(sessionId: string, name: string, secret: string): Promise<SessionState> {
    if ((await this.staff.count()) > 0) throw alreadySetUp();
    const id = randomUUID();
    const secretHash = await hashSecret(secret, this.deps.scrypt);
    await this.deps.storage.transaction(async (tx) => {
      // Re-checked after the slow hash, in the same transaction as the insert, so two first-run
      // windows cannot both create an admin.
      if ((await tx.staff.count()) > 0) throw alreadySetUp();
      await tx.staff.insert({ id, name, secretHash, permissions: allPermissions, createdAt: this.deps.clock.now() });
      await this.deps.audit.append({ staffId: id, action: 'staff.firstAdminCreated', detail: name }, tx);
    });
    return this.start(sessionId, id);
  }

  async signIn(sessionId: string, staffId: string, secret: string): Promise<SessionState> {
    const staff = await this.checkSecret(staffId, secret);
    const previous = this.sessions.get(sessionId);
    await this.deps.audit.append({
      staffId,
      action: previous && previous.staffId !== staffId ? 'session.switchUser' : 'session.signIn',
      detail: '',
    });
    return this.start(sessionId, staff.id);
  }

  async signOut(sessionId: string): Promise<SessionState> {
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    if (session) await this.deps.audit.append({ staffId: session.staffId, action: 'session.signOut', detail: '' });
    await this.emit(sessionId);
    return this.state(sessionId);
  }

  async lock(sessionId: string): Promise<SessionState> {
    const session = this.sessions.get(sessionId);
    if (session) session.locked = true;
    await this.emit(sessionId);
    return this.state(sessionId);
  }

  async unlock(sessionId: string, secret: string): Promise<SessionState> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new AppError('NOT_SIGNED_IN', 'Nobody is signed in here. Please sign in.');
    await this.checkSecret(session.staffId, secret);
    return this.start(sessionId, session.staffId);
  }

  end(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  /**
   * Ends every session of a staff member (deactivated, or their PIN was reset), except `keep`:
   * the window where they changed their own PIN stays signed in.
   */
  async endAllFor(staffId: string, keep?: string): Promise<void> {
    const ended = [...this.sessions].filter(([id, session]) => session.staffId === staffId && id !== keep).map(([id]) => id);
    for (const id of ended) this.sessions.delete(id);
    for (const id of ended) await this.emit(id);
  }

  /**
   * Judges a PIN. The try is taken before the slow compare (see reservePinAttempt), and the
   * answer only stands if the profile is still active with the same PIN once the compare is done.
   */
  private async checkSecret(staffId: string, secret: string): Promise<StaffRecord> {
    const staff = await this.staff.find(staffId);
    const now = this.deps.clock.now();
    if (!staff || !staff.active) throw badCredentials();
    const { maxPinAttempts, lockoutMinutes } = this.deps.settings.read();
    const reserved = await this.deps.storage.transaction(async (tx) => {
      const taken = await tx.staff.reservePinAttempt(staff.id, { now, maxAttempts: maxPinAttempts, lockoutUntil: now + lockoutMinutes * 60_000 });
      if (!taken.judged && taken.startedNow) {
        await this.deps.audit.append({ staffId: staff.id, action: 'session.lockedOut', detail: 'too many tries at once' }, tx);
      }
      return taken;
    });
    if (!reserved.judged) throw lockedOut(reserved.lockedOutUntil, now);
    const right = await verifySecret(secret, staff.secretHash);
    const verdict = await this.judge(staff, right, reserved.attempt, maxPinAttempts, lockoutMinutes);
    if ('error' in verdict) throw verdict.error;
    return verdict.staff;
  }

  /**
   * Records the outcome of a judged try in one transaction. A wrong PIN's count, lock-out and
   * audit rows must be kept, so the refusal is returned, not thrown (a throw would roll them back).
   */
  private judge(staff: StaffRecord, right: boolean, attempt: number, maxPinAttempts: number, lockoutMinutes: number) {
    return this.deps.storage.transaction(async (tx): Promise<{ staff: StaffRecord } | { error: AppError }> => {
      const current = await tx.staff.find(staff.id);
      // Reset or deactivated while the hash was being compared: this answer is about an old PIN.
      if (!current || !current.active || current.secretHash !== staff.secretHash) return { error: badCredentials() };
      if (right) {
        await tx.staff.clearFailures(staff.id);
        return { staff: current };
      }
      const at = this.deps.clock.now();
      if (attempt >= maxPinAttempts) {
        const until = at + lockoutMinutes * 60_000;
        await tx.staff.lockOut(staff.id, until);
        await this.deps.audit.append({ staffId: staff.id, action: 'session.lockedOut', detail: `${attempt} wrong attempts` }, tx);
        return { error: lockedOut(until, at) };
      }
      await this.deps.audit.append({ staffId: staff.id, action: 'session.signInFailed', detail: `attempt ${attempt}` }, tx);
      const left = maxPinAttempts - attempt;
      return {
        error: new AppError('BAD_CREDENTIALS', `That PIN or password is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before this profile is locked.`, {
          attemptsLeft: left,
        }),
      };
    });
  }

  private async start(sessionId: string, staffId: string): Promise<SessionState> {
    this.sessions.set(sessionId, { staffId, lastActivity: this.deps.clock.now(), locked: false });
    await this.emit(sessionId);
    return this.state(sessionId);
  }

  private async emit(sessionId: string): Promise<void> {
    this.deps.events.emit('session.changed', await this.stateWithoutSideEffects(sessionId), sessionId);
  }

  private async stateWithoutSideEffects(sessionId: string): Promise<SessionState> {
    const session = this.sessions.get(sessionId);
    const staff = session ? await this.staff.find(session.staffId) : null;
    return {
      staff: staff ? toSummary(staff) : null,
      locked: session?.locked ?? false,
      idleLockMinutes: this.deps.settings.read().idleLockMinutes,
    };
  }
}

const alreadySetUp = (): AppError => new AppError('CONFLICT', 'SMS Desk already has an admin. Sign in instead.');
const badCredentials = (): AppError => new AppError('BAD_CREDENTIALS', 'That PIN or password is not right.');

function lockedOut(until: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new AppError('LOCKED_OUT', `Too many wrong tries. This profile is locked for about ${minutes} minutes, or an admin can reset its PIN.`, {
    lockedOutUntil: until,
  });
}
