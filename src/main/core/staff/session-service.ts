import { randomUUID } from 'node:crypto';
import { AppError, permissions as allPermissions, type SessionState } from '../../../shared/contract';
import type { Caller } from '../router';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { AuditLog } from './audit-log';
import { hashSecret, verifySecret, type ScryptParams } from './password-hash';
import { toSummary, type StaffRecord, type StaffRepository } from './staff-repository';

interface Session {
  staffId: string;
  lastActivity: number;
  locked: boolean;
}

export interface SessionDeps {
  staff: StaffRepository;
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

  /** The caller for a session; marks it locked first if the desk sat idle too long. */
  callerFor(sessionId: string): Caller | null {
    const session = this.sessions.get(sessionId);
    if (!session) return null;
    const staff = this.deps.staff.find(session.staffId);
    if (!staff || !staff.active) {
      this.sessions.delete(sessionId);
      return null;
    }
    const idleMs = this.deps.settings.read().idleLockMinutes * 60_000;
    if (!session.locked && this.deps.clock.now() - session.lastActivity > idleMs) {
      session.locked = true;
      this.emit(sessionId);
    }
    return { staffId: staff.id, name: staff.name, permissions: staff.permissions, locked: session.locked };
  }

  state(sessionId: string): SessionState {
    const caller = this.callerFor(sessionId);
    const staff = caller ? this.deps.staff.find(caller.staffId) : null;
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
    if (this.deps.staff.count() > 0) throw new AppError('CONFLICT', 'SMS Desk already has an admin. Sign in instead.');
    const id = randomUUID();
    const secretHash = await hashSecret(secret, this.deps.scrypt);
    // Re-check after the slow hash so two first-run windows cannot both create an admin.
    if (this.deps.staff.count() > 0) throw new AppError('CONFLICT', 'SMS Desk already has an admin. Sign in instead.');
    this.deps.staff.insert({ id, name, secretHash, permissions: allPermissions, createdAt: this.deps.clock.now() });
    this.deps.audit.append({ staffId: id, action: 'staff.firstAdminCreated', detail: name });
    return this.start(sessionId, id);
  }

  async signIn(sessionId: string, staffId: string, secret: string): Promise<SessionState> {
    const staff = await this.checkSecret(staffId, secret);
    const previous = this.sessions.get(sessionId);
    this.deps.audit.append({
      staffId,
      action: previous && previous.staffId !== staffId ? 'session.switchUser' : 'session.signIn',
      detail: '',
    });
    return this.start(sessionId, staff.id);
  }

  signOut(sessionId: string): SessionState {
    const session = this.sessions.get(sessionId);
    if (session) this.deps.audit.append({ staffId: session.staffId, action: 'session.signOut', detail: '' });
    this.sessions.delete(sessionId);
    this.emit(sessionId);
    return this.state(sessionId);
  }

  lock(sessionId: string): SessionState {
    const session = this.sessions.get(sessionId);
    if (session) session.locked = true;
    this.emit(sessionId);
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
  endAllFor(staffId: string, keep?: string): void {
    for (const [id, session] of this.sessions) {
      if (session.staffId === staffId && id !== keep) {
        this.sessions.delete(id);
        this.emit(id);
      }
    }
  }

  /**
   * Judges a PIN. The try is counted before the slow compare (see reserveAttempt), and the answer
   * only stands if the profile is still active with the same PIN once the compare is done.
   */
  private async checkSecret(staffId: string, secret: string): Promise<StaffRecord> {
    const staff = this.deps.staff.find(staffId);
    const now = this.deps.clock.now();
    if (!staff || !staff.active) throw badCredentials();
    const { maxPinAttempts, lockoutMinutes } = this.deps.settings.read();
    const attempt = this.deps.staff.reserveAttempt(staff.id, now, maxPinAttempts);
    if (attempt === null) throw this.noTriesLeft(staff.id, now, maxPinAttempts, lockoutMinutes);

    const right = await verifySecret(secret, staff.secretHash);
    const current = this.deps.staff.find(staff.id);
    // Reset or deactivated while the hash was being compared: this answer is about an old PIN.
    if (!current || !current.active || current.secretHash !== staff.secretHash) throw badCredentials();
    if (right) {
      this.deps.staff.clearFailures(staff.id);
      return current;
    }
    const at = this.deps.clock.now();
    if (attempt >= maxPinAttempts) {
      const until = at + lockoutMinutes * 60_000;
      this.deps.staff.lockOut(staff.id, until);
      this.deps.audit.append({ staffId: staff.id, action: 'session.lockedOut', detail: `${attempt} wrong attempts` });
      throw lockedOut(until, at);
    }
    this.deps.audit.append({ staffId: staff.id, action: 'session.signInFailed', detail: `attempt ${attempt}` });
    const left = maxPinAttempts - attempt;
    throw new AppError('BAD_CREDENTIALS', `That PIN or password is not right. ${left} ${left === 1 ? 'try' : 'tries'} left before this profile is locked.`, {
      attemptsLeft: left,
    });
  }

  /** No try left: the profile is locked out already, or every try is taken and it is locked out now. */
  private noTriesLeft(staffId: string, now: number, maxPinAttempts: number, lockoutMinutes: number): AppError {
    const until = now + lockoutMinutes * 60_000;
    if (this.deps.staff.lockOutWhenFull(staffId, now, maxPinAttempts, until)) {
      this.deps.audit.append({ staffId, action: 'session.lockedOut', detail: 'too many tries at once' });
      return lockedOut(until, now);
    }
    return lockedOut(this.deps.staff.find(staffId)?.lockedOutUntil ?? until, now);
  }

  private start(sessionId: string, staffId: string): SessionState {
    this.sessions.set(sessionId, { staffId, lastActivity: this.deps.clock.now(), locked: false });
    this.emit(sessionId);
    return this.state(sessionId);
  }

  private emit(sessionId: string): void {
    this.deps.events.emit('session.changed', this.stateWithoutSideEffects(sessionId), sessionId);
  }

  private stateWithoutSideEffects(sessionId: string): SessionState {
    const session = this.sessions.get(sessionId);
    const staff = session ? this.deps.staff.find(session.staffId) : null;
    return {
      staff: staff ? toSummary(staff) : null,
      locked: session?.locked ?? false,
      idleLockMinutes: this.deps.settings.read().idleLockMinutes,
    };
  }
}

const badCredentials = (): AppError => new AppError('BAD_CREDENTIALS', 'That PIN or password is not right.');

function lockedOut(until: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new AppError('LOCKED_OUT', `Too many wrong tries. This profile is locked for about ${minutes} minutes, or an admin can reset its PIN.`, {
    lockedOutUntil: until,
  });
}
