import type { staffChannels } from '../../../shared/contract';
import type { Caller, Handlers } from '../router';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import { AuditLog } from './audit-log';
import { RefusalAudit } from './refusal-audit';
import type { ScryptParams } from './password-hash';
import { SessionService } from './session-service';
import { StaffService } from './staff-service';

export interface StaffModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  version?: string;
  scrypt?: ScryptParams;
}

export type StaffHandlers = Pick<Handlers, keyof typeof staffChannels>;

export function createStaffModule(deps: StaffModuleDeps) {
  const audit = new AuditLog(deps.storage, deps.clock);
  const refusals = new RefusalAudit(audit, deps.clock);
  const sessions = new SessionService({ ...deps, audit });
  const staff = new StaffService(deps.storage, sessions, deps.clock, deps.scrypt);

  const security = () => {
    const { idleLockMinutes, maxPinAttempts, lockoutMinutes } = deps.settings.read();
    return { idleLockMinutes, maxPinAttempts, lockoutMinutes };
  };

  const handlers: StaffHandlers = {
    'app.status': async () => ({
      needsFirstAdmin: (await deps.storage.staff.count()) === 0,
      mode: deps.settings.read().mode,
      country: deps.settings.read().country,
      version: deps.version ?? '0.1.0',
    }),
    'session.current': (_input, ctx) => sessions.state(ctx.sessionId),
    'session.createFirstAdmin': (input, ctx) => sessions.createFirstAdmin(ctx.sessionId, input.name, input.secret),
    'session.signIn': (input, ctx) => sessions.signIn(ctx.sessionId, input.staffId, input.secret),
    'session.signOut': (_input, ctx) => sessions.signOut(ctx.sessionId),
    'session.lock': (_input, ctx) => sessions.lock(ctx.sessionId),
    'session.unlock': (input, ctx) => sessions.unlock(ctx.sessionId, input.secret),
    // The only call that keeps a desk awake: the renderer sends it when a person types or clicks.
    'session.activity': (_input, ctx) => sessions.touch(ctx.sessionId),
    'staff.directory': () => staff.directory(),
    'staff.list': () => staff.list(),
    'staff.create': (input) => staff.create(input),
    'staff.update': (input) => staff.update(input),
    'staff.resetSecret': (input, ctx) => staff.resetSecret(input.id, input.secret, ctx.sessionId),
    'security.getSettings': () => security(),
    'security.updateSettings': (input) => {
      deps.settings.update(input);
      return security();
    },
    'audit.list': (input) => audit.list(input),
  };

  return {
    handlers,
    audit,
    refusals,
    sessions,
    /**
     * Who is calling; never counts as activity. Screens poll in the background (sends.status every
     * few seconds), so only session.activity, sent when a person acts, may keep a desk unlocked.
     */
    callerFor: (sessionId: string): Promise<Caller | null> => sessions.callerFor(sessionId),
    endSession: (sessionId: string) => sessions.end(sessionId),
    signedInSessions: () => sessions.signedInSessions(),
  };
}
